import { describe, expect, it } from 'vitest';
import { parseWorkerMessage } from '../../../../../infra/local/functions/worker-protocol';

describe('Function: parseWorkerMessage', () => {
  it('accepts the runtime messages', () => {
    expect(parseWorkerMessage({ type: 'ready', initDurationMs: 3 })).toEqual({ type: 'ready', initDurationMs: 3 });
    expect(parseWorkerMessage({ type: 'log', requestId: null, level: 'INFO', message: 'x' })).not.toBeNull();
  });

  it('ignores anything else a handler might post on the same port', () => {
    expect(parseWorkerMessage('result')).toBeNull();
    expect(parseWorkerMessage(null)).toBeNull();
    expect(parseWorkerMessage({ type: 'progress', value: 1 })).toBeNull();
    expect(parseWorkerMessage({ kind: 'result' })).toBeNull();
  });
});
