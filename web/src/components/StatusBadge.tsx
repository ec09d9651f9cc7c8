/** Status of a media item as a coloured badge, with the stage and progress while it is processing. */
import type { MediaStatus } from '../../../schema/types.generated';
import { titleCase } from '../lib/format';
import { isFinished, stageLabel } from '../upload/upload-model';

const TONES: Readonly<Record<MediaStatus, string>> = {
  PENDING_UPLOAD: 'neutral',
  UPLOADED: 'info',
  PROCESSING: 'info',
  READY: 'success',
  FAILED: 'danger',
};

export function StatusBadge({ status, stage, progress }: { status: MediaStatus; stage: string | null; progress: number }) {
  // READY after ingest is only halfway: analysis follows.
  const working = status === 'PROCESSING' || status === 'UPLOADED' || (status === 'READY' && !isFinished({ status, stage }));
  const text = status === 'PENDING_UPLOAD' ? 'Waiting for upload' : working ? `${stage ? stageLabel(stage) : titleCase(status)} ${progress}%` : status === 'READY' ? 'Ready' : titleCase(status);
  return (
    <span className={`badge badge--${working ? 'info' : TONES[status]}`} data-status={status}>
      {working ? <span className="badge__pulse" aria-hidden="true" /> : null}
      {text}
    </span>
  );
}

export function TypeBadge({ type }: { type: string }) {
  return <span className="badge badge--type">{titleCase(type)}</span>;
}
