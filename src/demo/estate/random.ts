/**
 * Deterministic randomness for the demo estate. Nothing here reads Math.random: the same seed gives the
 * same company, the same alerts and the same storms on every machine.
 */

/** mulberry32: a tiny seeded PRNG for sequential draws. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function absorb(h: number, part: number): number {
  // Window and tick indices can pass 2^32 when callers hand in raw milliseconds: fold the high bits in.
  const low = part | 0;
  const high = Math.floor(part / 4_294_967_296) | 0;
  return fmix32((h ^ low) + Math.imul(high ^ 0x27d4eb2f, 0x165667b1) + 0x9e3779b9);
}

/**
 * A stateless 32-bit hash of a seed and up to three integers. Used for "what happens in window k of
 * slot i", so any moment can be computed directly without replaying history.
 */
export function hash32(seed: number, a: number, b = 0, c = 0): number {
  return absorb(absorb(absorb(absorb(0x811c9dc5, seed), a), b), c);
}

/** Like {@link hash32} but as a float in [0, 1). */
export function unit(seed: number, a: number, b = 0, c = 0): number {
  return hash32(seed, a, b, c) / 4_294_967_296;
}

/** An integer in [min, max] from a float in [0, 1). */
export function between(u: number, min: number, max: number): number {
  return min + Math.floor(u * (max - min + 1));
}

/** Picks an element by a float in [0, 1). The list must not be empty. */
export function pick<T>(list: readonly T[], u: number): T {
  const item = list[Math.min(list.length - 1, Math.floor(u * list.length))];
  if (item === undefined) throw new Error('pick() needs a non-empty list');
  return item;
}

/** Stable 32-bit hash of a string (FNV-1a), for deriving fixed estate details from names. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
