/** The cockpit's api: every domain's handlers behind one dispatcher. A new domain adds its handlers here. */
import type { ApiDispatcher } from './dispatch.js';
import { createDispatcher } from './dispatch.js';
import type { AuditRecord } from '../domain/index.js';
import type { AckHandlerDeps } from './impl/acks.js';
import { createAckHandlers } from './impl/acks.js';
import type { AlertHandlerDeps } from './impl/alerts.js';
import { createAlertHandlers } from './impl/alerts.js';
import type { AuditHandlerDeps } from './impl/audit.js';
import { createAuditHandlers } from './impl/audit.js';
import type { SloHandlerDeps } from './impl/slo.js';
import { createSloHandlers } from './impl/slo.js';
import type { ChangeHandlerDeps } from './impl/changes.js';
import { createChangeHandlers } from './impl/changes.js';
import type { TopologyHandlerDeps } from './impl/topology.js';
import { createTopologyHandlers, createTopologyModel } from './impl/topology.js';
import { METHODS } from './methods.js';
import type { RunbookHandlerDeps } from './impl/runbooks.js';
import { createRunbookHandlers } from './impl/runbooks.js';
import type { SourceHandlerDeps } from './impl/sources.js';
import { createSourceHandlers } from './impl/sources.js';
import { API_SPEC } from './spec/index.js';
import type { ApiHandlers } from './spec/index.js';

export type CockpitApiDeps = AlertHandlerDeps &
  SourceHandlerDeps &
  SloHandlerDeps &
  ChangeHandlerDeps &
  TopologyHandlerDeps &
  RunbookHandlerDeps &
  AckHandlerDeps &
  Readonly<{ audit: AuditHandlerDeps['audit'] & Readonly<{ record(entry: AuditRecord): void }> }>;

export function createCockpitDispatcher(deps: CockpitApiDeps): ApiDispatcher {
  const topologyModel = createTopologyModel(deps);
  const handlers: ApiHandlers = {
    ...createSourceHandlers(deps),
    ...createAlertHandlers({ ...deps, topologyModel }),
    ...createAuditHandlers(deps),
    ...createSloHandlers(deps),
    // Changes on dependencies up to two hops below the alert's service are candidates, scored lower.
    ...createChangeHandlers({
      ...deps,
      serviceDistance: deps.serviceDistance ?? topologyModel.serviceDistance,
    }),
    ...createTopologyHandlers({ ...deps, model: topologyModel }),
    ...createChangeHandlers(deps),
    ...createRunbookHandlers(deps),
    ...createAckHandlers(deps),
  };
  return createDispatcher({
    spec: API_SPEC,
    handlers,
    changes: deps.changes,
    logger: deps.logger,
    audit: {
      methods: METHODS,
      record: (entry) => deps.audit.record(entry),
      now: () => new Date(deps.clock.now()),
    },
  });
}
