import { useEffect, useRef, useState } from 'react';
import { useUi, useUiStoreApi } from '../app/cockpit-context';
import { readStored, writeStored } from '../app/ui-store';
import { serviceName } from '../alerts/localized-text';
import { useLanguage, useT } from '../i18n/use-translate';
import { plainText } from '../ui/untrusted-text';
import { useNow } from '../ui/use-now';
import type { Alert } from '../../src/domain/index.js';
import {
  askNotificationPermission,
  beep,
  notificationPermission,
  showAlertNotification,
  prepareSound,
  soundUnlocked,
  unlockSound,
} from './browser-alarm';
import { ClaimControls } from './claim-controls';
import { EscalatedTag } from './escalated-tag';
import { useNotificationState, useUnclaimedCritical } from './queries';
import './claims.css';

const SIREN_KEY = 'cockpit.siren';
const NONE: readonly Alert[] = [];
const RING_EVERY_MS = 3000;

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** Off on this screen: `?siren=0` in the address, or turned off here before (a wall display). */
function sirenOffAtStart(): boolean {
  const param = new URLSearchParams(window.location.search).get('siren');
  if (param === '0' || param === 'off') return true;
  return readStored(storage(), SIREN_KEY) === 'off';
}

/**
 * The in-page siren: while a critical alert is firing and nobody has claimed it, a banner names it
 * with a claim button, the page beeps (after a gesture unlocked sound; never on a wall, never while
 * snoozed) and a browser notification is shown once per alert (after the user allowed them).
 * Claiming anywhere ends it here within the change event's round trip.
 */
export function SirenBanner() {
  const t = useT();
  const language = useLanguage();
  const store = useUiStoreApi();
  const wall = useUi((state) => state.wall);
  const unclaimed = useUnclaimedCritical();
  const notifications = useNotificationState();
  const [off, setOff] = useState(sirenOffAtStart);
  const [sound, setSound] = useState(soundUnlocked);
  const [permission, setPermission] = useState(notificationPermission);
  const notified = useRef(new Set<string>());
  const alerts = unclaimed.data ?? NONE;
  const now = useNow();
  const snoozed =
    notifications.data?.snoozedUntil !== undefined && Date.parse(notifications.data.snoozedUntil) > now;
  const ringing = alerts.length > 0 && !off;
  const escalated = alerts.some((alert) => alert.escalated === true);

  // Any first click or key on the page unlocks sound (browsers allow audio only after a gesture); the
  // desktop window (window.cockpit) allows autoplay, so it rings from the start.
  useEffect(() => {
    if (sound) return;
    let live = true;
    const unlock = () => {
      void unlockSound().then((unlocked) => {
        if (live && unlocked) setSound(true);
      });
    };
    if (window.cockpit) unlock();
    else prepareSound();
    window.addEventListener('pointerdown', unlock, { once: true });
    window.addEventListener('keydown', unlock, { once: true });
    return () => {
      live = false;
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, [sound]);

  useEffect(() => {
    if (!ringing || wall || snoozed || !sound) return;
    beep(escalated);
    const timer = window.setInterval(() => beep(escalated), RING_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [ringing, wall, snoozed, sound, escalated]);

  useEffect(() => {
    if (wall || snoozed || permission !== 'granted') return;
    for (const alert of alerts) {
      if (notified.current.has(alert.id)) continue;
      notified.current.add(alert.id);
      showAlertNotification(
        {
          id: alert.id,
          title: `${t('severity.critical')} · ${plainText(alert.service) ?? plainText(alert.name) ?? ''}`,
          body: plainText(alert.summary) || (plainText(alert.name) ?? ''),
        },
        () => store.getState().selectAlert(alert.id),
      );
    }
  }, [alerts, wall, snoozed, permission, t, store]);

  if (!ringing) return null;
  const first = alerts[0]!;
  // The service as people call it on this screen (支付路由 on a zh-CN wall), like the board's cards.
  const alertLabel = `${serviceName(first, language).name ?? plainText(first.name) ?? ''} · ${plainText(first.name) ?? ''}`;
  // The alert highest on the escalation ladder says who is being called now.
  const highest = alerts
    .filter((alert) => alert.escalated === true)
    .reduce<Alert | undefined>(
      (top, alert) => ((alert.escalation?.level ?? 1) > (top?.escalation?.level ?? 0) ? alert : top),
      undefined,
    );
  return (
    <section
      className={`siren-banner ${escalated ? 'is-escalated' : ''}`}
      role="alert"
      data-siren="ringing"
      aria-label={t('siren.label')}
    >
      <p className="siren-headline">
        <span className="siren-icon" aria-hidden="true">
          ⚠
        </span>
        {t('siren.unclaimed', { count: alerts.length })}
        {highest && <EscalatedTag alert={highest} />}
      </p>
      <p className="siren-alert">
        <button
          type="button"
          className="link-button"
          title={alertLabel}
          onClick={() => store.getState().selectAlert(first.id)}
        >
          {alertLabel}
        </button>
      </p>
      <ClaimControls alert={first} compact />
      <div className="siren-settings">
        {!wall && !sound && (
          <span className="muted" title={t('siren.soundAfterClick')}>
            {t('siren.soundAfterClick')}
          </span>
        )}
        {!wall && permission === 'default' && (
          <button
            type="button"
            onClick={() => void askNotificationPermission().then((next) => setPermission(next))}
          >
            {t('siren.allowNotifications')}
          </button>
        )}
        {snoozed && <span className="muted">{t('siren.snoozed')}</span>}
        <button
          type="button"
          onClick={() => {
            writeStored(storage(), SIREN_KEY, 'off');
            setOff(true);
          }}
        >
          {t('siren.turnOff')}
        </button>
      </div>
    </section>
  );
}
