import { describe, expect, it } from 'vitest';
import type { Change } from '../../../src/domain/index.js';
import { buildCalendarOption } from '../../../renderer/changes/build-calendar-option';
import { createTranslate } from '../../../renderer/i18n/messages';
import { NOW } from '../support/fixtures';

const CHANGE: Change = {
  id: 'releases:1',
  sourceId: 'releases',
  title: '[payments] release train',
  description: '',
  kind: 'release',
  services: ['payments'],
  environment: 'prod',
  startsAt: new Date(NOW - 40 * 60_000).toISOString(),
  endsAt: new Date(NOW - 20 * 60_000).toISOString(),
  status: 'done',
  insideFreeze: true,
};

function optionAt(emPx?: number) {
  return buildCalendarOption(
    { changes: [CHANGE], freezes: [], alerts: [], fromMs: NOW - 86_400_000, toMs: NOW },
    createTranslate('en'),
    'dark',
    emPx,
  );
}

describe('buildCalendarOption on a wall', () => {
  it('draws 14 px text and a 160 px service column at the 1080p type size', () => {
    const option = optionAt();
    expect(option.textStyle).toMatchObject({ fontSize: 14 });
    expect(option.grid).toMatchObject({ left: 160, right: 24, top: 24, bottom: 32 });
    expect(option.yAxis).toMatchObject({ axisLabel: { fontSize: 14, width: 150 } });
  });

  it('grows the canvas text, margins and the freeze border with the type size of a 4K wall', () => {
    const option = optionAt(36);
    expect(option.textStyle).toMatchObject({ fontSize: 32 });
    expect(option.xAxis).toMatchObject({ axisLabel: { fontSize: 32 } });
    expect(option.grid).toMatchObject({ left: 360, bottom: 72 });
    expect(option.yAxis).toMatchObject({ axisLabel: { width: 338 } });
    const series = (option.series as { data: { itemStyle: { borderWidth: number } }[] }[])[0];
    expect(series?.data[0]?.itemStyle.borderWidth).toBe(7);
  });
});
