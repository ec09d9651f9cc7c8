/**
 * One media item: its preview (image with face boxes, video with a timeline of labelled segments,
 * audio player, text), everything the analyzers found, its tags, versions and duplicates — live
 * while it is being processed.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { DELETE_MEDIA, DOWNLOAD_URL, GET_MEDIA, ON_ANALYSIS, ON_MEDIA_PROGRESS, REPROCESS, SPLIT_PERSON, type AnalysisView, type MediaDetail } from '../api/documents';
import { useApi } from '../app/context';
import { Link, navigate } from '../app/router';
import { DetailsTable } from '../components/detail/DetailsTable';
import { DuplicatesPanel } from '../components/detail/DuplicatesPanel';
import { ImagePreview } from '../components/detail/ImagePreview';
import { TagEditor } from '../components/detail/TagEditor';
import { TextAnalysisPanel } from '../components/detail/TextAnalysisPanel';
import { TranscriptPanel } from '../components/detail/TranscriptPanel';
import { VersionsPanel } from '../components/detail/VersionsPanel';
import { VideoTimeline } from '../components/detail/VideoTimeline';
import { EmptyState, ErrorMessage, LoadingState, ProgressBar, Spinner } from '../components/feedback';
import { Icon } from '../components/Icon';
import { StatusBadge, TypeBadge } from '../components/StatusBadge';
import { useQuery } from '../hooks/useQuery';
import { useSubscription } from '../hooks/useSubscription';
import { parseJsonObject, readAudioClasses, readFaces, readLabels, readSegments, readTextAnalysis, readTextLines, readTranscript, type Segment } from '../lib/analysis';
import { formatBytes, formatClock, formatPercent, formatRelative, titleCase } from '../lib/format';
import { isFinished, stageLabel } from '../upload/upload-model';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="panel" aria-labelledby={`section-${title}`} data-testid={testId}>
      <h2 id={`section-${title}`} className="panel__title">
        {title}
      </h2>
      {children}
    </section>
  );
}

function analysisOf(media: MediaDetail, kind: string): AnalysisView | undefined {
  return media.analysis.find((a) => a.kind === kind);
}

function useOriginalUrl(media: MediaDetail | null) {
  const api = useApi();
  const [url, setUrl] = useState<string | null>(null);
  const ready = media !== null && media.status !== 'PENDING_UPLOAD' && media.status !== 'FAILED';
  const id = media?.id;
  const version = media?.version;
  useEffect(() => {
    if (!ready || !id) return;
    let live = true;
    api
      .request(DOWNLOAD_URL, { mediaId: id, file: 'ORIGINAL', ...(version ? { version } : {}) })
      .then((data) => live && setUrl(data.getDownloadUrl?.url ?? null))
      .catch(() => live && setUrl(null));
    return () => {
      live = false;
    };
  }, [api, id, version, ready]);
  return url;
}

function TextPreview({ url }: { url: string }) {
  const [text, setText] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    fetch(url)
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(String(response.status)))))
      .then((body) => live && setText(body.length > 100_000 ? `${body.slice(0, 100_000)}\n…` : body))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [url]);
  if (failed) return <p className="muted">The text could not be loaded.</p>;
  if (text === null) return <Spinner label="Loading text" />;
  return <pre className="text-preview">{text}</pre>;
}

function AnalysisStatusList({ analysis }: { analysis: readonly AnalysisView[] }) {
  if (analysis.length === 0) return <p className="muted">No analysis yet.</p>;
  return (
    <ul className="kinds">
      {analysis.map((a) => (
        <li key={a.kind} className={`kinds__item kinds__item--${a.status.toLowerCase()}`}>
          <span>{stageLabel(a.kind)}</span>
          <span className="muted small">
            {a.status === 'RUNNING' ? <Spinner label={`${a.kind} running`} /> : titleCase(a.status)}
            {a.error ? ` — ${a.error}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function MediaPage({ id }: { id: string }) {
  const api = useApi();
  const { data, error, loading, refetch } = useQuery(GET_MEDIA, { id });
  const [media, setMedia] = useState<MediaDetail | null>(null);
  const [currentTime, setCurrentTime] = useState(0);
  const [duration, setDuration] = useState<number | null>(null);
  const [actionError, setActionError] = useState<Error | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const player = useRef<HTMLVideoElement & HTMLAudioElement>(null);

  useEffect(() => setMedia(data?.getMedia ?? null), [data]);

  const refresh = useCallback(() => void refetch(), [refetch]);
  useSubscription(ON_MEDIA_PROGRESS, { mediaId: id }, (event) => {
    const change = event.onMediaProgress;
    if (!change) return;
    if (change.status) setMedia((current) => (current ? { ...current, status: change.status, progress: change.progress ?? current.progress, stage: change.stage, error: change.error } : current));
    if (!change.status || change.stage === 'ingested' || change.stage === 'analyzed' || change.status === 'FAILED') refresh();
  });
  useSubscription(ON_ANALYSIS, { mediaId: id }, refresh);

  const originalUrl = useOriginalUrl(media);
  const labels = useMemo(() => (media ? readLabels(parseJsonObject(analysisOf(media, 'labels')?.result)) : []), [media]);
  const segments = useMemo<Segment[]>(() => {
    if (!media) return [];
    const labelSegments = readSegments(parseJsonObject(analysisOf(media, 'labels')?.result)?.segments);
    const faceSegments = readSegments(parseJsonObject(analysisOf(media, 'faces')?.result)?.segments);
    return [...labelSegments, ...faceSegments];
  }, [media]);
  const transcript = useMemo(() => (media ? readTranscript(parseJsonObject(analysisOf(media, 'transcript')?.result)) : null), [media]);
  const textAnalysis = useMemo(() => (media ? readTextAnalysis(parseJsonObject(analysisOf(media, 'text-analysis')?.result)) : null), [media]);
  const textLines = useMemo(() => (media ? readTextLines(parseJsonObject(analysisOf(media, 'text')?.result)) : []), [media]);
  const audioClasses = useMemo(() => (media ? readAudioClasses(parseJsonObject(analysisOf(media, 'audio-classes')?.result)) : null), [media]);
  const faceDetails = useMemo(() => (media ? readFaces(parseJsonObject(analysisOf(media, 'faces')?.result)) : []), [media]);

  if (loading && !media) return <LoadingState label="Loading…" />;
  if (error && !media) return <ErrorMessage error={error} onRetry={refresh} title="Could not load this item" />;
  if (!media) {
    return (
      <EmptyState title="Not found" action={<Link to="/">Back to the library</Link>}>
        This item does not exist, was deleted, or is not yours.
      </EmptyState>
    );
  }

  const seek = (seconds: number) => {
    const element = player.current;
    if (!element) return;
    element.currentTime = seconds;
    void element.play().catch(() => undefined);
    setCurrentTime(seconds);
  };
  const timeProps = {
    ref: player,
    onTimeUpdate: () => setCurrentTime(player.current?.currentTime ?? 0),
    onLoadedMetadata: () => setDuration(Number.isFinite(player.current?.duration) ? (player.current?.duration ?? null) : null),
  };
  const imageFaces = media.faces.filter((face) => face.at === null);
  const working = !isFinished(media) && media.status !== 'PENDING_UPLOAD';

  const run = async (work: () => Promise<void>) => {
    setActionError(null);
    try {
      await work();
    } catch (caught) {
      setActionError(caught instanceof Error ? caught : new Error(String(caught)));
    }
  };
  const reprocess = () =>
    run(async () => {
      await api.request(REPROCESS, { mediaIds: [media.id] });
      setNotice('Processing again — progress shows here live.');
    });
  const remove = () =>
    run(async () => {
      if (!window.confirm(`Delete “${media.name}” and all its versions? This cannot be undone.`)) return;
      await api.request(DELETE_MEDIA, { id: media.id });
      navigate('/');
    });
  const split = (personId: string, faceId: string) =>
    run(async () => {
      await api.request(SPLIT_PERSON, { id: personId, faceIds: [faceId] });
      setNotice('That face is now a person of its own.');
      refresh();
    });

  return (
    <article className="page detail" data-testid="media-detail" data-media-id={media.id}>
      <div className="detail__head">
        <Link to="/" className="back-link">
          <Icon name="back" size={16} /> Library
        </Link>
        <h1 className="detail__title">{media.name}</h1>
        <div className="detail__badges">
          <TypeBadge type={media.mediaType} />
          <StatusBadge status={media.status} stage={media.stage} progress={media.progress} />
          <span className="muted small">
            {formatBytes(media.size)} · {media.format ?? media.contentType} · added {formatRelative(media.createdAt)}
          </span>
        </div>
        <div className="detail__actions">
          <button type="button" className="button button--ghost button--small" onClick={() => void reprocess()} disabled={working}>
            Process again
          </button>
          <button type="button" className="button button--danger button--small" onClick={() => void remove()}>
            Delete
          </button>
        </div>
        {working ? <ProgressBar value={media.progress} label={`Processing: ${media.stage ? stageLabel(media.stage) : ''}`} /> : null}
        {media.status === 'FAILED' ? <ErrorMessage title="Processing failed" error={media.error ?? 'No reason given'} /> : null}
        {notice ? (
          <p className="alert alert--info" role="status">
            {notice}
          </p>
        ) : null}
        {actionError ? <ErrorMessage error={actionError} title="That did not work" /> : null}
      </div>

      <div className="detail__layout">
        <div className="detail__main">
          {media.mediaType === 'IMAGE' && originalUrl ? <ImagePreview url={originalUrl} alt={media.name} faces={imageFaces} labels={labels} /> : null}
          {media.mediaType === 'VIDEO' && originalUrl ? (
            <figure className="preview">
              <video controls preload="metadata" src={originalUrl} className="preview__media" {...timeProps} />
              <figcaption>
                <h2 className="panel__title">Timeline</h2>
                <VideoTimeline segments={segments} duration={duration} currentTime={currentTime} onSeek={seek} />
              </figcaption>
            </figure>
          ) : null}
          {media.mediaType === 'AUDIO' && originalUrl ? (
            <figure className="preview preview--audio">
              <audio controls preload="metadata" src={originalUrl} className="preview__audio" {...timeProps} />
              {audioClasses ? (
                <figcaption className="muted small">
                  Speech {formatPercent(audioClasses.speech)} · music {formatPercent(audioClasses.music)} · silence {formatPercent(audioClasses.silence)} over {formatClock(audioClasses.durationSeconds)}
                </figcaption>
              ) : null}
            </figure>
          ) : null}
          {media.mediaType === 'TEXT' && originalUrl ? <TextPreview url={originalUrl} /> : null}
          {!originalUrl && media.status !== 'FAILED' ? <div className="preview preview--pending muted">{media.status === 'PENDING_UPLOAD' ? 'Waiting for the upload…' : 'Preparing the preview…'}</div> : null}

          {transcript ? (
            <Section title="Transcript" testId="transcript-section">
              <TranscriptPanel transcript={transcript} currentTime={currentTime} onSeek={media.mediaType === 'TEXT' ? null : seek} />
            </Section>
          ) : null}
          {textAnalysis ? (
            <Section title={media.mediaType === 'TEXT' ? 'Text analysis' : 'What is said'}>
              <TextAnalysisPanel analysis={textAnalysis} />
            </Section>
          ) : null}
        </div>

        <div className="detail__side">
          <Section title="Tags" testId="tags-section">
            <TagEditor mediaId={media.id} tags={media.tags} onChanged={(tags) => setMedia({ ...media, tags })} />
          </Section>

          {labels.length > 0 ? (
            <Section title="Labels">
              <dl className="bars" data-testid="labels">
                {labels.slice(0, 15).map((label) => (
                  <div key={label.name} className="bars__row">
                    <dt title={label.parents.length ? `${[...label.parents].reverse().join(' › ')} › ${label.name}` : label.name}>{label.name}</dt>
                    <dd>
                      <span className="bars__bar" style={{ width: `${label.confidence * 100}%` }} />
                      <span className="bars__value">{formatPercent(label.confidence)}</span>
                    </dd>
                  </div>
                ))}
              </dl>
            </Section>
          ) : null}

          {media.faces.length > 0 ? (
            <Section title="People">
              <ul className="faces">
                {media.faces.map((face, index) => {
                  const details = faceDetails.find((d) => Math.abs(d.box.left - face.box.left) < 1e-6 && Math.abs(d.box.top - face.box.top) < 1e-6);
                  return (
                    <li key={face.id}>
                      <span>
                        {face.person ? <Link to={`/search?person=${encodeURIComponent(face.person.id)}`}>{face.person.name ?? `Unnamed person`}</Link> : `Face ${index + 1}`}
                        <span className="muted small">
                          {' '}
                          {formatPercent(face.confidence)}
                          {face.at !== null ? ` · at ${formatClock(face.at)}` : ''}
                          {details?.age ? ` · age ${details.age.low}–${details.age.high}` : ''}
                          {details?.emotion ? ` · ${details.emotion.toLowerCase()}` : ''}
                        </span>
                      </span>
                      {face.personId ? (
                        <button type="button" className="button button--small button--ghost" onClick={() => void split(face.personId!, face.id)}>
                          Not this person
                        </button>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
              <Link to="/people">Name people…</Link>
            </Section>
          ) : null}

          {textLines.length > 0 ? (
            <Section title="Text in the image">
              <pre className="text-preview text-preview--small">{textLines.join('\n')}</pre>
            </Section>
          ) : null}

          <Section title="Analysis">
            <AnalysisStatusList analysis={media.analysis} />
          </Section>

          <Section title="Quality">
            <DetailsTable json={media.quality} empty="Not measured yet." />
          </Section>
          <Section title="Metadata">
            <DetailsTable json={media.metadata} empty="No metadata yet." />
            {media.sha256 ? <p className="small muted mono">SHA-256 {media.sha256}</p> : null}
          </Section>
          <Section title="Versions">
            <VersionsPanel mediaId={media.id} shown={media.version} versions={media.versions} onRestored={refresh} />
          </Section>
          <Section title="Duplicates">
            <DuplicatesPanel key={`${media.version}-${media.stage ?? ''}`} mediaId={media.id} />
          </Section>
        </div>
      </div>
    </article>
  );
}
