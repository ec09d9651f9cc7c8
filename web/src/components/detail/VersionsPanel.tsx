/** Every uploaded version, newest first: restore an earlier one, download any, or upload a new one. */
import { useRef, useState } from 'react';
import { DOWNLOAD_URL, RESTORE_VERSION, type VersionView } from '../../api/documents';
import { useApi } from '../../app/context';
import { formatBytes, formatRelative, titleCase } from '../../lib/format';
import { useUploads } from '../../upload/UploadProvider';
import { ErrorMessage } from '../feedback';

export function VersionsPanel({ mediaId, shown, versions, onRestored }: { mediaId: string; shown: number; versions: readonly VersionView[]; onRestored: () => void }) {
  const api = useApi();
  const { add } = useUploads();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const restore = async (version: number) => {
    setBusy(version);
    setError(null);
    try {
      await api.request(RESTORE_VERSION, { mediaId, version });
      onRestored();
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(null);
    }
  };
  const download = async (version: number) => {
    try {
      const { getDownloadUrl } = await api.request(DOWNLOAD_URL, { mediaId, file: 'ORIGINAL', version });
      if (getDownloadUrl) window.open(getDownloadUrl.url, '_blank', 'noopener');
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    }
  };
  return (
    <div>
      <ol className="versions" data-testid="versions">
        {versions.map((v) => (
          <li key={v.version} className={v.version === shown ? 'versions__item versions__item--shown' : 'versions__item'}>
            <div>
              <strong>Version {v.version}</strong> {v.version === shown ? <span className="badge badge--success">shown</span> : null}
              <p className="muted small">
                {v.name} · {formatBytes(v.size)} · {titleCase(v.status)} · {formatRelative(v.createdAt)}
              </p>
              {v.error ? <p className="small error-text">{v.error}</p> : null}
            </div>
            <div className="versions__actions">
              <button type="button" className="button button--small button--ghost" onClick={() => void download(v.version)}>
                Download
              </button>
              {v.version !== shown && v.status === 'READY' ? (
                <button type="button" className="button button--small" disabled={busy !== null} onClick={() => void restore(v.version)}>
                  {busy === v.version ? 'Restoring…' : 'Restore'}
                </button>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      <button type="button" className="button button--ghost" onClick={() => input.current?.click()}>
        Upload a new version…
      </button>
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Choose a file for the new version"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) add([file], mediaId);
          event.target.value = '';
        }}
      />
      {error ? <ErrorMessage error={error} title="Version not changed" /> : null}
    </div>
  );
}
