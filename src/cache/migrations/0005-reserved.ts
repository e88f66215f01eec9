import type { Migration } from './migration.js';

/**
 * Placeholders for the migration numbers given to other branches (0005, 0006), so this branch's
 * 0007 runs in order. The lead replaces them with the real steps on merge; they were never shipped.
 */
export const reserved5: Migration = { version: 5, name: 'reserved (changes)', up: () => undefined };
export const reserved6: Migration = { version: 6, name: 'reserved (slo)', up: () => undefined };
