/**
 * Per-keyframe findings merged into time segments `{ label, start, end, confidence }`. Pure.
 *
 * A keyframe at time t speaks for the video until the next keyframe, but never for more than
 * `maxSpanSeconds` (so a label seen once is not stretched over a long unsampled stretch), and the
 * last one until the end of the video (same bound). A label seen in consecutive keyframes whose
 * spans touch makes one segment, with the highest confidence seen; a keyframe without the label
 * ends its segment.
 */

export interface TimeSegment {
  label: string;
  /** Seconds from the start. */
  start: number;
  end: number;
  /** Highest confidence over the segment's keyframes, 0–1. */
  confidence: number;
}

/** What one keyframe showed. */
export interface FrameFindings {
  /** Seconds from the start. */
  at: number;
  labels: readonly { name: string; confidence: number }[];
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;
/** Spans closer than this are treated as touching (float noise in frame times). */
const TOUCH_SECONDS = 1e-3;

/** The segments, ordered by start, then label. */
export function mergeSegments(frames: readonly FrameFindings[], options: { durationSeconds: number | null; maxSpanSeconds: number }): TimeSegment[] {
  const sorted = [...frames].sort((a, b) => a.at - b.at);
  const open = new Map<string, TimeSegment>();
  const closed: TimeSegment[] = [];
  sorted.forEach((frame, index) => {
    const next = sorted[index + 1];
    const until = next ? next.at : (options.durationSeconds ?? frame.at + options.maxSpanSeconds);
    const end = Math.max(frame.at, Math.min(until, frame.at + options.maxSpanSeconds));
    const seen = strongestPerLabel(frame.labels);
    for (const [label, segment] of open) {
      const confidence = seen.get(label);
      if (confidence === undefined || segment.end + TOUCH_SECONDS < frame.at) {
        closed.push(segment);
        open.delete(label);
      }
    }
    for (const [label, confidence] of seen) {
      const segment = open.get(label);
      if (segment) {
        segment.end = end;
        segment.confidence = Math.max(segment.confidence, confidence);
      } else {
        open.set(label, { label, start: frame.at, end, confidence });
      }
    }
  });
  closed.push(...open.values());
  return closed
    .map((segment) => ({ ...segment, start: round(segment.start), end: round(segment.end) }))
    .sort((a, b) => a.start - b.start || a.label.localeCompare(b.label));
}

function strongestPerLabel(labels: FrameFindings['labels']): Map<string, number> {
  const strongest = new Map<string, number>();
  for (const { name, confidence } of labels) {
    strongest.set(name, Math.max(confidence, strongest.get(name) ?? 0));
  }
  return strongest;
}
