import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFunctionRunner, type FunctionRunnerOptions } from '../../../../../infra/local/functions/runner';
import type { FailedInvocation } from '../../../../../infra/local/functions/types';
import { testFunction } from '../../../../support/functions/declare';

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'mediagraph-async-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** A runner whose `onFailure` resolves the returned promise. */
function runnerWithFailures(overrides: Partial<FunctionRunnerOptions<'ingest'>> = {}) {
  let resolveFailure: (failed: FailedInvocation) => void = () => {};
  const failure = new Promise<FailedInvocation>((resolve) => (resolveFailure = resolve));
  const runner = createFunctionRunner({
    declarations: { ingest: testFunction('failing', { asyncRetries: 2 }) },
    retryDelayScale: 1 / 600, // Lambda's 1 min and 2 min become 100 ms and 200 ms
    onFailure: (failed) => resolveFailure(failed),
    ...overrides,
  });
  return { runner, failure };
}

async function attemptsRecorded(file: string): Promise<string[]> {
  return (await readFile(file, 'utf8')).trim().split('\n');
}

describe('Function runner: asynchronous invocations', () => {
  it('retries a failing event twice, keeping its request id, then hands it to onFailure with the attempts counted', async () => {
    // Prepare
    const { runner, failure } = runnerWithFailures();
    const recordTo = path.join(directory, 'always-fails.log');
    const event = { recordTo, failures: 99 };

    try {
      // Act
      const accepted = performance.now();
      runner.invokeAsync('ingest', event);
      const failed = await failure;
      const elapsedMs = performance.now() - accepted;

      // Assess
      expect(failed).toMatchObject({ functionName: 'ingest', event, errorType: 'MediaUnreadableError', errorMessage: 'attempt 3 could not read the media', attempts: 3 });
      expect(Date.parse(failed.lastAttemptAt) - Date.parse(failed.firstAttemptAt)).toBeGreaterThanOrEqual(295);
      expect(elapsedMs).toBeGreaterThanOrEqual(300);
      const attempts = await attemptsRecorded(recordTo);
      expect(attempts).toHaveLength(3);
      expect(new Set(attempts).size).toBe(1);
    } finally {
      await runner.close();
    }
  });

  it('delivers an event that succeeds on a retry without calling onFailure', async () => {
    const { runner, failure } = runnerWithFailures();
    const recordTo = path.join(directory, 'succeeds-third.log');
    let failed: FailedInvocation | null = null;
    void failure.then((value) => (failed = value));

    runner.invokeAsync('ingest', { recordTo, failures: 2 });
    const result = await runner.drain({ timeoutMs: 5_000 });

    expect(result).toEqual({ drained: true, pending: 0 });
    expect(await attemptsRecorded(recordTo)).toHaveLength(3);
    expect(failed).toBeNull();
    await runner.close();
  });

  it('gives up after one attempt when the function allows no retries', async () => {
    const { runner, failure } = runnerWithFailures({ declarations: { ingest: testFunction('failing', { asyncRetries: 0 }) } });
    const recordTo = path.join(directory, 'no-retries.log');

    runner.invokeAsync('ingest', { recordTo, failures: 99 });

    await expect(failure).resolves.toMatchObject({ attempts: 1, errorType: 'MediaUnreadableError' });
    expect(await attemptsRecorded(recordTo)).toHaveLength(1);
    await runner.close();
  });

  it('on close, hands events still waiting for a retry to onFailure instead of dropping them', async () => {
    const { runner, failure } = runnerWithFailures({ retryDelayScale: 1 }); // a real one-minute wait
    const recordTo = path.join(directory, 'closed-while-waiting.log');
    runner.invokeAsync('ingest', { recordTo, failures: 99 });
    while ((await attemptsRecorded(recordTo).catch(() => [])).length === 0) await new Promise((resolve) => setTimeout(resolve, 20));

    const started = performance.now();
    await runner.close({ timeoutMs: 100 });

    await expect(failure).resolves.toMatchObject({ attempts: 1, errorType: 'MediaUnreadableError' });
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
