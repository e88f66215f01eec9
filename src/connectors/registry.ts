import type { BaseSourceConfig } from '../config/source-base.js';
import type { SourceKind } from '../domain/index.js';
import { alertmanagerConnector } from './alertmanager/index.js';
import { backstageConnector } from './backstage/index.js';
import { caldavConnector } from './caldav/index.js';
import { catalogFilesConnector } from './catalog-files/index.js';
import { changesJsonConnector } from './changes-json/index.js';
import { demoConnector } from './demo/index.js';
import { icalConnector } from './ical/index.js';
import { pagerdutyChangesConnector } from './pagerduty-changes/index.js';
import { prometheusConnector } from './prometheus/index.js';
import { runbooksConnector } from './runbooks/index.js';
import { sloConnector } from './slo/index.js';
import type { Connector } from './types.js';

/**
 * The connector for each source kind. `SOURCE_KINDS` (src/domain, zod-free for the renderer) must
 * list exactly these keys, each under its own `kind`: `satisfies` checks both at compile time.
 */
export const CONNECTORS = {
  alertmanager: alertmanagerConnector,
  prometheus: prometheusConnector,
  demo: demoConnector,
  slo: sloConnector,
  runbooks: runbooksConnector,
  ical: icalConnector,
  caldav: caldavConnector,
  'changes-json': changesJsonConnector,
  'pagerduty-changes': pagerdutyChangesConnector,
  'catalog-files': catalogFilesConnector,
  backstage: backstageConnector,
} as const satisfies { readonly [Kind in SourceKind]: Connector<BaseSourceConfig & { kind: Kind }> };

/** The connector that polls `source`. */
export function connectorFor(source: BaseSourceConfig): Connector {
  return CONNECTORS[source.kind];
}
