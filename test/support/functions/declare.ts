/**
 * Declarations for the test-only handler modules in this folder, shaped like `infra/functions.ts`
 * entries, so the runner is exercised exactly as it runs the real functions.
 */
import type { FunctionDeclaration } from '../../../infra/functions';

/** Modules in this folder that export a `handler` (or deliberately fail to). */
export type TestHandlerModule = 'context' | 'counter' | 'timing' | 'crash' | 'failing' | 'environment' | 'logging' | 'broken-import' | 'no-handler';

/** A declaration for `test/support/functions/<module>.ts`; one environment, 10 s, 256 MB unless overridden. */
export function testFunction(module: TestHandlerModule, overrides: Partial<FunctionDeclaration> = {}): FunctionDeclaration {
  return {
    handler: `test/support/functions/${module}.ts`,
    description: `test handler ${module}`,
    timeoutSeconds: 10,
    memoryMb: 256,
    concurrency: 1,
    asyncRetries: 0,
    access: {},
    ...overrides,
  };
}

/** Rejection reason as the runner gives it, for `expect(...).rejects.toMatchObject`. */
export function invocationError(errorType: string, message?: string | RegExp): Record<string, unknown> {
  return { name: 'FunctionInvocationError', errorType, ...(message === undefined ? {} : { message }) };
}
