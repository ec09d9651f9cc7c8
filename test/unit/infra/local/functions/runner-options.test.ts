import { describe, expect, it } from 'vitest';
import type { FunctionDeclaration } from '../../../../../infra/functions';
import { resolveRunnerSettings } from '../../../../../infra/local/functions/runner-options';

const valid: FunctionDeclaration = { handler: 'x.ts', description: '', timeoutSeconds: 30, memoryMb: 512, concurrency: 2, asyncRetries: 2, access: {} };

describe('Function: resolveRunnerSettings', () => {
  it('applies the documented defaults', () => {
    const settings = resolveRunnerSettings({ declarations: { x: valid }, environment: { AWS_REGION: 'eu-central-1' } }, ['PATH']);

    expect(settings).toEqual({
      region: 'eu-central-1',
      accountId: '000000000000',
      inheritEnvironment: ['PATH'],
      maxQueuedInvocations: 100,
      idleTimeoutMs: 60_000,
      retryDelayScale: 1 / 60,
      sourceMaps: true,
    });
  });

  it.each([
    [{ concurrency: 0 }, 'x: concurrency must be an integer ≥ 1, found 0'],
    [{ timeoutSeconds: 901 }, 'x: timeoutSeconds must be in (0, 900], found 901'],
    [{ asyncRetries: 3 }, 'x: asyncRetries must be 0, 1 or 2, found 3'],
    [{ memoryMb: 1.5 }, 'x: memoryMb must be an integer ≥ 1, found 1.5'],
  ])('refuses a declaration Lambda would refuse: %o', (change, message) => {
    expect(() => resolveRunnerSettings({ declarations: { x: { ...valid, ...change } } }, [])).toThrow(new TypeError(message));
  });

  it('refuses a negative queue length', () => {
    expect(() => resolveRunnerSettings({ declarations: {}, maxQueuedInvocations: -1 }, [])).toThrow(/maxQueuedInvocations must be an integer ≥ 0/);
  });
});
