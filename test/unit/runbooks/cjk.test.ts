import { describe, expect, it } from 'vitest';
import { cjkIndexText, ftsQuery } from '../../../src/cache/runbooks/cjk.js';
import { shelfLife } from '../../../src/domain/index.js';

describe('CJK bigrams for FTS5', () => {
  it('indexes a Chinese run as overlapping bigrams and its last character', () => {
    expect(cjkIndexText('磁盘已满 disk').trim()).toBe('磁盘 盘已 已满 满  disk');
  });
  it('turns any length of Chinese term into a phrase of bigrams; only quoted strings reach FTS5', () => {
    expect(ftsQuery('磁盘')).toBe('"磁盘"*');
    expect(ftsQuery('磁盘已满')).toBe('"磁盘 盘已 已满"');
    expect(ftsQuery('盘')).toBe('"盘"*');
    expect(ftsQuery('rollback payments')).toBe('"rollback" "payments"*');
    expect(ftsQuery('a" OR NEAR(b')).toBe('"a" "OR" "NEAR" "b"*');
    expect(ftsQuery('  ')).toBeUndefined();
  });
});

describe('shelf life (预案有保鲜期)', () => {
  const now = Date.parse('2026-12-02T00:00:00Z');
  const max = 90 * 86_400_000;
  it('is stale when the last drill is older than maxAge, or review_by has passed, or it was never drilled', () => {
    expect(shelfLife({ lastDrill: '2026-05-26T00:00:00Z', updatedAt: '' }, now, max)).toEqual({
      stale: true,
      daysSinceDrill: 190,
    });
    expect(shelfLife({ lastDrill: '2026-11-01T00:00:00Z', updatedAt: '' }, now, max).stale).toBe(false);
    expect(
      shelfLife({ lastDrill: '2026-11-01T00:00:00Z', reviewBy: '2026-11-30', updatedAt: '' }, now, max).stale,
    ).toBe(true);
    expect(shelfLife({ updatedAt: '' }, now, max).stale).toBe(true);
    expect(shelfLife({ reviewBy: '2027-06-30', updatedAt: '' }, now, max).stale).toBe(false);
  });
});
