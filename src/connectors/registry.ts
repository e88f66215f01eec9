import type { SourceKind } from '../domain/index.js';
import { alertmanagerConnector } from './alertmanager/index.js';
import { prometheusConnector } from './prometheus/index.js';
import type { Connector } from './types.js';

/**
 * The connector for each source kind. `demo` is the built-in estate, which serves the real
 * Alertmanager API on loopback, so the real Alertmanager connector polls it.
 */
export const CONNECTORS: Readonly<Record<SourceKind, Connector>> = {
  alertmanager: alertmanagerConnector,
  prometheus: prometheusConnector,
  demo: { ...alertmanagerConnector, kind: 'demo' },
};
