/** A typed mutation with its pending state and last error. */
import { useCallback, useState } from 'react';
import type { Document } from '../api/documents';
import { useApi } from '../app/context';

export function useMutation<TData, TVariables>(document: Document<TData, TVariables>) {
  const api = useApi();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const mutate = useCallback(
    async (variables: TVariables): Promise<TData | null> => {
      setPending(true);
      setError(null);
      try {
        return await api.request(document, variables);
      } catch (caught) {
        setError(caught instanceof Error ? caught : new Error(String(caught)));
        return null;
      } finally {
        setPending(false);
      }
    },
    [api, document],
  );
  return { mutate, pending, error, clearError: () => setError(null) };
}
