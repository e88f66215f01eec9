/** The battle map's own pan and zoom preview (roam.ts): the wheel's steps and the bitmap's transform. */
import { describe, expect, it } from 'vitest';
import { previewTransform, wheelFactor } from '../../../renderer/topology/roam';

describe('zooming', () => {
  it('reads one wheel notch as ×1.1 in or out, and a sideways scroll as nothing', () => {
    expect(wheelFactor(-100)).toBe(1.1);
    expect(wheelFactor(100)).toBeCloseTo(1 / 1.1, 12);
    expect(wheelFactor(0)).toBe(1);
  });
});

describe('the preview', () => {
  it('moves and scales the drawn bitmap as the redraw will', () => {
    expect(previewTransform([12, -3], 1.5)).toBe('translate(12px, -3px) scale(1.5)');
  });
});
