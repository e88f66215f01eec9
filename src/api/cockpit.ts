/** The cockpit's api: every domain's handlers behind one dispatcher. A new domain adds its handlers here. */
import type { ApiDispatcher } from './dispatch.js';
import { createDispatcher } from './dispatch.js';
import type { AlertHandlerDeps } from './impl/alerts.js';
import { createAlertHandlers } from './impl/alerts.js';
import type { ChangeHandlerDeps } from './impl/changes.js';
import { createChangeHandlers } from './impl/changes.js';
import type { SourceHandlerDeps } from './impl/sources.js';
import { createSourceHandlers } from './impl/sources.js';
import { API_SPEC } from './spec/index.js';
import type { ApiHandlers } from './spec/index.js';

export type CockpitApiDeps = AlertHandlerDeps & SourceHandlerDeps & ChangeHandlerDeps;

export function createCockpitDispatcher(deps: CockpitApiDeps): ApiDispatcher {
  const handlers: ApiHandlers = {
    ...createSourceHandlers(deps),
    ...createAlertHandlers(deps),
    ...createChangeHandlers(deps),
  };
  return createDispatcher({ spec: API_SPEC, handlers, changes: deps.changes, logger: deps.logger });
}
