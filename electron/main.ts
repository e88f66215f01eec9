/**
 * The desktop host's composition root: one instance, one hardened window, IPC, tray and native
 * notifications around the same core that `serve` runs headless.
 *
 * Polling, parsing, diffing and the SQLite cache run in a worker thread (src/worker/): ipc.ts, the
 * tray and the notifier get the same async CockpitApi as a proxy, so a 100k-alert poll never stalls
 * the main process that drives windows and notifications.
 */
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { app, dialog, nativeTheme, protocol } from 'electron';
import type { BrowserWindow } from 'electron';
import { createCockpitClient } from '../src/api/client.js';
import { deferDispatcher } from '../src/api/dispatch.js';
import type { Disposable } from '../src/api/wire.js';
import type { CockpitConfig } from '../src/config/schema.js';
import { startCoreWorker } from '../src/worker/remote-core.js';
import type { CoreWorkerOptions, RemoteCore } from '../src/worker/remote-core.js';
import type { Severity } from '../src/domain/index.js';
import { createStreamLogger } from '../src/logger.js';
import type { LogLevel } from '../src/logger.js';
import { APP_SCHEME } from './app-origin.js';
import { createAppProtocolHandler, registerAppScheme } from './app-protocol.js';
import { loadDesktopConfig } from './desktop-config.js';
import { desktopText, resolveLanguage } from './desktop-text.js';
import type { DesktopText } from './desktop-text.js';
import { forwardChanges, registerIpcHandlers } from './ipc.js';
import { OPEN_VIEW_CHANNEL } from './ipc-channels.js';
import type { OpenViewMessage } from './ipc-channels.js';
import { describeNativeModuleError, electronSqliteBinding } from './native-binding.js';
import { startNotifier } from './notifications.js';
import { createWallMode, entryUrl } from './wall-mode.js';
import type { WallMode } from './wall-mode.js';
import type { Notifier } from './notifications.js';
import { openSettings } from './settings.js';
import type { SettingsStore } from './settings.js';
import { createCockpitTray } from './tray.js';
import type { CockpitTray } from './tray.js';
import { createMainWindow } from './window.js';

/** Who claims from a notification when the config names no operator. */
function desktopOperator(): string {
  try {
    return userInfo().username || 'desktop';
  } catch {
    return 'desktop';
  }
}

/** Must equal electron-builder.yml's appId: Windows shows toasts only for a registered AppUserModelID. */
const APP_ID = 'io.github.oncall-cockpit';
const MAIN_DIR = import.meta.dirname; // out/main (inside app.asar when packaged)
const RENDERER_DIR = join(MAIN_DIR, '..', 'renderer');
const PRELOAD_PATH = join(MAIN_DIR, '..', 'preload', 'preload.cjs');
const ICON_DIR = join(MAIN_DIR, '..', '..', 'assets', 'icons');
const STOP_TIMEOUT_MS = 5000;
const BACKGROUND = { dark: '#0b0e14', light: '#eef1f5' } as const;

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
const logger = createStreamLogger(
  LOG_LEVELS.find((level) => level === process.env.COCKPIT_LOG_LEVEL) ?? 'info',
);

// Before `ready`: the app:// scheme must be privileged (standard, secure) when the session starts.
registerAppScheme(protocol);

let core: RemoteCore | undefined;
let settings: SettingsStore | undefined;
let mainWindow: BrowserWindow | undefined;
let tray: CockpitTray | undefined;
let notifier: Notifier | undefined;
let wallMode: WallMode | undefined;
const disposables: Disposable[] = [];
let notificationsPaused = false;
let quitting = false;
let stopping: Promise<void> | undefined;
let stopped = false;

function backgroundColor(): string {
  const theme = settings?.get('theme') ?? 'dark';
  const dark = theme === 'system' ? nativeTheme.shouldUseDarkColors : theme === 'dark';
  return dark ? BACKGROUND.dark : BACKGROUND.light;
}

function openWindow(): BrowserWindow {
  const window = createMainWindow({
    preloadPath: PRELOAD_PATH,
    iconPath: join(ICON_DIR, 'icon.png'),
    saved: settings?.get('window'),
    backgroundColor: backgroundColor(),
    logger,
    url: entryUrl(settings?.get('wall') ?? false),
    onStateChange: (state) => settings?.set('window', state),
  });
  // With a tray, closing the window hides it: notifications keep coming and the tray brings it back.
  window.on('close', (event) => {
    if (quitting || !tray) return;
    event.preventDefault();
    window.hide();
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  return window;
}

/** Shows, restores and focuses the window, opening it again if it was closed. */
function showWindow(): BrowserWindow | undefined {
  if (!core) return undefined;
  if (!mainWindow || mainWindow.isDestroyed()) mainWindow = openWindow();
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
  return mainWindow;
}

function fail(title: string, message: string): void {
  logger.error(title, { error: message });
  dialog.showErrorBox(title, message);
  stopped = true;
  app.exit(1);
}

function startTray(text: DesktopText, minSeverity: () => Severity): void {
  if (!core) return;
  try {
    tray = createCockpitTray({
      api: createCockpitClient(core.api.dispatch, core.api),
      iconDir: ICON_DIR,
      text: () => text,
      notificationsPaused: () => notificationsPaused,
      setNotificationsPaused: (paused) => {
        notificationsPaused = paused;
        logger.info(paused ? 'notifications paused' : 'notifications resumed');
      },
      minSeverity,
      ...(wallMode ? { wallMode } : {}),
      setMinSeverity: (severity) => {
        settings?.set('notificationMinSeverity', severity);
        notifier?.setMinSeverity(severity);
      },
      showWindow: () => void showWindow(),
      openWarRoom: () => {
        const window = showWindow();
        if (window && !window.isDestroyed()) {
          const message: OpenViewMessage = { view: 'war-room' };
          window.webContents.send(OPEN_VIEW_CHANNEL, message);
        }
      },
      quit: () => app.quit(),
      logger,
    });
  } catch (error) {
    // Some Linux desktops have no tray; the window then quits the app when closed.
    logger.warn('no tray icon on this desktop', {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

async function start(): Promise<void> {
  settings = openSettings();
  wallMode = createWallMode({
    initial: settings.get('wall') ?? false,
    onChange: (wall, url) => {
      settings?.set('wall', wall);
      if (mainWindow && !mainWindow.isDestroyed()) void mainWindow.loadURL(url).catch(() => undefined);
    },
    logger,
  });
  const text = desktopText(resolveLanguage(settings.get('language'), app.getLocale()));
  let config: CockpitConfig;
  try {
    config = loadDesktopConfig(process.argv, process.env, process.cwd());
  } catch (error) {
    fail(text.startFailedTitle, error instanceof Error ? error.message : String(error));
    return;
  }
  nativeTheme.themeSource = settings.get('theme');
  protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_DIR));

  const nativeBinding = electronSqliteBinding(MAIN_DIR);
  // The core (poller, parsing, SQLite) runs in a worker thread so the main process stays responsive.
  const coreOptions: CoreWorkerOptions = {
    config,
    dataDir: config.dataDir ?? app.getPath('userData'),
    logger,
    ...(nativeBinding === undefined ? {} : { nativeBinding }),
  };
  // The window opens while the core starts (opening a 100k-alert cache takes a moment): the renderer
  // loads meanwhile and its first calls wait for the core.
  const starting = startCoreWorker(coreOptions);
  const api = deferDispatcher(starting.then((started) => started.api));
  mainWindow = openWindow();
  disposables.push(registerIpcHandlers({ api, getWindow: () => mainWindow, logger }));
  disposables.push(forwardChanges(api, () => mainWindow));
  try {
    core = await starting;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    fail(text.startFailedTitle, describeNativeModuleError(message) ?? message);
    return;
  }
  if (core.info.recoveredFrom)
    logger.warn('the cache was damaged and started fresh', { movedTo: core.info.recoveredFrom });

  const minSeverity = () => settings?.get('notificationMinSeverity') ?? config.notifications.minSeverity;
  notifier = startNotifier({
    notifications: core.notifications,
    minSeverity,
    language: () => text.language,
    paused: () => notificationsPaused,
    focusWindow: showWindow,
    logger,
    // "Claim" on a notification claims as this desktop's operator (the config's, else the OS user).
    claim: (alertId) =>
      void core?.api
        .dispatch('ackAlert', { id: alertId, by: config.operator ?? desktopOperator() })
        .then((result) => {
          if (!result.ok)
            logger.warn('could not claim from a notification', { alertId, error: result.error.message });
        }),
  });
  startTray(text, minSeverity);
  const what = config.file ? `config ${config.file}` : 'the built-in demo estate';
  logger.info(`On-Call Cockpit started with ${what}`, { cache: core.info.cacheFile });
}

/** Stops everything in reverse order; the core gets a few seconds, then the app quits regardless. */
async function shutdown(): Promise<void> {
  notifier?.dispose();
  tray?.dispose();
  wallMode?.dispose();
  for (const disposable of disposables.splice(0).reverse()) disposable.dispose();
  if (!core) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      logger.warn('the core did not stop in time; quitting anyway', { timeoutMs: STOP_TIMEOUT_MS });
      resolve();
    }, STOP_TIMEOUT_MS);
  });
  try {
    await Promise.race([core.stop(), timeout]);
  } catch (error) {
    logger.error('stopping the core failed', {
      error: error instanceof Error ? error.message : String(error),
    });
  } finally {
    clearTimeout(timer);
  }
}

if (!app.requestSingleInstanceLock()) {
  // A second launch hands over to the first (see 'second-instance') and leaves.
  app.quit();
} else {
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  app.on('second-instance', () => void showWindow());
  app.on('activate', () => void showWindow());
  app.on('window-all-closed', () => {
    if (!tray) app.quit();
  });
  app.on('before-quit', (event) => {
    quitting = true;
    if (stopped) return;
    event.preventDefault();
    stopping ??= shutdown().finally(() => {
      stopped = true;
      app.quit();
    });
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      fail('On-Call Cockpit could not start', error instanceof Error ? error.message : String(error));
    });
}
