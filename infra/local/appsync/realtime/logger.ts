/**
 * The structured logger the real-time server writes to: one JSON object per event. Injected by
 * whoever starts the server; quiet by default. Callers never pass tokens or header values.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface RealtimeLogger {
  log(level: LogLevel, event: string, fields?: Record<string, unknown>): void;
}

/** A logger that drops everything (the default: logs are quiet unless asked for). */
export const silentLogger: RealtimeLogger = { log: () => undefined };

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * A logger writing one JSON line per event at or above `level`, e.g.
 * `{"time":"…","level":"info","component":"realtime","event":"subscription.started",…}`.
 *
 * @default write = line => process.stderr.write(line + '\n')
 */
export function createJsonLogger(options: { level?: LogLevel; write?: (line: string) => void } = {}): RealtimeLogger {
  const threshold = LEVELS[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => void process.stderr.write(`${line}\n`));
  return {
    log(level, event, fields) {
      if (LEVELS[level] < threshold) return;
      write(JSON.stringify({ time: new Date().toISOString(), level, component: 'realtime', event, ...fields }));
    },
  };
}
