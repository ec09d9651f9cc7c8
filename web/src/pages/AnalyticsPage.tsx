/**
 * Analytics over the whole library: the page reads every item (listMedia, page after page) and
 * aggregates in the browser (lib/analytics.ts) — counts by type and status, processing times,
 * top tags, storage, uploads per day and failures.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ANALYTICS_PAGE, type AnalyticsItem } from '../api/documents';
import { useApi } from '../app/context';
import { Link } from '../app/router';
import { BarChart, ChartCard, ColumnChart, DonutChart } from '../components/charts';
import { EmptyState, ErrorMessage, LoadingState } from '../components/feedback';
import { computeAnalytics, MEDIA_STATUSES, MEDIA_TYPES } from '../lib/analytics';
import { formatBytes, formatDuration, formatRelative, plural, titleCase } from '../lib/format';

const TYPE_COLOURS = { IMAGE: 'var(--c1)', VIDEO: 'var(--c2)', AUDIO: 'var(--c3)', TEXT: 'var(--c4)' } as const;
const STATUS_COLOURS = { PENDING_UPLOAD: 'var(--muted-fill)', UPLOADED: 'var(--c3)', PROCESSING: 'var(--c2)', READY: 'var(--success)', FAILED: 'var(--danger)' } as const;
const MAX_ITEMS = 20_000;

function useWholeLibrary() {
  const api = useApi();
  const [items, setItems] = useState<AnalyticsItem[]>([]);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [run, setRun] = useState(0);
  useEffect(() => {
    let live = true;
    setItems([]);
    setDone(false);
    setError(null);
    (async () => {
      let nextToken: string | null = null;
      const all: AnalyticsItem[] = [];
      do {
        const page: { items: AnalyticsItem[]; nextToken: string | null } = (await api.request(ANALYTICS_PAGE, { limit: 100, nextToken })).listMedia;
        if (!live) return;
        all.push(...page.items);
        setItems([...all]);
        nextToken = page.nextToken;
      } while (nextToken && all.length < MAX_ITEMS);
      if (live) setDone(true);
    })().catch((caught: unknown) => live && setError(caught instanceof Error ? caught : new Error(String(caught))));
    return () => {
      live = false;
    };
  }, [api, run]);
  return { items, done, error, reload: useCallback(() => setRun((r) => r + 1), []) };
}

export function AnalyticsPage() {
  const { items, done, error, reload } = useWholeLibrary();
  const stats = useMemo(() => computeAnalytics(items), [items]);
  if (error) return <ErrorMessage error={error} onRetry={reload} title="Could not read the library" />;
  if (!done && items.length === 0) return <LoadingState label="Reading your library…" />;
  if (done && items.length === 0) {
    return (
      <div className="page">
        <h1>Analytics</h1>
        <EmptyState title="Nothing to measure yet" action={<Link to="/">Upload media</Link>}>
          Charts appear once your library has media.
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="page">
      <div className="page__head">
        <h1>Analytics</h1>
        <p className="muted" aria-live="polite">
          {done ? `${plural(stats.total, 'item')}` : `Reading… ${plural(items.length, 'item')} so far`} ·{' '}
          <button type="button" className="link-button" onClick={reload}>
            Refresh
          </button>
        </p>
      </div>
      <dl className="kpis">
        <div>
          <dt>Items</dt>
          <dd data-testid="kpi-items">{stats.total.toLocaleString('en')}</dd>
        </div>
        <div>
          <dt>Storage used</dt>
          <dd data-testid="kpi-storage">{formatBytes(stats.storageBytes)}</dd>
        </div>
        <div>
          <dt>Median processing</dt>
          <dd>{stats.processing.medianMs === null ? '—' : formatDuration(stats.processing.medianMs)}</dd>
        </div>
        <div>
          <dt>Failures</dt>
          <dd>{stats.byStatus.FAILED}</dd>
        </div>
      </dl>
      <div className="charts">
        <ChartCard title="By type" testId="chart-types">
          <DonutChart
            title="Items by type"
            centre={String(stats.total)}
            data={MEDIA_TYPES.map((type) => ({ label: titleCase(type), value: stats.byType[type], colour: TYPE_COLOURS[type] }))}
          />
        </ChartCard>
        <ChartCard title="By status" testId="chart-status">
          <BarChart title="Items by status" data={MEDIA_STATUSES.map((status) => ({ label: titleCase(status), value: stats.byStatus[status], colour: STATUS_COLOURS[status] }))} />
        </ChartCard>
        <ChartCard
          title="Processing time"
          testId="chart-processing"
          footer={
            stats.processing.count > 0
              ? `${plural(stats.processing.count, 'item')} finished · median ${formatDuration(stats.processing.medianMs ?? 0)} · 90% within ${formatDuration(stats.processing.p90Ms ?? 0)} (upload request to end of analysis)`
              : 'No item has finished processing yet.'
          }
        >
          <ColumnChart title="Items by processing time" data={stats.processing.buckets.map((b) => ({ label: b.label, value: b.count }))} />
        </ChartCard>
        <ChartCard title="Storage by type" testId="chart-storage">
          <BarChart title="Bytes stored by type" format={formatBytes} data={MEDIA_TYPES.map((type) => ({ label: titleCase(type), value: stats.storageByType[type], colour: TYPE_COLOURS[type] }))} />
        </ChartCard>
        <ChartCard title="Top tags" testId="chart-tags">
          {stats.topTags.length > 0 ? <BarChart title="Most used tags" data={stats.topTags.map((t) => ({ label: t.path.split('/').pop() ?? t.path, value: t.count }))} /> : <p className="muted">No tags yet.</p>}
        </ChartCard>
        <ChartCard title="Uploads, last 14 days" testId="chart-days">
          <ColumnChart title="Uploads per day" data={stats.perDay.map((d) => ({ label: d.day.slice(8), value: d.count }))} />
        </ChartCard>
      </div>
      <section className="panel" aria-labelledby="failures-title">
        <h2 id="failures-title" className="panel__title">
          Failures
        </h2>
        {stats.failures.length === 0 ? (
          <p className="muted">None — every item was processed.</p>
        ) : (
          <ul className="failures">
            {stats.failures.slice(0, 50).map((f) => (
              <li key={f.id}>
                <Link to={`/media/${f.id}`}>{f.name}</Link> <span className="muted small">{formatRelative(f.at)}</span>
                <p className="small error-text">{f.error}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
