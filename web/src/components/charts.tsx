/**
 * Small SVG charts drawn here (no chart library): horizontal bars, columns and a donut. Each has a
 * title and an accessible table of its numbers for screen readers.
 */
import type { ReactNode } from 'react';

export interface Datum {
  label: string;
  value: number;
  /** CSS colour (a custom property). */
  colour?: string;
}

function DataTable({ title, data, format }: { title: string; data: readonly Datum[]; format: (n: number) => string }) {
  return (
    <table className="visually-hidden">
      <caption>{title}</caption>
      <tbody>
        {data.map((d) => (
          <tr key={d.label}>
            <th scope="row">{d.label}</th>
            <td>{format(d.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ChartCard({ title, children, footer, testId }: { title: string; children: ReactNode; footer?: ReactNode; testId?: string }) {
  return (
    <figure className="panel chart" data-testid={testId}>
      <figcaption className="panel__title">{title}</figcaption>
      {children}
      {footer ? <div className="chart__footer muted small">{footer}</div> : null}
    </figure>
  );
}

/** Horizontal bars, longest first as given. */
export function BarChart({ title, data, format = String }: { title: string; data: readonly Datum[]; format?: (n: number) => string }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const row = 28;
  const labelWidth = 120;
  const width = 420;
  return (
    <>
      <svg viewBox={`0 0 ${width} ${data.length * row}`} className="chart__svg" role="img" aria-label={title}>
        {data.map((d, index) => {
          const barWidth = ((width - labelWidth - 60) * d.value) / max;
          return (
            <g key={d.label} transform={`translate(0 ${index * row})`}>
              <text x={labelWidth - 8} y={row / 2 + 4} textAnchor="end" className="chart__label">
                {d.label.length > 18 ? `${d.label.slice(0, 17)}…` : d.label}
              </text>
              <rect x={labelWidth} y={5} width={Math.max(d.value > 0 ? 2 : 0, barWidth)} height={row - 10} rx={4} fill={d.colour ?? 'var(--accent)'} />
              <text x={labelWidth + barWidth + 6} y={row / 2 + 4} className="chart__value">
                {format(d.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <DataTable title={title} data={data} format={format} />
    </>
  );
}

/** Vertical columns with labels under them (a histogram or a time series). */
export function ColumnChart({ title, data, format = String }: { title: string; data: readonly Datum[]; format?: (n: number) => string }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const width = 420;
  const height = 180;
  const gap = 4;
  const column = (width - gap * (data.length - 1)) / Math.max(1, data.length);
  return (
    <>
      <svg viewBox={`0 0 ${width} ${height + 34}`} className="chart__svg" role="img" aria-label={title}>
        <line x1={0} y1={height} x2={width} y2={height} className="chart__axis" />
        {data.map((d, index) => {
          const h = (height - 18) * (d.value / max);
          const x = index * (column + gap);
          return (
            <g key={d.label}>
              <rect x={x} y={height - h} width={column} height={h} rx={3} fill={d.colour ?? 'var(--accent)'} />
              {d.value > 0 ? (
                <text x={x + column / 2} y={height - h - 4} textAnchor="middle" className="chart__value">
                  {format(d.value)}
                </text>
              ) : null}
              <text x={x + column / 2} y={height + 14} textAnchor="middle" className="chart__label chart__label--small">
                {d.label}
              </text>
            </g>
          );
        })}
      </svg>
      <DataTable title={title} data={data} format={format} />
    </>
  );
}

/** A donut of shares with a legend; the total in the middle. */
export function DonutChart({ title, data, format = String, centre }: { title: string; data: readonly Datum[]; format?: (n: number) => string; centre: string }) {
  const total = data.reduce((sum, d) => sum + d.value, 0);
  const radius = 60;
  const circumference = 2 * Math.PI * radius;
  let offset = 0;
  return (
    <div className="donut">
      <svg viewBox="0 0 160 160" className="donut__svg" role="img" aria-label={title}>
        <circle cx={80} cy={80} r={radius} fill="none" className="donut__track" strokeWidth={22} />
        {total > 0
          ? data.map((d) => {
              const length = (d.value / total) * circumference;
              const slice = (
                <circle
                  key={d.label}
                  cx={80}
                  cy={80}
                  r={radius}
                  fill="none"
                  stroke={d.colour ?? 'var(--accent)'}
                  strokeWidth={22}
                  strokeDasharray={`${length} ${circumference - length}`}
                  strokeDashoffset={-offset}
                  transform="rotate(-90 80 80)"
                />
              );
              offset += length;
              return slice;
            })
          : null}
        <text x={80} y={86} textAnchor="middle" className="donut__centre">
          {centre}
        </text>
      </svg>
      <ul className="legend">
        {data.map((d) => (
          <li key={d.label}>
            <span className="legend__swatch" style={{ background: d.colour ?? 'var(--accent)' }} aria-hidden="true" />
            {d.label} <strong>{format(d.value)}</strong>
          </li>
        ))}
      </ul>
      <DataTable title={title} data={data} format={format} />
    </div>
  );
}
