/**
 * Turns TypeScript modules into ES modules a worker thread can load without a TypeScript loader:
 * the worker runtime (`worker/main.ts`) and each function's handler, bundled once per runner with
 * esbuild, the way `NodejsFunction` bundles them for Lambda. Packages stay external, so they load
 * from `node_modules` as usual; that is why the output lives under the project's
 * `node_modules/.cache` (Node resolves bare imports from the importing file's folder).
 *
 * Measured against registering tsx's loader inside each worker: a worker answering its first call
 * took ~130–245 ms with a pre-bundled handler and ~325–345 ms with tsx (of which ~85 ms was
 * `register()` alone), for a handler importing `@aws-sdk/client-s3`; bundling took ~20 ms.
 *
 * `import.meta.url` (and `dirname`/`filename`) in project files keep pointing at the source file,
 * so handlers that locate assets next to themselves work as they do unbundled.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Loader, type Message, type Plugin } from 'esbuild';

/** A module that could not be bundled; `kind` says whether Lambda would call it a syntax or an import error. */
export class ModuleBuildError extends Error {
  readonly kind: 'syntax' | 'import';
  constructor(kind: 'syntax' | 'import', message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModuleBuildError';
    this.kind = kind;
  }
}

export interface ModuleBundler {
  /** file: URL of the bundled worker runtime. */
  workerRuntimeUrl(): Promise<string>;
  /** file: URL of the bundled module at `modulePath` (relative to the project root). */
  handlerUrl(modulePath: string): Promise<string>;
}

export interface ModuleBundlerOptions {
  projectRoot: string;
  /** @default `<projectRoot>/node_modules/.cache/mediagraph-functions` */
  outputDirectory?: string;
}

/** The repository root, three folders up from this file. */
export const DEFAULT_PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const STALE_BUNDLE_AGE_MS = 24 * 60 * 60 * 1000;

const WORKER_RUNTIME_SOURCE = fileURLToPath(new URL('./worker/main.ts', import.meta.url));

/**
 * Creates a bundler that builds each module once (concurrent callers share the build) and keeps
 * failed builds out of its cache, so a fixed file is picked up by the next invocation.
 * @returns a {@link ModuleBundler}
 */
export function createModuleBundler(options: ModuleBundlerOptions): ModuleBundler {
  const outputDirectory = options.outputDirectory ?? path.join(options.projectRoot, 'node_modules', '.cache', 'mediagraph-functions');
  const builds = new Map<string, Promise<string>>();
  const cached = (source: string, label: string): Promise<string> => {
    const existing = builds.get(source);
    if (existing) return existing;
    const started = bundleModule(source, label, outputDirectory);
    builds.set(source, started);
    started.catch(() => builds.delete(source));
    return started;
  };
  return {
    workerRuntimeUrl: () => cached(WORKER_RUNTIME_SOURCE, 'worker-runtime'),
    handlerUrl: (modulePath) => cached(path.resolve(options.projectRoot, modulePath), labelFor(modulePath)),
  };
}

async function bundleModule(source: string, label: string, outputDirectory: string): Promise<string> {
  let code: string;
  try {
    const result = await build({
      entryPoints: [source],
      bundle: true,
      write: false,
      // Source map paths are relative to the output folder, where the bundle is written below.
      outdir: outputDirectory,
      format: 'esm',
      platform: 'node',
      target: `node${process.versions.node.split('.')[0]}`,
      packages: 'external',
      keepNames: true,
      sourcemap: 'inline',
      sourcesContent: false,
      logLevel: 'silent',
      plugins: [sourceLocationPlugin()],
    });
    code = result.outputFiles[0]?.text ?? '';
  } catch (error) {
    throw toModuleBuildError(error);
  }
  await mkdir(outputDirectory, { recursive: true });
  const file = path.join(outputDirectory, `${label}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!(await exists(file))) {
    // Write-then-rename: runners in parallel processes may build the same module at once.
    const temporary = `${file}.${randomUUID()}.tmp`;
    await writeFile(temporary, code);
    await rename(temporary, file);
    await pruneStaleBundles(outputDirectory, label, file);
  }
  return pathToFileURL(file).href;
}

/** Builds of the same module older than a day: earlier versions of the code, no longer loaded by anyone. */
async function pruneStaleBundles(outputDirectory: string, label: string, keep: string): Promise<void> {
  const cutoff = Date.now() - STALE_BUNDLE_AGE_MS;
  for (const name of await readdir(outputDirectory)) {
    const candidate = path.join(outputDirectory, name);
    if (candidate === keep || !name.startsWith(`${label}-`) || !name.endsWith('.mjs')) continue;
    const modified = await modifiedAt(candidate);
    if (modified !== null && modified < cutoff) await rm(candidate, { force: true });
  }
}

/** Replaces `import.meta.url`/`dirname`/`filename` in project sources with the source file's own. */
function sourceLocationPlugin(): Plugin {
  return {
    name: 'source-location',
    setup(builder) {
      builder.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta')) return undefined;
        const contents = source
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
          .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
          .replaceAll('import.meta.filename', JSON.stringify(args.path));
        return { contents, loader: loaderFor(args.path) };
      });
    },
  };
}

function loaderFor(file: string): Loader {
  const extension = path.extname(file).slice(1);
  if (extension.endsWith('tsx')) return 'tsx';
  if (extension.endsWith('ts')) return 'ts';
  if (extension.endsWith('jsx')) return 'jsx';
  return 'js';
}

function toModuleBuildError(error: unknown): ModuleBuildError {
  const messages = (error as { errors?: Message[] }).errors ?? [];
  const text = messages.map(formatMessage).join('\n') || String(error);
  const unresolved = messages.some((message) => message.text.startsWith('Could not resolve'));
  return new ModuleBuildError(unresolved ? 'import' : 'syntax', text, { cause: error });
}

function formatMessage(message: Message): string {
  const location = message.location ? `${message.location.file}:${message.location.line}:${message.location.column}: ` : '';
  return `${location}${message.text}`;
}

function labelFor(modulePath: string): string {
  return modulePath.replace(/\.[cm]?[jt]sx?$/, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

async function exists(file: string): Promise<boolean> {
  return (await modifiedAt(file)) !== null;
}

/** A file's modification time, or null when it does not exist (another runner may have just pruned it). */
async function modifiedAt(file: string): Promise<number | null> {
  try {
    return (await stat(file)).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
