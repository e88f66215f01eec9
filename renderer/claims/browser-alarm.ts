/**
 * The browser's ways to ring: the alarm from `assets/sounds/alarm.wav` through Web Audio (browsers
 * allow sound only after a user gesture, so the context is made on one; the desktop window allows it
 * from the start) with a synthesized two-tone beep until it is decoded or if it cannot be, and Web
 * Notifications once the user allows them. Plain functions over browser globals; nothing here runs in
 * the desktop host's main process.
 */
import alarmUrl from '../../assets/sounds/alarm.wav';

let context: AudioContext | undefined;
let alarm: AudioBuffer | undefined;
let loading: Promise<void> | undefined;

/** Fetches and decodes the alarm once (same origin: the CSP allows it); a failure keeps the beep. */
function loadAlarm(audio: AudioContext): void {
  loading ??= fetch(alarmUrl)
    .then((response) =>
      response.ok ? response.arrayBuffer() : Promise.reject(new Error(String(response.status))),
    )
    .then((bytes) => audio.decodeAudioData(bytes))
    .then((buffer) => {
      alarm = buffer;
    })
    .catch(() => {
      // The synthesized beep rings instead.
    });
}

/**
 * Makes the audio context ahead of the first gesture, while the page is idle: creating one blocks
 * the page 50–70 ms, which would otherwise land on the first click (a drag on the battle map).
 * Made without a gesture it starts suspended; `unlockSound` resumes it.
 */
export function prepareSound(): void {
  if (context !== undefined || typeof AudioContext === 'undefined') return;
  const make = () => {
    try {
      context ??= new AudioContext();
    } catch {
      // unlockSound tries again on the gesture.
    }
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(make, { timeout: 5000 });
  else setTimeout(make, 0);
}

/**
 * Unlocks sound; call from a user gesture (a click), or at start where the host allows autoplay.
 * Resolves true when the page may now play sound.
 */
export async function unlockSound(): Promise<boolean> {
  try {
    context ??= new AudioContext();
    await context.resume();
    if (context.state !== 'running') return false;
    loadAlarm(context);
    return true;
  } catch {
    return false;
  }
}

export function soundUnlocked(): boolean {
  return context !== undefined && context.state === 'running';
}

/** Which sound rings now: the asset once decoded, else the synthesized beep. For the tests. */
export function alarmSound(): 'asset' | 'beep' | 'none' {
  if (!soundUnlocked()) return 'none';
  return alarm ? 'asset' : 'beep';
}

/** Rings once: the alarm (twice as loud, played twice, when escalated), or the two-tone beep. */
export function beep(loud: boolean): void {
  if (!context || context.state !== 'running') return;
  const start = context.currentTime;
  const gain = context.createGain();
  gain.gain.value = loud ? 0.8 : 0.4;
  gain.connect(context.destination);
  if (alarm) {
    for (let index = 0; index < (loud ? 2 : 1); index += 1) {
      const source = context.createBufferSource();
      source.buffer = alarm;
      source.connect(gain);
      source.start(start + index * (alarm.duration + 0.1));
    }
    return;
  }
  [880, 660].forEach((frequency, index) => {
    const tone = context!.createOscillator();
    tone.frequency.value = frequency;
    tone.connect(gain);
    tone.start(start + index * 0.25);
    tone.stop(start + index * 0.25 + (loud ? 0.22 : 0.15));
  });
}

export type NotificationPermissionState = 'unsupported' | 'default' | 'granted' | 'denied';

export function notificationPermission(): NotificationPermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function askNotificationPermission(): Promise<NotificationPermissionState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/** Shows a persistent notification for an alert; clicking it focuses the page and opens the alert. */
export function showAlertNotification(
  alert: Readonly<{ id: string; title: string; body: string }>,
  onClick: () => void,
): void {
  if (notificationPermission() !== 'granted') return;
  try {
    const notification = new Notification(alert.title, {
      body: alert.body,
      tag: alert.id,
      requireInteraction: true,
    });
    notification.onclick = () => {
      window.focus();
      onClick();
      notification.close();
    };
  } catch {
    // Some browsers allow notifications only from a service worker; the banner still rings.
  }
}
