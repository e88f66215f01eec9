/**
 * Panning and zooming the battle map without redrawing it on every frame. ECharts' own roam redraws
 * every node, label and edge for each mouse move (70–200 ms a frame at 500 services on a 2-core
 * machine): the view instead moves and scales the drawn bitmap with a CSS transform while the hand
 * moves (the compositor does that), and asks ECharts for one redraw at the new `center` and `zoom`
 * when it stops. These functions are the arithmetic, in the graph's data coordinates.
 */

export type Vec = readonly [number, number];

export const ZOOM_LIMITS = { min: 0.2, max: 8 } as const;

/** Below this many pixels a press is a click on a node, not a drag. */
export const DRAG_THRESHOLD_PX = 4;

/**
 * The centre after a drag: the point that is now in the middle of the view is the one that was at
 * `middle - moved` before the bitmap followed the hand (`dataAt` reads the view as it was drawn).
 */
export function pannedCenter(dataAt: (pixel: Vec) => Vec, middle: Vec, moved: Vec): Vec {
  return dataAt([middle[0] - moved[0], middle[1] - moved[1]]);
}

/**
 * Centre and zoom after zooming by `factor` around the pointer, so the point under the pointer stays
 * where it is (as ECharts' own wheel zoom does); the zoom is held within ZOOM_LIMITS.
 */
export function zoomedAround(
  dataAt: (pixel: Vec) => Vec,
  middle: Vec,
  pointer: Vec,
  zoom: number,
  factor: number,
): { center: Vec; zoom: number } {
  const next = Math.min(ZOOM_LIMITS.max, Math.max(ZOOM_LIMITS.min, zoom * factor));
  const applied = next / zoom;
  const centre = dataAt(middle);
  const under = dataAt(pointer);
  return {
    center: [under[0] + (centre[0] - under[0]) / applied, under[1] + (centre[1] - under[1]) / applied],
    zoom: next,
  };
}

/** The CSS transform that shows the drawn bitmap moved and scaled as it will be after the redraw. */
export function previewTransform(moved: Vec, scale: number): string {
  return `translate(${moved[0]}px, ${moved[1]}px) scale(${scale})`;
}

/** The zoom factor a wheel step asks for (one notch: ×1.1 in, ÷1.1 out). */
export function wheelFactor(deltaY: number): number {
  return deltaY < 0 ? 1.1 : deltaY > 0 ? 1 / 1.1 : 1;
}
