/**
 * A claim written back to Alertmanager as a short silence (karma's approach): narrow matchers, the
 * comment "acknowledged by X", extended while the alert still fires, expired on release. With
 * `ack: none` a claim stays in the cockpit's ledger only.
 */
import { z } from 'zod';
import { ackComment } from '../../domain/index.js';
import { duration } from '../../config/source-base.js';
import type { BaseSourceConfig } from '../../config/source-base.js';
import type { AckRequest, AckWriteBackResult, ConnectorContext } from '../types.js';
import { createSilence, expireSilence, extendSilence } from './silence.js';

/** `ack: silence | none` and `ackSilence: 15m` (how long each silence lasts before it is extended). */
export const ackFields = {
  ack: z.enum(['silence', 'none']).default('silence'),
  ackSilence: duration(60_000, 86_400_000, '15m').prefault('15m'),
};

export type AckSettings = Readonly<{ ack: 'silence' | 'none'; ackSilenceMs: number }>;

/** Optional in the type so a source config built by hand (tests, benches) takes the defaults. */
export function normalizeAck(
  source: Readonly<{ ack: 'silence' | 'none'; ackSilence: number }>,
): Partial<AckSettings> {
  return { ack: source.ack, ackSilenceMs: source.ackSilence };
}

type AckConfig = BaseSourceConfig & Partial<AckSettings>;

const DEFAULT_ACK_SILENCE_MS = 15 * 60_000;

/** Where a silence write-back says it lives (`writtenBack.where`). */
export const ACK_WHERE_SILENCE = 'alertmanager-silence';

const minutesOf = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

/** Writes the claim back as a silence, or not at all (`ack: none`). */
export async function acknowledge(
  ctx: ConnectorContext<AckConfig>,
  request: AckRequest,
): Promise<AckWriteBackResult | undefined> {
  if (ctx.source.ack === 'none') return undefined;
  const ms = ctx.source.ackSilenceMs ?? DEFAULT_ACK_SILENCE_MS;
  const silence = await createSilence(ctx, {
    fingerprint: request.fingerprint,
    labels: request.labels,
    durationMinutes: minutesOf(ms),
    comment: ackComment(request.by, request.comment),
    createdBy: request.by,
  });
  return { writtenBack: { where: ACK_WHERE_SILENCE, id: silence.id }, expiresAt: silence.endsAt };
}

/** Moves the silence's end one `ackSilence` later while the alert still fires. */
export async function keepAcknowledged(
  ctx: ConnectorContext<AckConfig>,
  writtenBack: AckWriteBackResult['writtenBack'],
): Promise<AckWriteBackResult> {
  const ms = ctx.source.ackSilenceMs ?? DEFAULT_ACK_SILENCE_MS;
  const silence = await extendSilence(ctx, writtenBack.id, minutesOf(ms));
  return { writtenBack: { where: ACK_WHERE_SILENCE, id: silence.id }, expiresAt: silence.endsAt };
}

/** Ends the claim's silence now (release, or the alert resolved). */
export async function unacknowledge(
  ctx: ConnectorContext<AckConfig>,
  writtenBack: AckWriteBackResult['writtenBack'],
): Promise<void> {
  if (writtenBack.where !== ACK_WHERE_SILENCE) return;
  await expireSilence(ctx, writtenBack.id);
}
