/**
 * GraphiQL at `/graphiql`: queries and mutations over HTTP, live subscriptions over AppSync's
 * real-time protocol (the same client the dashboard uses), and a sign-in box that gets a token from
 * the local issuer. Everything is served from node_modules — nothing comes from a CDN.
 */
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../../resolver-bundles';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Vendor files by URL name: the UMD builds GraphiQL 3 documents for use without a bundler. */
const vendor: Readonly<Record<string, { file: string; type: string }>> = {
  'react.js': { file: 'react/umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': { file: 'react-dom/umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.js': { file: 'graphiql/graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { file: 'graphiql/graphiql.min.css', type: 'text/css' },
};

export interface GraphiQLRoutes {
  /** Answers GraphiQL's paths; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
}

/** Bundles the page script once (about 50 ms) and returns the route handler. */
export async function createGraphiQLRoutes(): Promise<GraphiQLRoutes> {
  const script = await build({
    entryPoints: [path.join(here, 'app.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const appJs = script.outputFiles[0]?.text ?? '';
  const page = await readFile(path.join(here, 'page.html'), 'utf8');
  return {
    async handle(req, res, url) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return false;
      }
      if (url.pathname === '/graphiql' || url.pathname === '/graphiql/' || url.pathname === '/') {
        if (url.pathname === '/') {
          res.writeHead(302, { location: '/graphiql' }).end();
          return true;
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).end(page);
        return true;
      }
      if (url.pathname === '/graphiql/app.js') {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }).end(appJs);
        return true;
      }
      const name = url.pathname.startsWith('/graphiql/vendor/') ? url.pathname.slice('/graphiql/vendor/'.length) : null;
      const entry = name ? vendor[name] : undefined;
      if (!entry) {
        return false;
      }
      // Files inside the packages (not all are in their `exports` maps), read from the installed tree.
      const body = await readFile(path.join(projectRoot, 'node_modules', entry.file));
      res.writeHead(200, { 'content-type': `${entry.type}; charset=utf-8`, 'cache-control': 'public, max-age=3600' }).end(body);
      return true;
    },
  };
}
