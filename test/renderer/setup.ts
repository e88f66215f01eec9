import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { failOnUnexpectedApiCalls } from './support/fake-api';

// Times on screen ("as of 14:02") are checked as text: pin the zone like karma's visual tests do.
process.env.TZ = 'UTC';

// jsdom has no canvas. Components get a recording chart; the option builder is tested on its own.
vi.mock('echarts/core', () => ({
  use: vi.fn(),
  init: vi.fn(() => ({ setOption: vi.fn(), resize: vi.fn(), dispose: vi.fn() })),
}));
vi.mock('echarts/charts', () => ({ LineChart: {}, CustomChart: {}, GraphChart: {} }));
vi.mock('echarts/components', () => ({
  GridComponent: {},
  LegendComponent: {},
  TooltipComponent: {},
  MarkAreaComponent: {},
  MarkLineComponent: {},
}));
vi.mock('echarts/renderers', () => ({ CanvasRenderer: {} }));

afterEach(() => {
  cleanup();
  window.localStorage.clear();
  vi.useRealTimers();
  failOnUnexpectedApiCalls();
});
