import { describe, expect, it } from 'vitest';
import {
  exitError,
  formatHandlerError,
  handlerNotFoundError,
  isFunctionError,
  outOfMemoryError,
  throttledError,
  timedOutError,
} from '../../../../../infra/local/functions/lambda-errors';

class MediaUnreadableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MediaUnreadableError';
  }
}

describe('Function: formatHandlerError', () => {
  it('reports an error by its name and message, with the stack as trace lines', () => {
    const payload = formatHandlerError(new MediaUnreadableError('truncated file'));

    expect(payload.errorType).toBe('MediaUnreadableError');
    expect(payload.errorMessage).toBe('truncated file');
    expect(payload.trace?.[0]).toBe('MediaUnreadableError: truncated file');
  });

  it('reports a thrown non-error by its typeof and text, as the Node.js runtime does', () => {
    expect(formatHandlerError('plain failure')).toEqual({ errorType: 'string', errorMessage: 'plain failure', trace: [] });
    expect(formatHandlerError(42)).toEqual({ errorType: 'number', errorMessage: '42', trace: [] });
  });
});

describe('Lambda sandbox errors', () => {
  it('words a timeout like the Invoke API, with two decimals of seconds', () => {
    expect(timedOutError('req-1', 3)).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: 'RequestId: req-1 Error: Task timed out after 3.00 seconds' });
    expect(timedOutError('req-2', 0.5).errorMessage).toBe('RequestId: req-2 Error: Task timed out after 0.50 seconds');
  });

  it('words an exit and an out-of-memory kill like the Invoke API', () => {
    expect(exitError('req-1', 2)).toEqual({ errorType: 'Runtime.ExitError', errorMessage: 'RequestId: req-1 Error: Runtime exited with error: exit status 2' });
    expect(outOfMemoryError('req-1')).toEqual({ errorType: 'Runtime.OutOfMemory', errorMessage: 'RequestId: req-1 Error: Runtime exited with error: signal: killed' });
  });

  it('names a module without a handler export', () => {
    expect(handlerNotFoundError('functions/ingest/handler.ts').errorMessage).toBe('functions/ingest/handler.ts.handler is undefined or not exported');
  });
});

describe('Function: isFunctionError', () => {
  it('tells the function failing from the service refusing to run it', () => {
    expect(isFunctionError('MediaUnreadableError')).toBe(true);
    expect(isFunctionError('Sandbox.Timedout')).toBe(true);
    expect(isFunctionError(throttledError().errorType)).toBe(false);
    expect(isFunctionError('ServiceException')).toBe(false);
    expect(isFunctionError('ResourceNotFoundException')).toBe(false);
  });
});
