/** The uploads in progress: a bar per file for the bytes, then the processing stage, then done — or why not. */
import { useEffect, useState } from 'react';
import { Link } from '../app/router';
import { formatBytes, plural } from '../lib/format';
import { describeUpload, summarise, type UploadItem } from '../upload/upload-model';
import { useUploads } from '../upload/UploadProvider';
import { ProgressBar } from './feedback';
import { Icon } from './Icon';

function UploadRow({ item }: { item: UploadItem }) {
  const problem = item.phase === 'refused' || item.phase === 'failed';
  const value = item.phase === 'uploading' || item.phase === 'queued' ? (item.size > 0 ? (item.sent / item.size) * 100 : 0) : item.phase === 'processing' ? item.progress : 100;
  return (
    <li className={`upload upload--${item.phase}`} data-testid="upload-row" data-phase={item.phase} data-name={item.name}>
      <div className="upload__head">
        {item.mediaId && !problem ? (
          <Link to={`/media/${item.mediaId}`} className="upload__name">
            {item.name}
          </Link>
        ) : (
          <span className="upload__name">{item.name}</span>
        )}
        <span className="muted">{formatBytes(item.size)}</span>
      </div>
      {problem ? null : <ProgressBar value={value} label={`${item.name}: ${describeUpload(item)}`} tone={item.phase === 'done' ? 'success' : 'accent'} />}
      <p className={problem ? 'upload__status upload__status--problem' : 'upload__status'} role={problem ? 'alert' : undefined}>
        {describeUpload(item)}
      </p>
    </li>
  );
}

export function UploadTray() {
  const { items, dismissFinished } = useUploads();
  const [collapsed, setCollapsed] = useState(false);
  const summary = summarise(items);
  // Out of the way once everything went well; it opens again with the next upload, or on request.
  const allWell = items.length > 0 && summary.active === 0 && summary.problems === 0;
  useEffect(() => {
    if (!allWell) {
      setCollapsed(false);
      return;
    }
    const timer = setTimeout(() => setCollapsed(true), 5000);
    return () => clearTimeout(timer);
  }, [allWell]);
  if (items.length === 0) return null;
  const heading = summary.active > 0 ? `Uploading ${plural(summary.active, 'file')}` : `${plural(summary.done, 'upload')} done${summary.problems ? `, ${summary.problems} with problems` : ''}`;
  return (
    <aside className="tray" aria-label="Uploads" data-testid="upload-tray">
      <div className="tray__head">
        <h2 className="tray__title" aria-live="polite">
          {heading}
        </h2>
        <div className="tray__actions">
          {summary.active === 0 ? (
            <button type="button" className="button button--small button--ghost" onClick={dismissFinished}>
              Clear
            </button>
          ) : null}
          <button type="button" className="icon-button" aria-expanded={!collapsed} aria-label={collapsed ? 'Show uploads' : 'Hide uploads'} onClick={() => setCollapsed(!collapsed)}>
            <Icon name={collapsed ? 'upload' : 'close'} size={16} />
          </button>
        </div>
      </div>
      {summary.bytesTotal > 0 && summary.active > 0 ? <ProgressBar value={(summary.bytesSent / summary.bytesTotal) * 100} label="All uploads" /> : null}
      {collapsed ? null : (
        <ul className="tray__list">
          {items.map((item) => (
            <UploadRow key={item.key} item={item} />
          ))}
        </ul>
      )}
    </aside>
  );
}
