/**
 * The battle map's own pan and zoom arithmetic (roam.ts), against a view whose pixels map linearly
 * to data coordinates, as ECharts' graph view does: data = centre + (pixel - middle) / scale.
 */
import { describe, expect, it } from 'vitest';
import {
  pannedCenter,
  previewTransform,
  wheelFactor,
  ZOOM_LIMITS,
  zoomedAround,
} from '../../../renderer/topology/roam';
import type { Vec } from '../../../renderer/topology/roam';

const MIDDLE: Vec = [640, 360];

function view(center: Vec, scale: number) {
  const dataAt = (pixel: Vec): Vec => [
    center[0] + (pixel[0] - MIDDLE[0]) / scale,
    center[1] + (pixel[1] - MIDDLE[1]) / scale,
  ];
  const pixelOf = (data: Vec): Vec => [
    MIDDLE[0] + (data[0] - center[0]) * scale,
    MIDDLE[1] + (data[1] - center[1]) * scale,
  ];
  return { dataAt, pixelOf };
}

describe('panning', () => {
  it('puts under the hand, after the redraw, the point that was under it when the drag began', () => {
    const before = view([100, 50], 2);
    const grabbed: Vec = [700, 400];
    const point = before.dataAt(grabbed);
    const moved: Vec = [150, -80];
    const center = pannedCenter(before.dataAt, MIDDLE, moved);
    const after = view(center, 2);
    expect(after.pixelOf(point)[0]).toBeCloseTo(grabbed[0] + moved[0], 9);
    expect(after.pixelOf(point)[1]).toBeCloseTo(grabbed[1] + moved[1], 9);
  });

  it('keeps the centre for a drag that came back to where it started', () => {
    expect(pannedCenter(view([3, 4], 1).dataAt, MIDDLE, [0, 0])).toEqual([3, 4]);
  });
});

describe('zooming', () => {
  it('keeps the point under the pointer where it is, and scales the rest by the factor', () => {
    const before = view([0, 0], 1);
    const pointer: Vec = [900, 200];
    const point = before.dataAt(pointer);
    const next = zoomedAround(before.dataAt, MIDDLE, pointer, 1, 1.21);
    expect(next.zoom).toBeCloseTo(1.21, 12);
    const after = view(next.center, 1.21);
    expect(after.pixelOf(point)[0]).toBeCloseTo(pointer[0], 9);
    expect(after.pixelOf(point)[1]).toBeCloseTo(pointer[1], 9);
    // The middle of the view moved toward the pointer by (1 - 1/1.21) of the way.
    expect(next.center[0]).toBeCloseTo(point[0] * (1 - 1 / 1.21), 9);
  });

  it('holds the zoom within its limits and zooms only as far as they allow', () => {
    const { dataAt } = view([0, 0], 7);
    const tooFar = zoomedAround(dataAt, MIDDLE, [0, 0], 7, 2);
    expect(tooFar.zoom).toBe(ZOOM_LIMITS.max);
    // 7 → 8 is ×8/7, not ×2: the pointer's point stays put for the zoom that was applied.
    const after = view(tooFar.center, 7 * (8 / 7));
    expect(after.pixelOf(dataAt([0, 0]))[0]).toBeCloseTo(0, 9);
    expect(zoomedAround(dataAt, MIDDLE, [0, 0], 0.25, 0.5).zoom).toBe(ZOOM_LIMITS.min);
  });

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
