/**
 * Sorting and client-side filtering of the library grid. The API lists newest first; any other
 * order is applied over the items loaded (the library page loads every page first for those). Pure.
 */

export type SortKey = 'newest' | 'oldest' | 'name' | 'largest' | 'smallest';

export const SORT_LABELS: Readonly<Record<SortKey, string>> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  name: 'Name (A–Z)',
  largest: 'Largest first',
  smallest: 'Smallest first',
};

interface Sortable {
  name: string;
  size: number | null;
  createdAt: string;
}

export function sortMedia<T extends Sortable>(items: readonly T[], key: SortKey): T[] {
  const sorted = [...items];
  switch (key) {
    case 'newest':
      return sorted.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    case 'oldest':
      return sorted.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    case 'name':
      return sorted.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true, sensitivity: 'base' }));
    case 'largest':
      return sorted.sort((a, b) => (b.size ?? -1) - (a.size ?? -1));
    case 'smallest':
      return sorted.sort((a, b) => (a.size ?? Number.MAX_VALUE) - (b.size ?? Number.MAX_VALUE));
  }
}

/** Whether the order needs every page (the server's order is newest first). */
export const needsAllPages = (key: SortKey): boolean => key !== 'newest';

/** A date input's value (YYYY-MM-DD) as the AWSDateTime bound of that day (start, or end when `endOfDay`). */
export function dayBound(value: string, endOfDay: boolean): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const at = Date.parse(`${value}T00:00:00.000Z`);
  if (Number.isNaN(at)) return null;
  return new Date(endOfDay ? at + 86_400_000 - 1 : at).toISOString();
}

/** Merges a changed item into a list by id (keeps the position; fields not in `change` are kept). */
export function mergeById<T extends { id: string }>(items: readonly T[], change: Partial<T> & { id: string }): T[] {
  let found = false;
  const merged = items.map((item) => {
    if (item.id !== change.id) return item;
    found = true;
    return { ...item, ...definedOnly(change) };
  });
  return found ? merged : [...items];
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
