import { describe, expect, it } from 'vitest';
import { alertFingerprint } from '../../../../src/demo/estate/fingerprint.js';
import { mulberry32 } from '../../../../src/demo/estate/random.js';

/** A slow but obviously correct FNV-1a 64 over Alertmanager's label encoding. */
function referenceFingerprint(labels: Record<string, string>): string {
  let hash = 0xcbf29ce484222325n;
  const add = (byte: number) => {
    hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  };
  for (const name of Object.keys(labels).sort()) {
    for (const text of [name, labels[name] ?? '']) {
      for (const byte of Buffer.from(text, 'utf8')) add(byte);
      add(0xff);
    }
  }
  return hash.toString(16).padStart(16, '0');
}

describe('alertFingerprint', () => {
  it('matches fingerprints printed by a real Alertmanager 0.25', () => {
    expect(alertFingerprint({ a: 'b' })).toBe('d2b371819297f98a');
    expect(
      alertFingerprint({
        alertname: 'HighErrorRate',
        severity: 'critical',
        service: 'payment-core',
        cluster: 'sh-prod-a',
        instance: '10.0.0.1:8080',
      }),
    ).toBe('357878bcd05d26e3');
  });

  it('does not depend on label order and hashes non-ASCII values as UTF-8', () => {
    expect(alertFingerprint({ b: '2', a: '1' })).toBe(alertFingerprint({ a: '1', b: '2' }));
    const random = mulberry32(7);
    for (let i = 0; i < 200; i++) {
      const labels: Record<string, string> = {};
      for (let j = 0; j < 1 + Math.floor(random() * 8); j++) {
        labels[`l${Math.floor(random() * 1000)}`] = random() < 0.3 ? `支付-${random()}` : `v-${random()}`;
      }
      expect(alertFingerprint(labels)).toBe(referenceFingerprint(labels));
    }
  });
});
