/**
 * Structured logs for the local runtime: one JSON line per event on stderr, quiet by default
 * (LOG_LEVEL=debug|info|warn|error; default warn). Never pass tokens, secrets or presigned URLs.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

/** A logger writing JSON lines at or above `level` to `write` (default: stderr). */
export function createLogger(
  level: LogLevel = parseLevel(process.env.LOG_LEVEL),
  write: (line: string) => void = (line) => process.stderr.write(line),
  base: Record<string, unknown> = {},
): Logger {
  const emit = (at: LogLevel) => (event: string, fields?: Record<string, unknown>) => {
    if (order[at] < order[level]) {
      return;
    }
    write(`${JSON.stringify({ time: new Date().toISOString(), level: at, event, ...base, ...fields })}\n`);
  };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (fields) => createLogger(level, write, { ...base, ...fields }),
  };
}

export function parseLevel(value: string | undefined): LogLevel {
  return value === 'debug' || value === 'info' || value === 'warn' || value === 'error' ? value : 'warn';
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = createLogger('error', () => {});
