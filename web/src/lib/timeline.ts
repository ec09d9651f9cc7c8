/**
 * A video's labelled segments laid out as a timeline: one lane per label (longest on screen first),
 * each segment placed as a start and a width in percent of the video's duration, clamped to it.
 * Pure, so the layout is unit-tested without a browser.
 */
import type { Segment } from './analysis';

export interface TimelineBlock {
  start: number;
  end: number;
  confidence: number;
  /** Percent of the duration from the left edge. */
  leftPercent: number;
  /** Percent of the duration, at least `minWidthPercent` so a short segment stays clickable. */
  widthPercent: number;
}

export interface TimelineLane {
  label: string;
  /** Seconds the label is on screen in total. */
  seconds: number;
  blocks: TimelineBlock[];
}

export interface TimelineOptions {
  /** Seconds; when unknown, the end of the last segment. */
  durationSeconds: number | null;
  /** At most this many lanes (the rest are dropped, longest kept). @default 12 */
  maxLanes?: number;
  /** @default 0.75 */
  minWidthPercent?: number;
}

/** The lanes, longest total first, then by name. */
export function layoutTimeline(segments: readonly Segment[], options: TimelineOptions): { duration: number; lanes: TimelineLane[] } {
  const lastEnd = segments.reduce((max, segment) => Math.max(max, segment.end), 0);
  const duration = options.durationSeconds && options.durationSeconds > 0 ? options.durationSeconds : lastEnd;
  if (duration <= 0) return { duration: 0, lanes: [] };
  const minWidth = options.minWidthPercent ?? 0.75;
  const byLabel = new Map<string, TimelineLane>();
  for (const segment of segments) {
    const start = clamp(segment.start, 0, duration);
    const end = clamp(segment.end, start, duration);
    const lane = byLabel.get(segment.label) ?? { label: segment.label, seconds: 0, blocks: [] };
    const leftPercent = (start / duration) * 100;
    const widthPercent = Math.min(100 - leftPercent, Math.max(minWidth, ((end - start) / duration) * 100));
    lane.blocks.push({ start, end, confidence: segment.confidence, leftPercent: round(leftPercent), widthPercent: round(widthPercent) });
    lane.seconds = round(lane.seconds + (end - start));
    byLabel.set(segment.label, lane);
  }
  const lanes = [...byLabel.values()]
    .map((lane) => ({ ...lane, blocks: lane.blocks.sort((a, b) => a.start - b.start) }))
    .sort((a, b) => b.seconds - a.seconds || a.label.localeCompare(b.label))
    .slice(0, options.maxLanes ?? 12);
  return { duration, lanes };
}

/** Evenly spaced tick marks for an axis of `duration` seconds: about `count`, on round steps. */
export function timelineTicks(duration: number, count = 5): number[] {
  if (duration <= 0) return [];
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
  const step = steps.find((candidate) => duration / candidate <= count) ?? Math.ceil(duration / count / 3600) * 3600;
  const ticks: number[] = [];
  for (let at = 0; at <= duration + 1e-9; at += step) ticks.push(at);
  return ticks;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
const round = (value: number) => Math.round(value * 1000) / 1000;
