import { describe, expect, it } from 'vitest';
import { billedDurationMs, logInvocationReport, type InvocationReport } from '../../../../../infra/local/functions/invocation-report';
import { createLogger } from '../../../../../infra/local/log';

const report: InvocationReport = {
  requestId: 'req-1',
  functionName: 'ingest',
  invocationType: 'Event',
  attempt: 2,
  durationMs: 102.254,
  billedDurationMs: 103,
  memorySizeMb: 3008,
  maxMemoryUsedMb: 70,
  initDurationMs: null,
  errorType: null,
};

describe('Function: billedDurationMs', () => {
  it('rounds up to the millisecond, at least 1', () => {
    expect(billedDurationMs(102.25)).toBe(103);
    expect(billedDurationMs(7)).toBe(7);
    expect(billedDurationMs(0.02)).toBe(1);
  });
});

describe('Function: logInvocationReport', () => {
  it('writes one info event per successful invocation with Lambda REPORT fields', () => {
    const lines: string[] = [];
    logInvocationReport(createLogger('debug', (line) => lines.push(line)), report);

    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      level: 'info',
      event: 'function.report',
      requestId: 'req-1',
      functionName: 'ingest',
      invocationType: 'Event',
      attempt: 2,
      durationMs: 102.25,
      billedDurationMs: 103,
      memorySizeMb: 3008,
      maxMemoryUsedMb: 70,
    });
  });

  it('warns for a failed invocation and includes the init duration of a cold start', () => {
    const lines: string[] = [];
    logInvocationReport(createLogger('warn', (line) => lines.push(line)), { ...report, errorType: 'Sandbox.Timedout', initDurationMs: 150.333 });

    expect(JSON.parse(lines[0] as string)).toMatchObject({ level: 'warn', errorType: 'Sandbox.Timedout', initDurationMs: 150.33 });
  });
});
