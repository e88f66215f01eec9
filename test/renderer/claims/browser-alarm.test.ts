/**
 * The siren's sound: after unlocking, the alarm from assets/sounds/alarm.wav is fetched, decoded and
 * played (twice when escalated); when it cannot be fetched or decoded, the two-tone beep rings.
 * Web Audio is faked (jsdom has none); the fake records what was played.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Played = { kind: 'buffer' | 'tone'; at: number; frequency?: number };

class FakeAudioContext {
  static instances: FakeAudioContext[] = [];
  static decodeFails = false;
  state: 'suspended' | 'running' = 'suspended';
  currentTime = 10;
  destination = {};
  played: Played[] = [];
  decoded: number[] = [];
  constructor() {
    FakeAudioContext.instances.push(this);
  }
  resume(): Promise<void> {
    this.state = 'running';
    return Promise.resolve();
  }
  decodeAudioData(bytes: ArrayBuffer): Promise<{ duration: number }> {
    this.decoded.push(bytes.byteLength);
    return FakeAudioContext.decodeFails
      ? Promise.reject(new Error('bad audio'))
      : Promise.resolve({ duration: 0.88 });
  }
  createGain() {
    return { gain: { value: 0 }, connect: () => undefined };
  }
  createBufferSource() {
    return {
      buffer: undefined,
      connect: () => undefined,
      start: (at: number) => this.played.push({ kind: 'buffer', at }),
    };
  }
  createOscillator() {
    const tone = {
      frequency: { value: 0 },
      connect: () => undefined,
      start: (at: number) => this.played.push({ kind: 'tone', at, frequency: tone.frequency.value }),
      stop: () => undefined,
    };
    return tone;
  }
}

const wav = readFileSync(resolve(process.cwd(), 'assets/sounds/alarm.wav'));

async function freshAlarm() {
  vi.resetModules();
  return import('../../../renderer/claims/browser-alarm');
}

async function settle(): Promise<void> {
  for (let index = 0; index < 5; index += 1) await Promise.resolve();
}

beforeEach(() => {
  FakeAudioContext.instances = [];
  FakeAudioContext.decodeFails = false;
  vi.stubGlobal('AudioContext', FakeAudioContext);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the siren sound', () => {
  it('rings nothing before sound is unlocked', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const alarm = await freshAlarm();
    alarm.beep(false);
    expect(alarm.alarmSound()).toBe('none');
    expect(FakeAudioContext.instances).toHaveLength(0);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('plays the alarm file from assets once decoded, twice when escalated', async () => {
    const fetch = vi.fn((url: string) => {
      expect(url).toMatch(/alarm\.wav$/);
      return Promise.resolve(new Response(wav, { status: 200, headers: { 'content-type': 'audio/wav' } }));
    });
    vi.stubGlobal('fetch', fetch);
    const alarm = await freshAlarm();
    expect(await alarm.unlockSound()).toBe(true);
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await settle();
    const audio = FakeAudioContext.instances[0]!;
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(audio.decoded).toEqual([wav.byteLength]);
    expect(alarm.alarmSound()).toBe('asset');

    alarm.beep(false);
    expect(audio.played).toEqual([{ kind: 'buffer', at: 10 }]);
    audio.played = [];
    alarm.beep(true);
    expect(audio.played.map((sound) => sound.kind)).toEqual(['buffer', 'buffer']);
    expect(audio.played[1]!.at).toBeGreaterThan(10.88);
  });

  it('rings the two-tone beep when the file cannot be decoded', async () => {
    FakeAudioContext.decodeFails = true;
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(new Uint8Array([1, 2, 3]), { status: 200 })));
    const alarm = await freshAlarm();
    expect(await alarm.unlockSound()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await settle();
    expect(alarm.alarmSound()).toBe('beep');
    alarm.beep(false);
    expect(FakeAudioContext.instances[0]!.played.map((sound) => sound.frequency)).toEqual([880, 660]);
  });

  it('rings the beep when the file is not served', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('missing', { status: 404 })));
    const alarm = await freshAlarm();
    await alarm.unlockSound();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await settle();
    expect(alarm.alarmSound()).toBe('beep');
    expect(FakeAudioContext.instances[0]!.decoded).toEqual([]);
  });

  it('makes the context while the page is idle, silent until a gesture resumes that same context', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('missing', { status: 404 })));
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (run: () => void) => idle.push(run));
    const alarm = await freshAlarm();
    alarm.prepareSound();
    expect(FakeAudioContext.instances).toHaveLength(0);
    idle.forEach((run) => run());
    expect(FakeAudioContext.instances).toHaveLength(1);
    expect(alarm.alarmSound()).toBe('none');
    alarm.prepareSound();
    expect(await alarm.unlockSound()).toBe(true);
    expect(FakeAudioContext.instances).toHaveLength(1);
    expect(FakeAudioContext.instances[0]!.state).toBe('running');
  });
});
