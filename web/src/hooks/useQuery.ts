/** Runs a typed query when its variables change; keeps the last data while refetching. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Document } from '../api/documents';
import { useApi } from '../app/context';

export interface QueryState<TData> {
  data: TData | null;
  error: Error | null;
  loading: boolean;
  refetch(): Promise<void>;
}

export function useQuery<TData, TVariables>(document: Document<TData, TVariables>, variables: TVariables, options: { skip?: boolean } = {}): QueryState<TData> {
  const api = useApi();
  const [data, setData] = useState<TData | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(!options.skip);
  const key = JSON.stringify(variables);
  const generation = useRef(0);

  const run = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const result = await api.request(document, JSON.parse(key) as TVariables);
      if (mine !== generation.current) return;
      setData(result);
      setError(null);
    } catch (caught) {
      if (mine !== generation.current) return;
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [api, document, key]);

  useEffect(() => {
    if (options.skip) return;
    void run();
    return () => {
      generation.current += 1;
    };
  }, [run, options.skip]);

  return { data, error, loading, refetch: run };
}
