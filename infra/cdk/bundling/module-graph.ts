/**
 * What a handler's code reaches on AWS, read from its module graph: the npm packages it loads
 * (static imports, dynamic imports, and `require('…')` of a literal name — how
 * functions/core/media/binaries.ts finds ffmpeg) and the AWS SDK commands it sends.
 *
 * Local-only code (functions/adapters/local/, ARCHITECTURE.md's "adapters/aws|local") that the
 * handler imports *dynamically* is never loaded on AWS — the composition root picks the aws
 * adapter there — so what only it reaches (TensorFlow.js, onnxruntime, model packages) is left
 * out of the Lambda bundle. Code imported statically loads at cold start wherever it lives, so it
 * always counts. The stack derives from this, per function, the architecture, what ships beside
 * the bundle, and the exact AI actions to allow: a new function or adapter needs no CDK change.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSync, type Metafile } from 'esbuild';

/** A handler's reach on AWS. */
export interface ModuleGraph {
  /** Project files that can load on AWS, relative to the project root. */
  readonly files: readonly string[];
  /** npm packages that can load on AWS (`@scope/name` or `name`; Node built-ins excluded). */
  readonly packages: ReadonlySet<string>;
  /** npm packages only local-only code reaches: never shipped. */
  readonly localOnlyPackages: ReadonlySet<string>;
  /** The import specifiers (`eld/medium`) by which local-only code loads those packages. */
  readonly localOnlySpecifiers: ReadonlySet<string>;
  /** AWS SDK v3 commands imported by code that can load on AWS, by client package. */
  readonly awsSdkCommands: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface ModuleGraphOptions {
  /** Folders (project-relative, ending in `/`) whose code runs only on the local runtime. */
  readonly localOnlyDirectories: readonly string[];
}

/** The handler's module graph could not be read (an import that does not resolve, a syntax error). */
export class ModuleGraphError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModuleGraphError';
  }
}

const cache = new Map<string, ModuleGraph>();

/**
 * Reads the module graph of `handler` (relative to `projectRoot`), packages left external.
 * Cached per process: a test file and `cdk synth` analyse each handler once.
 * @throws {ModuleGraphError} when esbuild cannot resolve the handler's own imports
 */
export function moduleGraphOf(projectRoot: string, handler: string, options: ModuleGraphOptions): ModuleGraph {
  const key = JSON.stringify([path.resolve(projectRoot, handler), options.localOnlyDirectories]);
  const cached = cache.get(key);
  if (cached) {
    return cached;
  }
  const metafile = readMetafile(projectRoot, handler);
  const localOnly = (file: string) => options.localOnlyDirectories.some((directory) => file.startsWith(directory));
  const entry = Object.keys(metafile.inputs).find((file) => path.resolve(projectRoot, file) === path.resolve(projectRoot, handler));
  if (!entry) {
    throw new ModuleGraphError(`esbuild reported no input for ${handler}`);
  }

  const reachable = new Set<string>([entry]);
  const pending = [entry];
  const packages = new Set<string>();
  const everyImport = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop() as string;
    for (const imported of metafile.inputs[file]?.imports ?? []) {
      if (imported.external) {
        addPackage(packages, imported.path);
        continue;
      }
      const lazyLocal = imported.kind === 'dynamic-import' && localOnly(imported.path);
      if (!lazyLocal && !reachable.has(imported.path) && metafile.inputs[imported.path]) {
        reachable.add(imported.path);
        pending.push(imported.path);
      }
    }
  }
  for (const input of Object.values(metafile.inputs)) {
    input.imports.filter((imported) => imported.external).forEach((imported) => everyImport.add(imported.path));
  }

  const files = [...reachable].filter((file) => !file.includes('node_modules/')).sort();
  const awsSdkCommands = new Map<string, Set<string>>();
  for (const file of files) {
    const source = readFileSync(path.join(projectRoot, file), 'utf8');
    requiredNames(source).forEach((name) => addPackage(packages, name));
    for (const [client, commands] of sdkCommandImports(source)) {
      const known = awsSdkCommands.get(client) ?? new Set<string>();
      commands.forEach((command) => known.add(command));
      awsSdkCommands.set(client, known);
    }
  }
  const localOnlySpecifiers = new Set(
    [...everyImport].filter((specifier) => {
      const name = packageNameOf(specifier);
      return name !== null && !packages.has(name);
    }),
  );
  const localOnlyPackages = new Set([...localOnlySpecifiers].map((specifier) => packageNameOf(specifier) as string));
  const graph: ModuleGraph = { files, packages, localOnlyPackages, localOnlySpecifiers, awsSdkCommands };
  cache.set(key, graph);
  return graph;
}

function readMetafile(projectRoot: string, handler: string): Metafile {
  try {
    return buildSync({
      absWorkingDir: projectRoot,
      entryPoints: [handler],
      bundle: true,
      write: false,
      outdir: path.join(projectRoot, 'build', 'module-graph'),
      metafile: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
    }).metafile;
  } catch (error) {
    throw new ModuleGraphError(`Cannot read the module graph of ${handler}: ${String(error)}`, { cause: error });
  }
}

/** `node:fs`, `fs` → null; `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
export function packageNameOf(specifier: string): string | null {
  if (specifier.startsWith('node:') || specifier.startsWith('.') || specifier.startsWith('/')) {
    return null;
  }
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
  return name === '' || BUILTINS.has(name) ? null : name;
}

/** Names passed literally to `require(...)` (including a `createRequire` one). */
export function requiredNames(source: string): string[] {
  return [...source.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1] as string);
}

/** Value imports of `…Command` from `@aws-sdk/client-*` modules (type-only imports skipped). */
export function sdkCommandImports(source: string): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const match of source.matchAll(/\bimport\s+(type\s+)?\{([^}]*)\}\s*from\s*['"](@aws-sdk\/client-[a-z0-9-]+)['"]/g)) {
    if (match[1]) {
      continue;
    }
    const client = match[3] as string;
    for (const specifier of (match[2] as string).split(',')) {
      const [imported] = specifier.trim().split(/\s+as\s+/);
      if (!imported || imported.startsWith('type ') || !imported.endsWith('Command')) {
        continue;
      }
      const commands = found.get(client) ?? new Set<string>();
      commands.add(imported.slice(0, -'Command'.length));
      found.set(client, commands);
    }
  }
  return found;
}

function addPackage(packages: Set<string>, specifier: string): void {
  const name = packageNameOf(specifier);
  if (name) {
    packages.add(name);
  }
}

const BUILTINS = new Set([
  'assert', 'async_hooks', 'buffer', 'child_process', 'cluster', 'console', 'constants', 'crypto', 'dgram', 'diagnostics_channel',
  'dns', 'domain', 'events', 'fs', 'http', 'http2', 'https', 'inspector', 'module', 'net', 'os', 'path', 'perf_hooks', 'process',
  'punycode', 'querystring', 'readline', 'repl', 'stream', 'string_decoder', 'timers', 'tls', 'trace_events', 'tty', 'url', 'util',
  'v8', 'vm', 'wasi', 'worker_threads', 'zlib',
]);
