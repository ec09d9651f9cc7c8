/**
 * The per-invocation record Lambda writes as its `REPORT` line ("Duration: 102.25 ms Billed
 * Duration: 103 ms Memory Size: 128 MB Max Memory Used: 70 MB Init Duration: 150.33 ms"), as one
 * structured log event. Lambda bills by the millisecond, rounded up.
 * https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html
 */
import type { Logger } from '../log';

export interface InvocationReport {
  readonly requestId: string;
  readonly functionName: string;
  readonly invocationType: 'RequestResponse' | 'Event';
  /** 1 for the first try of an event, 2 and 3 for Lambda's asynchronous retries. */
  readonly attempt: number;
  readonly durationMs: number;
  readonly billedDurationMs: number;
  readonly memorySizeMb: number;
  /** Heap and external memory of the worker's isolate after the call (null when the thread died). */
  readonly maxMemoryUsedMb: number | null;
  /** Present on cold starts: how long the environment took to load the module. */
  readonly initDurationMs: number | null;
  /** Absent on success. */
  readonly errorType: string | null;
}

/** Lambda's billed duration: whole milliseconds, rounded up, at least 1. */
export function billedDurationMs(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs));
}

/** Writes the report: info on success, warn when the invocation failed. */
export function logInvocationReport(logger: Logger, report: InvocationReport): void {
  const fields = {
    requestId: report.requestId,
    functionName: report.functionName,
    invocationType: report.invocationType,
    attempt: report.attempt,
    durationMs: round(report.durationMs),
    billedDurationMs: report.billedDurationMs,
    memorySizeMb: report.memorySizeMb,
    maxMemoryUsedMb: report.maxMemoryUsedMb,
    ...(report.initDurationMs === null ? {} : { initDurationMs: round(report.initDurationMs) }),
    ...(report.errorType === null ? {} : { errorType: report.errorType }),
  };
  if (report.errorType === null) logger.info('function.report', fields);
  else logger.warn('function.report', fields);
}

function round(milliseconds: number): number {
  return Math.round(milliseconds * 100) / 100;
}
