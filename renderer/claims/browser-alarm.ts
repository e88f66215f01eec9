/**
 * The browser's ways to ring: a two-tone beep from Web Audio (browsers allow sound only after a user
 * gesture, so the context is made on one) and Web Notifications once the user allows them. Plain
 * functions over browser globals; nothing here runs in the desktop host's main process.
 */

let context: AudioContext | undefined;

/** Unlocks sound; call from a user gesture (a click). True when the page may now play sound. */
export function unlockSound(): boolean {
  try {
    context ??= new AudioContext();
    void context.resume();
    return true;
  } catch {
    return false;
  }
}

export function soundUnlocked(): boolean {
  return context !== undefined && context.state === 'running';
}

/** One short two-tone beep (louder and longer when escalated). */
export function beep(loud: boolean): void {
  if (!context || context.state !== 'running') return;
  const start = context.currentTime;
  const gain = context.createGain();
  gain.gain.value = loud ? 0.4 : 0.2;
  gain.connect(context.destination);
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
