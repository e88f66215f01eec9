import { useLayoutEffect, useState } from 'react';
import type { RefObject } from 'react';
import type { Size } from './use-element-size';

/**
 * The element's computed font size in px, read again whenever its size changes: what the war room's
 * layout and chart compute in, so they scale with the display like its CSS (16 until measured).
 */
export function useFontSizePx(ref: RefObject<HTMLElement | null>, size: Size): number {
  const [px, setPx] = useState(16);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const parsed = Number.parseFloat(getComputedStyle(element).fontSize);
    if (Number.isFinite(parsed) && parsed > 0) setPx(parsed);
  }, [ref, size.width, size.height]);
  return px;
}
