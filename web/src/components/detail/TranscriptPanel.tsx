/** The transcript in timed lines; each time is a button that plays the media from there. The line playing is highlighted. */
import type { TranscriptFinding } from '../../lib/analysis';
import { formatClock } from '../../lib/format';
import { activeLine, groupTranscript } from '../../lib/transcript';

export function TranscriptPanel({ transcript, currentTime, onSeek }: { transcript: TranscriptFinding; currentTime: number; onSeek: ((seconds: number) => void) | null }) {
  const lines = groupTranscript(transcript.words);
  if (lines.length === 0) return <p className="transcript__plain">{transcript.text || <span className="muted">No speech recognised.</span>}</p>;
  const active = activeLine(lines, currentTime);
  return (
    <ol className="transcript" data-testid="transcript">
      {lines.map((line, index) => (
        <li key={`${line.start}-${index}`} className={index === active ? 'transcript__line transcript__line--active' : 'transcript__line'}>
          {onSeek ? (
            <button type="button" className="transcript__time" onClick={() => onSeek(line.start)} aria-label={`Play from ${formatClock(line.start)}`}>
              {formatClock(line.start)}
            </button>
          ) : (
            <span className="transcript__time">{formatClock(line.start)}</span>
          )}
          <span>{line.text}</span>
        </li>
      ))}
    </ol>
  );
}
