/**
 * Serves the built dashboard (`web/dist`) as a single-page app: files by path with their content
 * type, fingerprinted assets cached for a year, everything else revalidated; a path that names no
 * file gets `index.html` so client-side routes survive a reload. Paths never leave the folder.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Security headers for the dashboard's documents (scripts only from the dashboard itself). */
const DOCUMENT_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * Answers a GET/HEAD for `relativePath` (below the mount point, without a leading slash).
 * @returns false when the folder holds no such file and the SPA fallback does not apply
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, relativePath: string): Promise<boolean> {
  const decoded = safeDecode(relativePath);
  if (decoded === null || decoded.includes('\0')) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad path');
    return true;
  }
  const file = path.resolve(root, `.${path.posix.sep}${decoded}`);
  if (file !== root && !file.startsWith(root + path.sep)) {
    res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Forbidden');
    return true;
  }
  const found = await fileInfo(file);
  if (found) {
    send(req, res, file, found.size, cacheControlFor(decoded));
    return true;
  }
  // A missing asset is a 404, not the app: a stale page asking for an old bundle must see the error.
  if (path.extname(decoded) !== '' && !decoded.endsWith('.html')) {
    return false;
  }
  const index = path.join(root, 'index.html');
  const indexInfo = await fileInfo(index);
  if (!indexInfo) return false;
  send(req, res, index, indexInfo.size, 'no-cache');
  return true;
}

/** Fingerprinted bundles never change under their name; the shell and the service worker must revalidate. */
export function cacheControlFor(relativePath: string): string {
  return relativePath.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function send(req: IncomingMessage, res: ServerResponse, file: string, size: number, cacheControl: string): void {
  const type = contentTypeFor(file);
  res.writeHead(200, {
    'content-type': type,
    'content-length': String(size),
    'cache-control': cacheControl,
    ...(type.startsWith('text/html') ? DOCUMENT_HEADERS : { 'x-content-type-options': 'nosniff' }),
    // The service worker controls the whole dashboard, not only the folder its file sits in.
    ...(file.endsWith(`${path.sep}sw.js`) ? { 'service-worker-allowed': '/app/' } : {}),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}

async function fileInfo(file: string): Promise<{ size: number } | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? { size: info.size } : null;
  } catch {
    return null;
  }
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
