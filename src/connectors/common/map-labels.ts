import { createHash } from 'node:crypto';
import type { Labels } from '../../domain/index.js';
import type { AlertMappingConfig } from './alert-mapping.js';

/** The first configured service label that is present (default: service, then job). */
export function serviceFrom(labels: Labels, source: AlertMappingConfig): string | undefined {
  for (const name of source.serviceLabels) {
    const value = labels[name];
    if (value) return value;
  }
  return undefined;
}

/** Only http(s) URLs are kept as links; anything else (javascript:, file:) is dropped. */
export function safeHttpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** Summary text from the usual annotations, falling back to the alert name. */
export function summaryFrom(annotations: Labels, name: string): string {
  return annotations.summary ?? annotations.message ?? annotations.title ?? annotations.description ?? name;
}

/** A stable fingerprint of a label set, for backends that do not provide one (Prometheus). */
export function fingerprintLabels(labels: Labels): string {
  const hash = createHash('sha1');
  for (const key of Object.keys(labels).sort()) hash.update(`${key}\u0000${labels[key]}\u0001`);
  return hash.digest('hex').slice(0, 16);
}
