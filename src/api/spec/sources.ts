import { z } from 'zod';
import type { SourceInfo } from '../../domain/index.js';
import type { Overview } from '../contract.js';
import type { SOURCE_METHODS } from '../methods.js';
import { returns } from './types.js';
import type { SpecFor } from './types.js';

const noInput = z.strictObject({});

export const SOURCE_SPEC = {
  listSources: { input: noInput, output: returns<Readonly<{ sources: readonly SourceInfo[] }>>() },
  getOverview: { input: noInput, output: returns<Overview>() },
} as const satisfies SpecFor<typeof SOURCE_METHODS>;
