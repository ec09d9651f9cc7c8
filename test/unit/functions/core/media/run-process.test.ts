import { describe, expect, it } from 'vitest';
import { ToolTimeoutError, ToolUnavailableError } from '../../../../../functions/core/media/errors';
import { failureReason, runProcess } from '../../../../../functions/core/media/run-process';

describe('Function: runProcess', () => {
  it('returns stdout, the exit code and the stderr lines asked for plus a tail', async () => {
    // Act
    const result = await runProcess('sh', ['-c', 'printf out; for i in 1 2 3 4 5; do echo "line $i" >&2; done; echo keep-me >&2; exit 3'], {
      timeoutMs: 5_000,
      maxStdoutBytes: 100,
      keepStderrLine: (line) => line.startsWith('keep'),
      stderrTailLines: 2,
    });

    // Assess
    expect(result.exitCode).toBe(3);
    expect(result.stdout.toString()).toBe('out');
    expect(result.keptLines).toEqual(['keep-me']);
    expect(result.tailLines).toEqual(['line 5', 'keep-me']);
  });

  it('kills a process that outlives its deadline', async () => {
    const started = performance.now();

    await expect(runProcess('sleep', ['5'], { timeoutMs: 100 })).rejects.toBeInstanceOf(ToolTimeoutError);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses more stdout than allowed instead of buffering it', async () => {
    await expect(runProcess('head', ['-c', '100000', '/dev/zero'], { timeoutMs: 5_000, maxStdoutBytes: 1_000 })).rejects.toBeInstanceOf(ToolUnavailableError);
  });

  it('reports a missing binary as unavailable', async () => {
    const refusal = await runProcess('/nonexistent/ffmpeg', [], { timeoutMs: 1_000 }).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(ToolUnavailableError);
    expect((refusal as Error).message).toMatch(/^ffmpeg could not be started: /);
  });
});

describe('Function: failureReason', () => {
  it('keeps the last distinct lines without the input path or demuxer prefixes', () => {
    const reason = failureReason(
      [
        '[mov,mp4,m4a,3gp,3g2,mj2 @ 0x21bc5200] moov atom not found',
        'file:/tmp/x/upload.mp4: Invalid data found when processing input',
      ],
      'file:/tmp/x/upload.mp4',
    );

    expect(reason).toBe('moov atom not found; Invalid data found when processing input');
  });

  it('says so when the tool gave no reason', () => {
    expect(failureReason([], 'file:/x')).toBe('the decoder gave no reason');
  });
});
