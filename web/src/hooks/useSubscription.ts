/** Subscribes while mounted (and enabled); the handler always sees the latest render's closure. */
import { useEffect, useRef } from 'react';
import type { Document } from '../api/documents';
import { useApi } from '../app/context';

export function useSubscription<TData, TVariables>(
  document: Document<TData, TVariables>,
  variables: TVariables,
  onData: (data: TData) => void,
  options: { enabled?: boolean; onStarted?: () => void } = {},
): void {
  const api = useApi();
  const handler = useRef(onData);
  handler.current = onData;
  const started = useRef(options.onStarted);
  started.current = options.onStarted;
  const key = JSON.stringify(variables);
  const enabled = options.enabled ?? true;
  useEffect(() => {
    if (!enabled) return;
    let stop = () => {};
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    const start = () => {
      stop = api.subscribe(document, JSON.parse(key) as TVariables, {
        next: (data) => handler.current(data),
        started: () => {
          attempts = 0;
          started.current?.();
        },
        // The socket dropped or the server refused: try again with backoff (up to 30 s apart).
        error: () => {
          attempts += 1;
          retry = setTimeout(start, Math.min(30_000, 1000 * 2 ** attempts));
        },
      });
    };
    start();
    return () => {
      clearTimeout(retry);
      stop();
    };
  }, [api, document, key, enabled]);
}
