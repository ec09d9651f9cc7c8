/**
 * The dashboard's routes on the local runtime's HTTP server: `/` and `/app` lead to `/app/`, the
 * built single-page app is served under `/app/` (with `index.html` for client-side routes), and
 * `/app/config.json` tells it where the API is and how to sign in. `/graphql`, `/graphiql`,
 * `/auth/*`, `/cognito/*` and `/health` are not touched.
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { projectRoot } from '../../resolver-bundles';
import type { DashboardConfig } from './dashboard-config';
import { serveStatic } from './static-files';

/** Where the dashboard lives on the server (Vite's `base`). */
export const DASHBOARD_BASE = '/app/';

/** The built dashboard in the repository. */
export const defaultDistDir = path.join(projectRoot, 'web', 'dist');

export interface DashboardRoutesOptions {
  config: DashboardConfig;
  /** @default web/dist */
  distDir?: string;
}

export interface DashboardRoutes {
  /** Answers the dashboard's paths; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
}

export function createDashboardRoutes(options: DashboardRoutesOptions): DashboardRoutes {
  const root = path.resolve(options.distDir ?? defaultDistDir);
  const configBody = JSON.stringify(options.config);
  return {
    async handle(req, res, url) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      if (url.pathname === '/' || url.pathname === '/app') {
        res.writeHead(302, { location: DASHBOARD_BASE }).end();
        return true;
      }
      if (!url.pathname.startsWith(DASHBOARD_BASE)) return false;
      const relative = url.pathname.slice(DASHBOARD_BASE.length);
      if (relative === 'config.json') {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' }).end(req.method === 'HEAD' ? undefined : configBody);
        return true;
      }
      if (!existsSync(path.join(root, 'index.html'))) {
        res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(NOT_BUILT_PAGE);
        return true;
      }
      if (await serveStatic(req, res, root, relative)) return true;
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return true;
    },
  };
}

const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mediagraph</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>The dashboard is not built yet</h1>
<p>Run <code>npm run web:build</code> (a few seconds), then reload. <code>npm start</code> builds it when it is missing or out of date.</p>
<p>The API is up meanwhile: <a href="/graphiql">GraphiQL</a>.</p>
</body></html>`;
