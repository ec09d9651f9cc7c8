/**
 * How one function is built for Lambda, decided from what its code reaches (module-graph.ts) and
 * what those packages are (package-kinds.ts): arm64 unless something platform-specific ships,
 * native packages installed beside the bundle, executables copied in, local-only packages stubbed.
 */
import { fileURLToPath } from 'node:url';
import { Architecture } from 'aws-cdk-lib/aws-lambda';
import { findExecutable, type ExecutableSource } from './executables';
import { moduleGraphOf, type ModuleGraph } from './module-graph';
import { packageKinds } from './package-kinds';

/** An executable the function ships under `bin/` and the variable that names it. */
export interface PlannedExecutable {
  readonly name: string;
  readonly environmentVariable: string;
  readonly source: ExecutableSource;
}

export interface FunctionBundlePlan {
  readonly architecture: Architecture;
  /** Installed with `npm ci` beside the bundle (native code). */
  readonly nodeModules: readonly string[];
  /** Left out of the bundle (the executables' wrapper packages: the code only asks them for a path). */
  readonly externalModules: readonly string[];
  /**
   * Replaced by a stub that throws when loaded: the specifiers by which only local-only code loads packages. A single-file
   * bundle inlines the dynamically imported local adapters, and an external package they import
   * would become a top-level import that fails at cold start; the stub loads only if they run.
   */
  readonly stubbedModules: readonly string[];
  readonly executables: readonly PlannedExecutable[];
  readonly graph: ModuleGraph;
}

/** The module that stands in for local-only packages. */
export const LOCAL_ONLY_STUB = fileURLToPath(new URL('./local-only-package.cjs', import.meta.url));

export interface FunctionBundlePlanOptions {
  readonly localOnlyDirectories: readonly string[];
  /** `<name>Binary` context values: a static Linux x86_64 executable to ship instead of the default. */
  readonly executableOverrides: Readonly<Record<string, string | undefined>>;
}

/**
 * Plans the bundle of `handler`.
 * @returns the architecture, what ships beside the bundle, and the module graph it was read from
 */
export function planFunctionBundle(projectRoot: string, handler: string, options: FunctionBundlePlanOptions): FunctionBundlePlan {
  const graph = moduleGraphOf(projectRoot, handler, { localOnlyDirectories: options.localOnlyDirectories });
  const nodeModules: string[] = [];
  const executables: PlannedExecutable[] = [];
  const executablePackages: string[] = [];
  for (const name of [...graph.packages].sort()) {
    const kind = packageKinds[name];
    if (!kind) {
      continue;
    }
    switch (kind.kind) {
      case 'native':
        nodeModules.push(name);
        break;
      case 'executable':
        executablePackages.push(name);
        executables.push({
          name: kind.name,
          environmentVariable: kind.environmentVariable,
          source: findExecutable(projectRoot, kind.name, options.executableOverrides[kind.name]),
        });
        break;
      default: {
        const unexpected: never = kind;
        throw new Error(`Unknown package kind ${JSON.stringify(unexpected)}`);
      }
    }
  }
  const platformSpecific = nodeModules.length > 0 || executables.length > 0;
  return {
    // Graviton is ~20% cheaper per GB-second; native builds and static executables available to a
    // linux-x64 build machine offline are x86_64, so functions that ship them run there.
    architecture: platformSpecific ? Architecture.X86_64 : Architecture.ARM_64,
    nodeModules,
    externalModules: executablePackages.sort(),
    stubbedModules: [...graph.localOnlySpecifiers].sort(),
    executables,
    graph,
  };
}
