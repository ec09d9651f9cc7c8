/** Filters of the library: type, status, a date range, and the sort order. */
import type { MediaStatus, MediaType } from '../../../schema/types.generated';
import { MEDIA_STATUSES, MEDIA_TYPES } from '../lib/analytics';
import { titleCase } from '../lib/format';
import { SORT_LABELS, type SortKey } from '../lib/media-sort';

export interface FilterValues {
  type: MediaType | '';
  status: MediaStatus | '';
  from: string;
  to: string;
  sort: SortKey;
}

export function MediaFilters({ values, onChange }: { values: FilterValues; onChange: (values: FilterValues) => void }) {
  const set = <K extends keyof FilterValues>(key: K, value: FilterValues[K]) => onChange({ ...values, [key]: value });
  const active = values.type || values.status || values.from || values.to;
  return (
    <form className="filters" aria-label="Filter and sort" onSubmit={(e) => e.preventDefault()}>
      <label className="field field--inline">
        <span>Type</span>
        <select value={values.type} onChange={(e) => set('type', e.target.value as FilterValues['type'])}>
          <option value="">All types</option>
          {MEDIA_TYPES.map((type) => (
            <option key={type} value={type}>
              {titleCase(type)}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--inline">
        <span>Status</span>
        <select value={values.status} onChange={(e) => set('status', e.target.value as FilterValues['status'])}>
          <option value="">Any status</option>
          {MEDIA_STATUSES.map((status) => (
            <option key={status} value={status}>
              {titleCase(status)}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--inline">
        <span>From</span>
        <input type="date" value={values.from} max={values.to || undefined} onChange={(e) => set('from', e.target.value)} />
      </label>
      <label className="field field--inline">
        <span>To</span>
        <input type="date" value={values.to} min={values.from || undefined} onChange={(e) => set('to', e.target.value)} />
      </label>
      <label className="field field--inline">
        <span>Sort</span>
        <select value={values.sort} onChange={(e) => set('sort', e.target.value as SortKey)}>
          {(Object.keys(SORT_LABELS) as SortKey[]).map((key) => (
            <option key={key} value={key}>
              {SORT_LABELS[key]}
            </option>
          ))}
        </select>
      </label>
      {active ? (
        <button type="button" className="button button--ghost button--small" onClick={() => onChange({ type: '', status: '', from: '', to: '', sort: values.sort })}>
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
