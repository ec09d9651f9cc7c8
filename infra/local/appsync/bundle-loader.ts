/**
 * Evaluates one compiled resolver bundle (the ES module AppSync would receive) in its own `vm`
 * context, where `@aws-appsync/utils` and `@aws-appsync/utils/dynamodb` resolve to the local
 * implementation of what AppSync supplies at run time. Nothing else can be imported: AppSync's
 * APPSYNC_JS runtime has no module system beyond those.
 */
import { transformSync } from 'esbuild';
import vm from 'node:vm';
import type { ResolverRuntime } from './runtime';

/** A handler as exported by a resolver or function: called with AppSync's `ctx`. */
export type Handler = (ctx: unknown) => unknown;

/** The two handlers every APPSYNC_JS resolver and function exports. */
export interface LoadedHandlers {
  readonly source: string;
  readonly request: Handler;
  readonly response: Handler;
}

/** A bundle that cannot run in AppSync's runtime (bad import, missing handler, syntax error). */
export class BundleLoadError extends Error {
  constructor(source: string, reason: string, options?: { cause?: unknown }) {
    super(`Cannot load resolver bundle ${source}: ${reason}`, options);
    this.name = 'BundleLoadError';
  }
}

/**
 * Loads `code` (an ES module) for `source`, returning its request/response handlers.
 * The module syntax is rewritten to CommonJS by esbuild (the only change to the deployed bytes) so
 * that imports can be served from the runtime without experimental VM modules.
 */
export function loadBundle(source: string, code: string, runtime: ResolverRuntime): LoadedHandlers {
  let commonJs: string;
  try {
    commonJs = transformSync(code, { format: 'cjs', loader: 'js', target: 'es2020', sourcefile: source, sourcemap: 'inline' }).code;
  } catch (error) {
    throw new BundleLoadError(source, 'not valid JavaScript', { cause: error });
  }
  const context = vm.createContext(
    { ...runtime.globals, console: resolverConsole(source) },
    { name: source, codeGeneration: { strings: false, wasm: false } },
  );
  const wrapper = new vm.Script(`(function (exports, require, module) {\n${commonJs}\n})`, { filename: source });
  const module = { exports: {} as Record<string, unknown> };
  const require = (specifier: string) => {
    const provided = runtime.modules[specifier];
    if (!provided) {
      throw new BundleLoadError(source, `imports "${specifier}"; APPSYNC_JS resolvers may import only @aws-appsync/utils`);
    }
    return provided;
  };
  (wrapper.runInContext(context) as (e: unknown, r: unknown, m: unknown) => void)(module.exports, require, module);
  const { request, response } = module.exports;
  if (typeof request !== 'function' || typeof response !== 'function') {
    throw new BundleLoadError(source, 'must export both request(ctx) and response(ctx)');
  }
  return { source, request: request as Handler, response: response as Handler };
}

/**
 * `console` inside resolvers: AppSync sends these lines to CloudWatch when logging is on; locally
 * they go to stderr as JSON lines, only when MEDIAGRAPH_RESOLVER_LOGS is set (quiet by default).
 */
function resolverConsole(source: string) {
  const enabled = Boolean(process.env.MEDIAGRAPH_RESOLVER_LOGS);
  const write = (level: string) => (...args: unknown[]) => {
    if (enabled) {
      process.stderr.write(`${JSON.stringify({ level, resolver: source, message: args.map(String).join(' ') })}\n`);
    }
  };
  return { log: write('info'), info: write('info'), warn: write('warn'), error: write('error'), debug: write('debug') };
}
