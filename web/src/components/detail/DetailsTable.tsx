/** Metadata or quality figures (AWSJSON) as a readable two-column list; nested values flattened with dotted names. */
import { parseJsonObject } from '../../lib/analysis';

function flatten(value: unknown, prefix: string, out: [string, string][]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item !== 'object' || item === null)) out.push([prefix, value.join(', ')]);
    else value.forEach((item, index) => flatten(item, `${prefix}[${index + 1}]`, out));
    return;
  }
  if (typeof value === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
    return;
  }
  out.push([prefix, typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(3).replace(/0+$/, '') : String(value)]);
}

export function DetailsTable({ json, empty }: { json: string | null; empty: string }) {
  const rows: [string, string][] = [];
  flatten(parseJsonObject(json), '', rows);
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  return (
    <dl className="details">
      {rows.slice(0, 80).map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
