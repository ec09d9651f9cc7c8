/**
 * Compiles resolver and pipeline-function sources into the ES modules AppSync runs: one file each,
 * bundled by esbuild with `@aws-appsync/*` left external. The CDK stack deploys these bytes and the
 * local runtime executes the same bytes, so what is tested is what ships.
 * https://docs.aws.amazon.com/appsync/latest/devguide/additional-utilities.html (bundling)
 */
import { build } from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { functions, resolverBundle, resolvers } from './api';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** One compiled bundle: the source it came from and the deployable code. */
export interface ResolverBundle {
  /** Project-relative source path, e.g. `resolvers/Query.getMedia.ts`. */
  readonly source: string;
  /** The ES module AppSync receives. */
  readonly code: string;
}

/** Every resolver and function source declared in `infra/api.ts`, each once. */
export function declaredSources(): string[] {
  const sources = new Set<string>();
  for (const resolver of resolvers) {
    sources.add(resolver.file);
  }
  for (const fn of Object.values(functions)) {
    sources.add(fn.file);
  }
  return [...sources].sort();
}

/**
 * Bundles the given sources (default: all declared). Returns code by source path.
 * Throws with esbuild's messages when a source does not compile.
 */
export async function bundleResolvers(sources: readonly string[] = declaredSources()): Promise<Map<string, ResolverBundle>> {
  const result = await build({
    absWorkingDir: projectRoot,
    entryPoints: sources.map((source) => ({ in: source, out: bundleName(source) })),
    bundle: true,
    write: false,
    outdir: 'build/resolvers',
    format: resolverBundle.format,
    platform: 'node',
    target: resolverBundle.target,
    external: [...resolverBundle.external],
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'silent',
    // One module per entry point: AppSync takes a single self-contained file per resolver/function.
    splitting: false,
  });
  const bundles = new Map<string, ResolverBundle>();
  for (const source of sources) {
    const out = path.join(projectRoot, 'build/resolvers', `${bundleName(source)}.js`);
    const file = result.outputFiles.find((f) => f.path === out);
    if (!file) {
      throw new Error(`esbuild produced no output for ${source}`);
    }
    bundles.set(source, { source, code: file.text });
  }
  return bundles;
}

/** `resolvers/functions/putTag.ts` → `functions/putTag`; `resolvers/Query.getMedia.ts` → `Query.getMedia`. */
export function bundleName(source: string): string {
  return source.replace(/^resolvers\//, '').replace(/\.ts$/, '');
}

/** Writes every bundle under `build/resolvers/` (what `npm run build:resolvers` and the CDK stack use). */
export async function writeResolverBundles(outDir = path.join(projectRoot, 'build/resolvers')): Promise<string[]> {
  const bundles = await bundleResolvers();
  const written: string[] = [];
  for (const bundle of bundles.values()) {
    const file = path.join(outDir, `${bundleName(bundle.source)}.js`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bundle.code);
    written.push(file);
  }
  return written;
}
