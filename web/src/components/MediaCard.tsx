/** One media item in a grid: its thumbnail (loaded when scrolled near), name, type, status and live progress. */
import { memo } from 'react';
import type { MediaCard as MediaCardData } from '../api/documents';
import { Link } from '../app/router';
import { useDownloadUrl } from '../hooks/useDownloadUrl';
import { useInView } from '../hooks/useInView';
import { formatBytes, formatRelative } from '../lib/format';
import { isFinished } from '../upload/upload-model';
import { ProgressBar } from './feedback';
import { Icon, mediaTypeIcon } from './Icon';
import { StatusBadge, TypeBadge } from './StatusBadge';

export const MediaCard = memo(function MediaCard({ media }: { media: MediaCardData }) {
  const { ref, inView } = useInView<HTMLAnchorElement>({ once: true, rootMargin: '400px' });
  const previewFile = media.hasThumbnail ? 'THUMBNAIL' : media.hasPoster ? 'POSTER' : null;
  const { url } = useDownloadUrl(media.id, previewFile ?? 'THUMBNAIL', media.version, inView && previewFile !== null);
  const working = !isFinished(media) && media.status !== 'PENDING_UPLOAD';
  const autoTags = [...media.tags].sort((a, b) => b.confidence - a.confidence).slice(0, 3);
  return (
    <Link to={`/media/${media.id}`} className="card" ref={ref} data-testid="media-card" data-media-id={media.id} data-status={media.status} data-stage={media.stage ?? ''}>
      <div className={`card__preview card__preview--${media.mediaType.toLowerCase()}`}>
        {url ? <img src={url} alt="" loading="lazy" decoding="async" /> : <Icon name={mediaTypeIcon(media.mediaType)} size={40} />}
        <span className="card__type">
          <TypeBadge type={media.mediaType} />
        </span>
      </div>
      <div className="card__body">
        <h3 className="card__title" title={media.name}>
          {media.name}
        </h3>
        <p className="card__meta">
          {formatBytes(media.size)} · <time dateTime={media.createdAt}>{formatRelative(media.createdAt)}</time>
        </p>
        <StatusBadge status={media.status} stage={media.stage} progress={media.progress} />
        {working ? <ProgressBar value={media.progress} label={`Processing ${media.name}`} /> : null}
        {media.status === 'FAILED' && media.error ? <p className="card__error">{media.error}</p> : null}
        {autoTags.length > 0 ? (
          <ul className="chips chips--compact" aria-label="Tags">
            {autoTags.map((t) => (
              <li key={t.tag.id} className="chip chip--small">
                {t.tag.name}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </Link>
  );
});
