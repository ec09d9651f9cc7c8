/**
 * The service worker: caches the app shell (the built HTML, scripts, styles and icons) so the
 * dashboard opens offline and installs as an app. The API, config.json and presigned media URLs
 * always go to the network. The build (web/build/pwa-plugin.ts) fills in the list of files and the
 * version, so a new build replaces the old cache.
 */

// The parts of the service-worker scope this file uses (the DOM lib lacks the WebWorker types).
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response> | Response): void;
}
interface WorkerScope {
  readonly registration: { readonly scope: string };
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}

declare const __SHELL_FILES__: string[];
declare const __SHELL_VERSION__: string;

const scope = self as unknown as WorkerScope;
const CACHE = `mediagraph-shell-${__SHELL_VERSION__}`;
const base = new URL(scope.registration.scope).pathname;
const shell = __SHELL_FILES__.map((file) => `${base}${file}`);
const indexUrl = `${base}index.html`;

scope.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([indexUrl, ...shell]))
      .then(() => scope.skipWaiting()),
  );
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('mediagraph-shell-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => scope.clients.claim()),
  );
});

scope.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // Only the dashboard's own files: never the API, config.json or media URLs (other origins).
  if (url.origin !== location.origin || !url.pathname.startsWith(base) || url.pathname === `${base}config.json`) return;
  if (request.mode === 'navigate') {
    // Network first for pages (a new build shows at once), the cached shell when offline.
    event.respondWith(fetch(request).catch(() => caches.match(indexUrl).then((cached) => cached ?? Response.error())));
    return;
  }
  event.respondWith(caches.match(request).then((cached) => cached ?? fetch(request)));
});
