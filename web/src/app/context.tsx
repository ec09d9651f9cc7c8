/** The signed-in API client and session, given to every page through React context. */
import { createContext, useContext } from 'react';
import type { Api } from '../api/client';
import type { AppConfig } from '../api/config';
import type { Session } from '../api/session';

export interface AppContextValue {
  api: Api;
  config: AppConfig;
  session: Session;
  signOut(): void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside the signed-in app');
  return value;
}

export const useApi = (): Api => useApp().api;
