/** Labelled segments of a video under its player: one lane per label; a click seeks to the segment. */
import type { Segment } from '../../lib/analysis';
import { formatClock, formatPercent } from '../../lib/format';
import { layoutTimeline, timelineTicks } from '../../lib/timeline';

export function VideoTimeline({ segments, duration, currentTime, onSeek }: { segments: readonly Segment[]; duration: number | null; currentTime: number; onSeek: (seconds: number) => void }) {
  const layout = layoutTimeline(segments, { durationSeconds: duration });
  if (layout.lanes.length === 0) return <p className="muted">No labelled segments.</p>;
  const playhead = layout.duration > 0 ? Math.min(100, (currentTime / layout.duration) * 100) : 0;
  return (
    <div className="timeline" data-testid="video-timeline">
      <div className="timeline__axis" aria-hidden="true">
        {timelineTicks(layout.duration).map((tick) => (
          <span key={tick} style={{ left: `${(tick / layout.duration) * 100}%` }}>
            {formatClock(tick)}
          </span>
        ))}
      </div>
      <ul className="timeline__lanes">
        {layout.lanes.map((lane) => (
          <li key={lane.label} className="timeline__lane">
            <span className="timeline__label" title={`${lane.seconds.toFixed(1)} s on screen`}>
              {lane.label}
            </span>
            <div className="timeline__track">
              {lane.blocks.map((block) => (
                <button
                  type="button"
                  key={`${block.start}-${block.end}`}
                  className="timeline__block"
                  style={{ left: `${block.leftPercent}%`, width: `${block.widthPercent}%`, opacity: 0.45 + block.confidence * 0.55 }}
                  aria-label={`${lane.label} from ${formatClock(block.start)} to ${formatClock(block.end)}, ${formatPercent(block.confidence)} confidence: play from here`}
                  onClick={() => onSeek(block.start)}
                />
              ))}
              <span className="timeline__playhead" style={{ left: `${playhead}%` }} aria-hidden="true" />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
