import { z } from 'zod';
import { baseSourceFields, duration, normalizeBase } from '../../config/source-base.js';

/**
 * `kind: catalog-files`: Backstage descriptor files (`catalog-info.yaml`, several documents each) in
 * a folder searched recursively, or matched by a glob; relative to the config file.
 *
 *   - id: catalog
 *     kind: catalog-files
 *     path: ./catalog          # or ./services/*\/catalog-info.yaml
 */
export const catalogFilesConfigSchema = z
  .strictObject({
    kind: z.literal('catalog-files'),
    ...baseSourceFields,
    // Descriptors change with a commit, not every 15 s.
    interval: duration(1000, 86_400_000, '1m').prefault('1m'),
    path: z.string().min(1, 'write the folder or glob of the descriptor files'),
    /** Every file together; a catalog of 20 000 entities is ~10 MB of YAML. */
    maxResponseSize: baseSourceFields.maxResponseSize.removeDefault().default('64MB'),
  })
  .transform((source) => ({ ...normalizeBase(source, []), path: source.path }));

export type CatalogFilesSourceConfig = z.output<typeof catalogFilesConfigSchema>;
