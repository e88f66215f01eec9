/**
 * Panning and zooming the battle map without redrawing it on every frame. ECharts' own roam redraws
 * every node, label and edge for each mouse move (70–200 ms a frame at 500 services on a 2-core
 * machine): the view instead moves and scales the drawn bitmap with a CSS transform while the hand
 * moves (the compositor does that), and when it stops asks ECharts to move or scale the drawn graph
 * by as much (its `graphRoam` action: one repaint, nothing rebuilt). These are the preview's numbers.
 */

export type Vec = readonly [number, number];

export const ZOOM_LIMITS = { min: 0.2, max: 8 } as const;

/** Below this many pixels a press is a click on a node, not a drag. */
export const DRAG_THRESHOLD_PX = 4;

/** The CSS transform that shows the drawn bitmap moved and scaled as it will be after the redraw. */
export function previewTransform(moved: Vec, scale: number): string {
  return `translate(${moved[0]}px, ${moved[1]}px) scale(${scale})`;
}

/** The zoom factor a wheel step asks for (one notch: ×1.1 in, ÷1.1 out). */
export function wheelFactor(deltaY: number): number {
  return deltaY < 0 ? 1.1 : deltaY > 0 ? 1 / 1.1 : 1;
}
