import { beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/logger.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).fakeElectronModule());

const electron = (await import('electron')) as unknown as {
  powerSaveBlocker: { start: ReturnType<typeof vi.fn>; stop: ReturnType<typeof vi.fn> };
};
const { createWallMode, entryUrl } = await import('../../electron/wall-mode.js');

beforeEach(() => {
  electron.powerSaveBlocker.start.mockClear();
  electron.powerSaveBlocker.stop.mockClear();
});

describe('desktop wall mode', () => {
  it('keeps the display awake while it is a wall, and loads the page in wall mode', () => {
    const onChange = vi.fn();
    const wall = createWallMode({ initial: false, onChange, logger: silentLogger });
    expect(electron.powerSaveBlocker.start).not.toHaveBeenCalled();
    wall.set(true);
    expect(electron.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    expect(onChange).toHaveBeenLastCalledWith(true, 'app://cockpit/index.html?wall=1');
    wall.set(true);
    expect(electron.powerSaveBlocker.start).toHaveBeenCalledTimes(1);
    wall.set(false);
    expect(electron.powerSaveBlocker.stop).toHaveBeenCalledWith(7);
    expect(onChange).toHaveBeenLastCalledWith(false, entryUrl(false));
    expect(entryUrl(false)).not.toContain('wall');
  });

  it('starts as a wall when the setting says so, and lets the display sleep again when disposed', () => {
    const wall = createWallMode({ initial: true, onChange: vi.fn(), logger: silentLogger });
    expect(wall.enabled()).toBe(true);
    expect(electron.powerSaveBlocker.start).toHaveBeenCalledTimes(1);
    wall.dispose();
    expect(electron.powerSaveBlocker.stop).toHaveBeenCalledWith(7);
  });
});
