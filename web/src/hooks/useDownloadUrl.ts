/** A presigned URL for one file of one media item (null until loaded, or when there is none). */
import { createContext, useContext, useEffect, useState } from 'react';
import type { MediaFile } from '../../../schema/types.generated';
import type { DownloadUrlLoader } from '../api/download-urls';

export const DownloadUrlContext = createContext<DownloadUrlLoader | null>(null);

export function useDownloadUrl(mediaId: string, file: MediaFile, version: number, enabled = true): { url: string | null; failed: boolean } {
  const loader = useContext(DownloadUrlContext);
  const [state, setState] = useState<{ url: string | null; failed: boolean }>({ url: null, failed: false });
  useEffect(() => {
    if (!enabled || !loader) return;
    let live = true;
    loader
      .load({ mediaId, file, version })
      .then((url) => live && setState({ url, failed: url === null }))
      .catch(() => live && setState({ url: null, failed: true }));
    return () => {
      live = false;
    };
  }, [loader, mediaId, file, version, enabled]);
  return state;
}
