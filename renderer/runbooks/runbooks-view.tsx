import { useState } from 'react';
import type { RunbookQueryInput } from '../../src/api/contract.js';
import { useT } from '../i18n/use-translate';
import { DebouncedInput } from '../ui/debounced-input';
import { EmptyState, ErrorState, LoadingState } from '../ui/view-state';
import { useRunbookList } from './queries';
import { RunbookReader } from './runbook-reader';
import { RunbookRow } from './runbook-row';
import './runbooks.css';

type StaleFilter = 'all' | 'stale' | 'fresh';

/** The runbook shelf: search in Chinese or English, filters, and the reader beside the list. */
export function RunbooksView() {
  const t = useT();
  const [q, setQ] = useState('');
  const [service, setService] = useState('');
  const [owner, setOwner] = useState('');
  const [stale, setStale] = useState<StaleFilter>('all');
  const [openId, setOpenId] = useState<string | undefined>(undefined);
  const input: RunbookQueryInput = {
    ...(q.trim() ? { q: q.trim() } : {}),
    ...(service.trim() ? { service: service.trim() } : {}),
    ...(owner.trim() ? { owner: owner.trim() } : {}),
    ...(stale === 'all' ? {} : { stale: stale === 'stale' ? 'true' : 'false' }),
    limit: 100,
  };
  const list = useRunbookList(input);
  const selected = openId ?? list.data?.items[0]?.id;
  let items;
  if (list.data) {
    items =
      list.data.items.length === 0 ? (
        <EmptyState>{t('runbooks.none')}</EmptyState>
      ) : (
        <ol className="runbook-list" aria-label={t('runbooks.shelf')}>
          {list.data.items.map((runbook) => (
            <RunbookRow
              key={runbook.id}
              runbook={runbook}
              selected={runbook.id === selected}
              onOpen={setOpenId}
              t={t}
            />
          ))}
        </ol>
      );
  } else if (list.isError) {
    items = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  } else {
    items = <LoadingState />;
  }
  return (
    <div className="runbooks-view">
      <section className="runbook-shelf" aria-label={t('runbooks.shelf')}>
        <div className="runbook-filters">
          <DebouncedInput
            type="search"
            className="runbook-search"
            value={q}
            onCommit={setQ}
            placeholder={t('runbooks.searchPlaceholder')}
            aria-label={t('runbooks.search')}
          />
          <DebouncedInput
            value={service}
            onCommit={setService}
            placeholder={t('runbooks.service')}
            aria-label={t('runbooks.service')}
          />
          <DebouncedInput
            value={owner}
            onCommit={setOwner}
            placeholder={t('runbooks.owner')}
            aria-label={t('runbooks.owner')}
          />
          <select
            value={stale}
            onChange={(event) => setStale(event.target.value as StaleFilter)}
            aria-label={t('runbooks.shelfLife')}
          >
            <option value="all">{t('runbooks.filterAll')}</option>
            <option value="stale">{t('runbooks.filterStale')}</option>
            <option value="fresh">{t('runbooks.filterFresh')}</option>
          </select>
        </div>
        {list.data && (
          <p className="runbook-total">
            {t('runbooks.total', { count: list.data.total })} ·{' '}
            {t('runbooks.maxAge', { days: list.data.maxAgeDays })}
          </p>
        )}
        {items}
      </section>
      <section className="runbook-reading" aria-label={t('runbooks.reader')}>
        {selected ? (
          <RunbookReader key={selected} id={selected} />
        ) : (
          <EmptyState>{t('runbooks.pick')}</EmptyState>
        )}
      </section>
    </div>
  );
}
