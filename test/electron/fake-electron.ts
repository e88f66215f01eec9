/**
 * A recording stand-in for the `electron` module (no Electron binary exists on these machines).
 * Use it with: vi.mock('electron', async () => (await import('./fake-electron.js')).fakeElectronModule());
 * Each test file gets its own module registry, so its own fakes.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export type FakeFrame = {
  url: string;
  parent: FakeFrame | null;
  frameTreeNodeId: number;
  processId: number;
  routingId: number;
};

export type FakeEvent = { url?: string; defaultPrevented: boolean; preventDefault(): void };

export function fakeEvent(fields: { url?: string } = {}): FakeEvent {
  const event: FakeEvent = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string; isMainFrame: boolean },
) => void;
type PermissionCheckHandler = (
  contents: unknown,
  permission: string,
  origin: string,
  details: object,
) => boolean;

let nextId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly mainFrame: FakeFrame = {
    url: 'app://cockpit/index.html',
    parent: null,
    frameTreeNodeId: 100 + this.id,
    processId: 7,
    routingId: 1,
  };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly session = {
    permissionRequestHandler: undefined as PermissionRequestHandler | undefined,
    permissionCheckHandler: undefined as PermissionCheckHandler | undefined,
    setPermissionRequestHandler(handler: PermissionRequestHandler) {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: PermissionCheckHandler) {
      this.permissionCheckHandler = handler;
    },
  };
  readonly send = vi.fn<(channel: string, payload: unknown) => void>();
  readonly reload = vi.fn();
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

export type FakeRectangle = { x: number; y: number; width: number; height: number };

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly show = vi.fn();
  readonly hide = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  readonly maximize = vi.fn();
  readonly setFullScreen = vi.fn();
  destroyed = false;
  minimized = false;
  bounds: FakeRectangle;
  constructor(readonly options: Record<string, unknown>) {
    super();
    this.bounds = {
      x: Number(options.x ?? 0),
      y: Number(options.y ?? 0),
      width: Number(options.width),
      height: Number(options.height),
    };
    FakeBrowserWindow.instances.push(this);
  }
  getNormalBounds() {
    return this.bounds;
  }
  isMaximized() {
    return false;
  }
  isFullScreen() {
    return false;
  }
  isMinimized() {
    return this.minimized;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static isSupported = vi.fn(() => true);
  readonly show = vi.fn();
  readonly close = vi.fn();
  constructor(readonly options: { title?: string; body?: string; urgency?: string }) {
    super();
    FakeNotification.instances.push(this);
  }
}

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  tooltip = '';
  title = '';
  image: unknown;
  menu: { template: MenuTemplateItem[] } | undefined;
  destroyed = false;
  constructor(image: unknown) {
    super();
    this.image = image;
    FakeTray.instances.push(this);
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setTitle(text: string) {
    this.title = text;
  }
  setImage(image: unknown) {
    this.image = image;
  }
  setContextMenu(menu: { template: MenuTemplateItem[] }) {
    this.menu = menu;
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
  }
}

export type MenuTemplateItem = {
  label?: string;
  type?: string;
  checked?: boolean;
  click?: () => void;
  submenu?: MenuTemplateItem[];
};

type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;

/** The module object vi.mock returns; tests reach the recorders through it. */
export function fakeElectronModule() {
  const ipcHandlers = new Map<string, IpcHandler>();
  const rendererListeners = new EventEmitter();
  const appEvents = new EventEmitter();
  const module = {
    BrowserWindow: FakeBrowserWindow,
    Notification: FakeNotification,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template: MenuTemplateItem[]) => ({ template }) },
    nativeImage: { createFromPath: (path: string) => ({ path }) },
    screen: {
      getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]),
    },
    shell: { openExternal: vi.fn(async (_url: string) => undefined) },
    powerSaveBlocker: {
      start: vi.fn((_type: string) => 7),
      stop: vi.fn((_id: number) => undefined),
    },
    app: {
      events: appEvents,
      on: vi.fn((event: string, listener: (...args: unknown[]) => void) => {
        appEvents.on(event, listener);
      }),
      whenReady: vi.fn(async () => undefined),
      requestSingleInstanceLock: vi.fn(() => true),
      setAppUserModelId: vi.fn(),
      quit: vi.fn(),
      exit: vi.fn(),
      getPath: vi.fn((_name: string) => '/nonexistent'),
      getVersion: () => '0.1.0',
      getLocale: () => 'en-US',
      setBadgeCount: vi.fn((_count: number) => true),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: vi.fn((_scheme: string, _handler: (request: Request) => Promise<Response>) => undefined),
    },
    dialog: { showErrorBox: vi.fn((_title: string, _message: string) => undefined) },
    nativeTheme: { themeSource: 'system', shouldUseDarkColors: true },
    ipcMain: {
      handlers: ipcHandlers,
      handle: vi.fn((channel: string, handler: IpcHandler) => {
        if (ipcHandlers.has(channel)) throw new Error(`a handler for ${channel} is already registered`);
        ipcHandlers.set(channel, handler);
      }),
      removeHandler: vi.fn((channel: string) => ipcHandlers.delete(channel)),
      on: vi.fn(),
    },
    ipcRenderer: {
      invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
      on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
        rendererListeners.on(channel, listener);
      }),
      removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
        rendererListeners.removeListener(channel, listener);
      }),
      /** Test helper: what the main process's webContents.send would deliver. */
      emitFromMain(channel: string, payload: unknown) {
        rendererListeners.emit(channel, { sender: module.ipcRenderer }, payload);
      },
    },
    contextBridge: { exposeInMainWorld: vi.fn((_key: string, _api: unknown) => undefined) },
  };
  return { ...module, default: module };
}

export type FakeElectron = ReturnType<typeof fakeElectronModule>;
