import { BrowserWindow, screen, shell } from 'electron';
import type { Logger } from '../src/logger.js';
import { APP_ENTRY_URL } from './app-origin.js';
import { hardenWebContents, restrictPermissions } from './web-security.js';
import { MIN_WINDOW_SIZE, placeWindow } from './window-state.js';
import type { WindowState } from './window-state.js';

export type MainWindowOptions = Readonly<{
  preloadPath: string;
  /** The window's icon on Linux and Windows (macOS takes the bundle's). */
  iconPath?: string;
  saved?: WindowState;
  backgroundColor: string;
  logger: Logger;
  /** The page to load (wall mode adds `?wall=1`, see wall-mode.ts). */
  url?: string;
  /** Called (debounced) when the window moves, resizes, maximizes or goes fullscreen, and on close. */
  onStateChange(state: WindowState): void;
}>;

const SAVE_DELAY_MS = 500;
const RELOAD_BACKOFF_MS = 10_000;

function captureState(mainWindow: BrowserWindow): WindowState {
  const bounds = mainWindow.getNormalBounds();
  return {
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    maximized: mainWindow.isMaximized(),
    fullScreen: mainWindow.isFullScreen(),
  };
}

/** The cockpit's one window, loading the built renderer from the app:// origin. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const placement = placeWindow(
    options.saved,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const mainWindow = new BrowserWindow({
    ...(placement.x === undefined || placement.y === undefined ? {} : { x: placement.x, y: placement.y }),
    width: placement.width,
    height: placement.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'On-Call Cockpit',
    backgroundColor: options.backgroundColor,
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    // Shown once painted, so a dark war-room screen never flashes white.
    show: false,
    autoHideMenuBar: true,
    // The renderer shows attacker-controllable alert text, so its process gets nothing: no Node, an
    // isolated preload world, the OS sandbox, no webviews. backgroundThrottling is off because a
    // war-room window is often behind other windows or on an unattended wall display, where Chromium
    // would otherwise slow its timers to once a minute. Written out literally so that scanners
    // (electronegativity, run on the built JS) can see every flag.
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      backgroundThrottling: false,
      // The siren plays assets/sounds/alarm.wav without waiting for a click in the window.
      autoplayPolicy: 'no-user-gesture-required',
    },
  });

  hardenWebContents(mainWindow.webContents, {
    openExternal: (url) => shell.openExternal(url),
    logger: options.logger,
  });
  restrictPermissions(mainWindow.webContents.session);

  mainWindow.once('ready-to-show', () => {
    if (placement.maximized) mainWindow.maximize();
    if (placement.fullScreen) mainWindow.setFullScreen(true);
    mainWindow.show();
  });

  let saveTimer: NodeJS.Timeout | undefined;
  const saveSoon = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      if (!mainWindow.isDestroyed()) options.onStateChange(captureState(mainWindow));
    }, SAVE_DELAY_MS);
  };
  mainWindow.on('resize', saveSoon);
  mainWindow.on('move', saveSoon);
  mainWindow.on('maximize', saveSoon);
  mainWindow.on('unmaximize', saveSoon);
  mainWindow.on('enter-full-screen', saveSoon);
  mainWindow.on('leave-full-screen', saveSoon);
  mainWindow.on('close', () => {
    clearTimeout(saveTimer);
    options.onStateChange(captureState(mainWindow));
  });

  // A wall display has nobody to press reload: bring a crashed page back, but not in a tight loop.
  let lastReloadAt = 0;
  mainWindow.webContents.on('render-process-gone', (_event, details) => {
    const now = Date.now();
    const reload = details.reason !== 'clean-exit' && now - lastReloadAt > RELOAD_BACKOFF_MS;
    options.logger.error('the window’s renderer process ended', {
      reason: details.reason,
      reloading: reload,
    });
    if (!reload || mainWindow.isDestroyed()) return;
    lastReloadAt = now;
    mainWindow.webContents.reload();
  });
  const url = options.url ?? APP_ENTRY_URL;
  mainWindow.loadURL(url).catch((error: unknown) => {
    options.logger.error('could not load the cockpit page', {
      url,
      error: error instanceof Error ? error.message : String(error),
    });
  });
  return mainWindow;
}
