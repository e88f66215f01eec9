/**
 * The war room's fold card: a storm on a shared dependency shown as one card. It names the
 * dependency by its service title (the item's name as tooltip), counts the storm, lists the folded
 * services, and keeps the whole summary readable: in full as text and as the tooltip, whatever the
 * card's width cuts.
 */
import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BoardFold, ServiceGroup } from '../../../src/api/contract.js';
import { createUiStore } from '../../../renderer/app/ui-store';
import { FoldCard } from '../../../renderer/war-room/fold-card';
import { WarRoomView } from '../../../renderer/war-room/war-room-view';
import { boardOf, groupAlerts } from '../support/board';
import { createFakeApi } from '../support/fake-api';
import { makeAlert, makeOverview, makeSource, makeTimeline, NO_CHANGES, NOW } from '../support/fixtures';
import { renderWithCockpit } from '../support/render';

const ALERTS = [
  makeAlert({ id: 'r1', service: 'ledger', severity: 'high', name: 'LedgerWriteErrors' }),
  makeAlert({ id: 'r2', service: 'ledger', severity: 'high', name: 'LedgerLag' }),
  makeAlert({ id: 'g1', service: 'api-gateway', severity: 'warning', name: 'UpstreamErrors' }),
  makeAlert({ id: 'g2', service: 'api-gateway', severity: 'warning', name: 'UpstreamErrors' }),
  makeAlert({ id: 'g3', service: 'api-gateway', severity: 'warning', name: 'SlowRequests' }),
  makeAlert({ id: 'w1', service: 'web-bff', severity: 'warning', name: 'UpstreamErrors' }),
  makeAlert({ id: 'p1', service: 'payment-core', severity: 'warning', name: 'Timeouts' }),
];

const TITLES: Readonly<Record<string, ServiceGroup['title']>> = {
  ledger: { en: 'Ledger', 'zh-CN': '账务核心' },
  'api-gateway': { en: 'API gateway', 'zh-CN': 'API 网关' },
};

function titledGroups(): ServiceGroup[] {
  return groupAlerts(ALERTS).map((group) => {
    const title = TITLES[group.service ?? ''];
    return title ? { ...group, title } : group;
  });
}

const FOLD: BoardFold = {
  rootId: 'component:default/ledger',
  rootName: 'ledger',
  severity: 'high',
  alertCount: 7,
  rootService: 'ledger',
  services: ['api-gateway', 'web-bff', 'payment-core'],
};

function renderFold(
  options: Readonly<{ language?: 'en' | 'zh-CN'; form?: 'full' | 'compact' | 'dense'; rules?: number }>,
) {
  const groups = titledGroups();
  const byService = new Map(groups.map((group) => [group.service, group]));
  const store = createUiStore({ initial: { language: options.language ?? 'en' } });
  renderWithCockpit(
    <FoldCard
      fold={FOLD}
      root={byService.get('ledger')}
      folded={FOLD.services.flatMap((service) => byService.get(service) ?? [])}
      form={options.form ?? 'full'}
      rules={options.rules ?? 4}
    />,
    { api: createFakeApi(), store },
  );
  return screen.getByRole('article');
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
});

describe('fold card', () => {
  it.each([
    ['en', 'Ledger', '7 alerts on 3 services folded under it'],
    ['zh-CN', '账务核心', '7 条告警，3 个服务折叠于此'],
  ] as const)(
    'names the dependency by its service title in %s and gives the whole summary as text and tooltip',
    (language, title, summary) => {
      const card = renderFold({ language });
      const heading = within(card).getByRole('heading');
      expect(heading).toHaveTextContent(title);
      expect(heading).toHaveAttribute('title', 'ledger');
      expect(card).toHaveAttribute('data-fold-root', 'component:default/ledger');
      const text = card.querySelector('.fold-summary');
      expect(text?.textContent).toBe(summary);
      expect(text?.closest('[title]')).toHaveAttribute('title', summary);
    },
  );

  it('names the dependency by its item name when the board has no title for it', () => {
    const store = createUiStore({ initial: { language: 'en' } });
    renderWithCockpit(
      <FoldCard fold={{ ...FOLD, rootName: 'ledger-db' }} folded={[]} form="full" rules={4} />,
      { api: createFakeApi(), store },
    );
    const heading = screen.getByRole('heading');
    expect(heading).toHaveTextContent('ledger-db');
    expect(heading).not.toHaveAttribute('title');
  });

  it('lists the folded services worst first with their counts, titles where configured', () => {
    const card = renderFold({});
    const rows = [...card.querySelectorAll('[data-folded-service]')];
    expect(rows.map((row) => row.getAttribute('data-folded-service'))).toEqual([
      'api-gateway',
      'web-bff',
      'payment-core',
    ]);
    expect(rows[0]).toHaveTextContent('API gateway×3');
    expect(within(rows[0] as HTMLElement).getByText('API gateway')).toHaveAttribute('title', 'api-gateway');
    expect(rows[1]).toHaveTextContent('web-bff×1');
    expect(rows[2]).toHaveTextContent('payment-core×1');
  });

  it('says how many folded services the card has no room for', () => {
    const card = renderFold({ rules: 2 });
    expect(card.querySelectorAll('[data-folded-service]')).toHaveLength(2);
    expect(within(card).getByText('+1 more service')).toBeInTheDocument();
  });

  it('keeps the full summary in a dense row, where only the count shows', () => {
    const card = renderFold({ form: 'dense' });
    expect(card).toHaveTextContent('×7 · 3 services');
    expect(card).toHaveAttribute('title', 'Ledger · 7 alerts on 3 services folded under it');
  });
});

describe('fold card on the war room', () => {
  it('replaces the folded services’ cards with one card for the storm', async () => {
    const board = { ...boardOf(ALERTS), folds: [FOLD] };
    const groups = board.groups.map((group) => ({ ...group, foldedUnder: FOLD.rootId }));
    renderWithCockpit(<WarRoomView />, {
      api: createFakeApi({
        ...NO_CHANGES,
        getOverview: () => Promise.resolve(makeOverview()),
        listSources: () => Promise.resolve({ sources: [makeSource()] }),
        getBoard: () => Promise.resolve({ ...board, groups }),
        listSlos: () => Promise.resolve({ items: [], problems: [] }),
        getTimeline: () => Promise.resolve(makeTimeline()),
      }),
    });
    const card = await screen.findByRole('article', { name: 'Storm folded under ledger' });
    expect(card.querySelector('.fold-summary')).toHaveTextContent('7 alerts on 3 services folded under it');
    expect(document.querySelectorAll('[data-service]')).toHaveLength(0);
  });
});
