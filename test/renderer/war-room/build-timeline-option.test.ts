import { describe, expect, it } from 'vitest';
import type { LineSeriesOption } from 'echarts/charts';
import { createTranslate } from '../../../renderer/i18n/messages';
import { buildTimelineOption } from '../../../renderer/war-room/build-timeline-option';
import { PALETTES } from '../../../renderer/ui/palette';
import { makeTimeline } from '../support/fixtures';

function seriesOf(option: ReturnType<typeof buildTimelineOption>): LineSeriesOption[] {
  return option.series as LineSeriesOption[];
}

describe('buildTimelineOption', () => {
  const timeline = makeTimeline([1, 4]);

  it('stacks one series per severity, critical first, with counts per bucket', () => {
    const series = seriesOf(buildTimelineOption(timeline, createTranslate('en'), 'dark'));
    expect(series.map((item) => item.name)).toEqual(['Critical', 'High', 'Warning', 'Info']);
    expect(new Set(series.map((item) => item.stack))).toEqual(new Set(['firing']));
    expect(series[0]!.data).toEqual([
      [Date.parse(timeline.buckets[0]!.at), 1],
      [Date.parse(timeline.buckets[1]!.at), 4],
    ]);
    expect(series[1]!.data).toEqual([
      [Date.parse(timeline.buckets[0]!.at), 2],
      [Date.parse(timeline.buckets[1]!.at), 8],
    ]);
  });

  it('turns animation off and keeps the tooltip off the DOM', () => {
    const option = buildTimelineOption(timeline, createTranslate('en'), 'dark');
    expect(option.animation).toBe(false);
    expect(option.tooltip).toMatchObject({ renderMode: 'richText' });
    expect(option.xAxis).toMatchObject({
      type: 'time',
      min: Date.parse(timeline.from),
      max: Date.parse(timeline.to),
    });
  });

  it("shades and names the span before the cockpit's first record instead of drawing zeros", () => {
    const started = { ...timeline, historyStartsAt: timeline.buckets[1]!.at };
    const series = seriesOf(
      buildTimelineOption(started, createTranslate('en'), 'dark', 16, {
        historyLabel: 'history starts 08:35',
      }),
    );
    expect(series[0]!.data).toEqual([[Date.parse(timeline.buckets[1]!.at), 1 * 4]]);
    expect(series[0]!.markArea).toMatchObject({
      data: [
        [
          { xAxis: Date.parse(timeline.from), name: 'history starts 08:35' },
          { xAxis: Date.parse(timeline.buckets[1]!.at) },
        ],
      ],
    });
    expect(series[1]!.markArea).toBeUndefined();
  });

  it('draws every bucket of a span filled from Prometheus, with a named line where its own record begins', () => {
    const until = timeline.buckets[1]!.at;
    const filled = { ...timeline, backfill: { until, sourceIds: ['prom'] } };
    const series = seriesOf(
      buildTimelineOption(filled, createTranslate('en'), 'dark', 16, {
        backfillLabel: 'before 08:35: from Prometheus',
      }),
    );
    expect(series[0]!.data).toHaveLength(timeline.buckets.length);
    expect(series[0]!.markArea).toBeUndefined();
    expect(series[0]!.markLine).toMatchObject({
      data: [{ xAxis: Date.parse(until), name: 'before 08:35: from Prometheus' }],
    });
    expect(series[1]!.markLine).toBeUndefined();
  });

  it('ends the axis now, never in the future', () => {
    const now = Date.parse(timeline.to) - 120_000;
    const option = buildTimelineOption(timeline, createTranslate('en'), 'dark', 16, { now });
    expect(option.xAxis).toMatchObject({ max: now });
  });

  it('names series and legend in Chinese', () => {
    const option = buildTimelineOption(timeline, createTranslate('zh-CN'), 'dark');
    expect(seriesOf(option).map((item) => item.name)).toEqual(['致命', '严重', '预警', '提醒']);
    expect(option.legend).toMatchObject({ data: ['致命', '严重', '预警', '提醒'] });
  });

  it('colours by theme', () => {
    const dark = seriesOf(buildTimelineOption(timeline, createTranslate('en'), 'dark'));
    const light = seriesOf(buildTimelineOption(timeline, createTranslate('en'), 'light'));
    expect(dark[0]!.color).toBe(PALETTES.dark.severity.critical);
    expect(light[0]!.color).toBe(PALETTES.light.severity.critical);
    expect(dark[0]!.color).not.toBe(light[0]!.color);
  });

  it('is pure: the same input gives an equal option, and the input is not changed', () => {
    const frozen = JSON.stringify(timeline);
    const t = createTranslate('en');
    expect(buildTimelineOption(timeline, t, 'light')).toEqual(buildTimelineOption(timeline, t, 'light'));
    expect(JSON.stringify(timeline)).toBe(frozen);
  });
});
