/**
 * Builds the dashboard with Vite when `web/dist` is missing or older than its sources (the web app,
 * the shared clients it imports, the generated schema types). `npm start` and the browser tests run
 * it first; a build takes a few seconds. The new build is written beside `web/dist` and swapped in,
 * so a running server never serves half a build.
 *
 * `tsx infra/local/web/build.ts [--force]`
 */
import { existsSync } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../../resolver-bundles';

const webDir = path.join(projectRoot, 'web');
export const distDir = path.join(webDir, 'dist');

/** Everything the bundle is made from. */
const SOURCES = [
  webDir,
  path.join(projectRoot, 'infra', 'client'),
  path.join(projectRoot, 'infra', 'local', 'appsync', 'realtime', 'protocol.ts'),
  path.join(projectRoot, 'schema', 'types.generated.ts'),
  path.join(projectRoot, 'functions', 'core', 'media-types.ts'),
  path.join(projectRoot, 'package-lock.json'),
];
const SKIP = new Set(['dist', 'node_modules', 'cli']);

/** The newest modification time among the sources (ms). */
export async function newestSourceTime(sources: readonly string[] = SOURCES): Promise<number> {
  let newest = 0;
  const visit = async (entry: string): Promise<void> => {
    const info = await stat(entry).catch(() => null);
    if (!info) return;
    if (info.isDirectory()) {
      const children = await readdir(entry);
      await Promise.all(children.filter((name) => !SKIP.has(name) && !name.startsWith('.')).map((name) => visit(path.join(entry, name))));
      return;
    }
    newest = Math.max(newest, info.mtimeMs);
  };
  await Promise.all(sources.map(visit));
  return newest;
}

/** True when `web/dist` is missing or older than a source. */
export async function dashboardIsStale(): Promise<boolean> {
  const built = await stat(path.join(distDir, 'index.html')).catch(() => null);
  if (!built) return true;
  return (await newestSourceTime()) > built.mtimeMs;
}

/**
 * Builds when stale (or always with `force`).
 * @returns whether a build ran, and how long it took
 */
export async function ensureDashboardBuilt(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<{ built: boolean; seconds: number }> {
  const started = performance.now();
  if (!options.force && !(await dashboardIsStale())) return { built: false, seconds: 0 };
  options.log?.('dashboard: building web/dist with Vite');
  const { build } = await import('vite');
  const staging = path.join(webDir, `.dist-${process.pid}-${Date.now()}`);
  // Vite keeps a NODE_ENV it finds (vitest sets `test`), which would bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      mode: 'production',
      configFile: path.join(webDir, 'vite.config.ts'),
      root: webDir,
      logLevel: 'warn',
      build: { outDir: staging, emptyOutDir: true },
    });
    const previous = `${distDir}-old-${process.pid}`;
    if (existsSync(distDir)) await rename(distDir, previous);
    await rename(staging, distDir);
    await rm(previous, { recursive: true, force: true });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    await rm(staging, { recursive: true, force: true });
  }
  return { built: true, seconds: (performance.now() - started) / 1000 };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  ensureDashboardBuilt({ force, log: (line) => process.stderr.write(`${line}\n`) })
    .then(({ built, seconds }) => {
      if (built) process.stderr.write(`dashboard: built in ${seconds.toFixed(1)} s\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`dashboard: build failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
