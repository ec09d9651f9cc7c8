/** The app: configuration, then sign-in, then the signed-in pages with their shared clients. */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createApi } from '../api/client';
import { loadConfig, type AppConfig } from '../api/config';
import { createDownloadUrlLoader } from '../api/download-urls';
import { completeHostedUi, restoreSession, signOut as forget, type Session } from '../api/session';
import { ErrorMessage, LoadingState } from '../components/feedback';
import { DownloadUrlContext } from '../hooks/useDownloadUrl';
import { SignInPage } from '../pages/SignInPage';
import { UploadProvider } from '../upload/UploadProvider';
import { AppContext } from './context';
import { Layout } from './Layout';
import { useLocation } from './router';

const LibraryPage = lazy(() => import('../pages/LibraryPage').then((m) => ({ default: m.LibraryPage })));
const MediaPage = lazy(() => import('../pages/MediaPage').then((m) => ({ default: m.MediaPage })));
const SearchPage = lazy(() => import('../pages/SearchPage').then((m) => ({ default: m.SearchPage })));
const TagsPage = lazy(() => import('../pages/TagsPage').then((m) => ({ default: m.TagsPage })));
const PeoplePage = lazy(() => import('../pages/PeoplePage').then((m) => ({ default: m.PeoplePage })));
const AnalyticsPage = lazy(() => import('../pages/AnalyticsPage').then((m) => ({ default: m.AnalyticsPage })));

function Routes() {
  const { path } = useLocation();
  const media = /^\/media\/([^/]+)$/.exec(path);
  let page;
  if (path === '/') page = <LibraryPage />;
  else if (media) page = <MediaPage id={decodeURIComponent(media[1]!)} />;
  else if (path === '/search') page = <SearchPage />;
  else if (path === '/tags') page = <TagsPage />;
  else if (path === '/people') page = <PeoplePage />;
  else if (path === '/analytics') page = <AnalyticsPage />;
  else page = <NotFound />;
  useEffect(() => {
    const names: Record<string, string> = { '/': 'Library', '/search': 'Search', '/tags': 'Tags', '/people': 'People', '/analytics': 'Analytics' };
    document.title = `${media ? 'Media' : (names[path] ?? 'Not found')} · Mediagraph`;
  }, [path, media]);
  return <Suspense fallback={<LoadingState />}>{page}</Suspense>;
}

function NotFound() {
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p>
        <a href={import.meta.env.BASE_URL}>Back to the library</a>
      </p>
    </div>
  );
}

function SignedIn({ config, session, onSignOut }: { config: AppConfig; session: Session; onSignOut: () => void }) {
  const token = useRef(session.idToken);
  token.current = session.idToken;
  const expired = useRef(onSignOut);
  expired.current = onSignOut;
  const api = useMemo(() => createApi({ config, token: () => token.current, onUnauthorized: () => expired.current() }), [config]);
  const urls = useMemo(() => createDownloadUrlLoader(api), [api]);
  useEffect(() => () => api.close(), [api]);
  // Sign out when the token expires rather than failing requests.
  useEffect(() => {
    const ms = session.claims.expiresAt * 1000 - Date.now();
    const timer = setTimeout(() => expired.current(), Math.max(0, Math.min(ms, 2_147_000_000)));
    return () => clearTimeout(timer);
  }, [session]);
  const value = useMemo(() => ({ api, config, session, signOut: onSignOut }), [api, config, session, onSignOut]);
  return (
    <AppContext.Provider value={value}>
      <DownloadUrlContext.Provider value={urls}>
        <UploadProvider>
          <Layout>
            <Routes />
          </Layout>
        </UploadProvider>
      </DownloadUrlContext.Provider>
    </AppContext.Provider>
  );
}

export function App() {
  const [config, setConfig] = useState<AppConfig | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);
  const [signInError, setSignInError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    loadConfig(import.meta.env.BASE_URL)
      .then(async (loaded) => {
        const fromCallback = await completeHostedUi(loaded).catch((error: Error) => {
          setSignInError(error.message);
          return null;
        });
        if (!live) return;
        setConfig(loaded);
        setSession(fromCallback ?? restoreSession());
      })
      .catch((error: Error) => live && setFailure(error));
    return () => {
      live = false;
    };
  }, []);

  const signOut = useCallback(() => {
    if (config) forget(config, session);
    setSession(null);
  }, [config, session]);

  if (failure) {
    return (
      <main id="main" className="signin">
        <ErrorMessage title="The dashboard cannot start" error={failure} onRetry={() => location.reload()} />
      </main>
    );
  }
  if (!config) return <LoadingState label="Starting…" />;
  if (!session) return <SignInPage config={config} onSignedIn={setSession} initialError={signInError} />;
  return <SignedIn config={config} session={session} onSignOut={signOut} />;
}
