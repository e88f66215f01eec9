export {
  currentAndNextFreeze,
  expandFreezeRules,
  freezeOf,
  freezesAt,
  sortWindows,
  withFreeze,
} from './freezes.js';
export { changesBeforeAlert, DEFAULT_LOOK_BACK_MS, sameServiceOnly } from './what-changed.js';
export type { ServiceDistance, WhatChangedOptions } from './what-changed.js';
