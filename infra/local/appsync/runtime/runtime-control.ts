import { EarlyReturnSignal } from './signals';
import type { EarlyReturnTarget } from './signals';
import { describeValue, isRecord } from './values';

/**
 * The `runtime` global. `runtime.earlyReturn(value?, { skipTo? })` stops the handler; the executor
 * then skips as AppSync does (a function's data source and response handler; with skipTo 'END' the
 * rest of the pipeline, with 'NEXT' on to the next function).
 * https://docs.aws.amazon.com/appsync/latest/devguide/runtime-utils-js.html
 */
export interface RuntimeControl {
  earlyReturn(value?: unknown, returnOptions?: unknown): never;
}

function skipTarget(returnOptions: unknown): EarlyReturnTarget | null {
  if (returnOptions === undefined || returnOptions === null) return null;
  if (!isRecord(returnOptions)) {
    throw new TypeError(`runtime.earlyReturn: return options must be an object, got ${describeValue(returnOptions)}`);
  }
  const { skipTo } = returnOptions;
  if (skipTo === undefined || skipTo === null) return null;
  if (skipTo === 'END' || skipTo === 'NEXT') return skipTo;
  throw new TypeError(`runtime.earlyReturn: skipTo must be 'END' or 'NEXT', got ${describeValue(skipTo)}`);
}

/** Builds the `runtime` global. An omitted value returns null, as a handler returning nothing would. */
export function createRuntimeControl(): RuntimeControl {
  return {
    earlyReturn(value, returnOptions) {
      throw new EarlyReturnSignal(value === undefined ? null : value, skipTarget(returnOptions));
    },
  };
}
