import { describe, expect, it } from 'vitest';
import { bodyAfterTitle, snippetOf } from '../../../src/cache/runbooks/snippet.js';

const text = (parts: ReturnType<typeof snippetOf>) => parts.map((part) => part.text).join('');

describe('runbook snippets on the shelf', () => {
  it('skip the leading heading that repeats the title shown above them', () => {
    const plain = 'Disk full on a node\nUse when a filesystem is over 90% used.';
    expect(text(snippetOf(bodyAfterTitle(plain, 'Disk full on a node'), []))).toBe(
      'Use when a filesystem is over 90% used.',
    );
  });
  it('keep a body that does not start with the title', () => {
    const plain = 'Use when a filesystem is over 90% used.';
    expect(bodyAfterTitle(plain, 'Disk full on a node')).toBe(plain);
    expect(bodyAfterTitle(plain, '  ')).toBe(plain);
  });
  it('still mark the search terms in what is left', () => {
    const parts = snippetOf(bodyAfterTitle('磁盘已满\n清理 磁盘 日志', '磁盘已满'), ['磁盘']);
    expect(parts).toEqual([
      { text: '清理 ', hit: false },
      { text: '磁盘', hit: true },
      { text: ' 日志', hit: false },
    ]);
  });
});
