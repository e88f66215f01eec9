/**
 * Bulk for large alerts (about 3 KB of JSON each, like alerts from real exporters with long
 * descriptions). Padding is sliced from one shared text, so 100 000 large alerts cost little memory until
 * they are serialized.
 */
import type { LabelSet } from './demo-alert.js';

const LOG_LINES = [
  'WARN  [pool-3-thread-17] c.d.payment.core.ChannelClient - upstream call exceeded 800ms budget, retrying (attempt 2/3)',
  'ERROR [http-nio-8080-exec-42] o.a.c.c.C.[.[.[/].[dispatcherServlet] - Servlet.service() threw exception: java.net.SocketTimeoutException: Read timed out',
  '    at java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)',
  '    at com.demo.rpc.client.PooledConnection.exchange(PooledConnection.java:214)',
  'level=warn ts=2026-01-01T08:00:00.000Z caller=retry.go:87 component=upstream msg="backing off" attempt=3 delay=1.6s',
  'level=error ts=2026-01-01T08:00:01.250Z caller=handler.go:142 msg="request failed" status=503 path=/api/v1/orders latency=2.41s',
  'kubelet: Liveness probe failed: Get "http://10.20.3.14:8080/actuator/health": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
  'envoy: upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: delayed connect error: 111',
];

/** A long, log-like text that padding is sliced from. */
const POOL = (() => {
  let text = '';
  for (let i = 0; text.length < 12_000; i++) text += `${LOG_LINES[i % LOG_LINES.length] ?? ''}\n`;
  return text;
})();

/** Roughly how many bytes a string takes in UTF-8 (what JSON on the wire costs). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code < 0xdc00 ? 2 : 3;
  }
  return bytes;
}

/** Approximate JSON size of an alert on the wire with these labels and annotations. */
export function estimateAlertBytes(labels: LabelSet, annotations: LabelSet, generatorURL: string): number {
  // Fingerprint, three timestamps, status and receivers: about 280 bytes of fixed shape.
  let bytes = 280 + generatorURL.length;
  for (const set of [labels, annotations]) {
    for (const key in set) bytes += key.length + utf8Length(set[key] ?? '') + 6;
  }
  return bytes;
}

/** A slice of the shared text about `bytes` long, starting at a line picked by `draw`. */
export function padding(bytes: number, draw: number): string {
  const length = Math.max(0, Math.min(bytes, POOL.length / 2));
  const line = POOL.indexOf('\n', draw % (POOL.length / 2)) + 1;
  return POOL.slice(line, line + length);
}
