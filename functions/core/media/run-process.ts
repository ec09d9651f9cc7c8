/**
 * Runs an external tool (ffmpeg, ffprobe) with a deadline and bounded memory: stdout is kept up to
 * a byte limit, stderr only as the lines a caller asks for plus a short tail for error messages.
 * A 5 GB video's analysis therefore never holds more than a few megabytes of tool output.
 */
import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import { ToolTimeoutError, ToolUnavailableError } from './errors';

export interface RunOptions {
  /** Kill the process (SIGKILL) after this long. */
  timeoutMs: number;
  /** Keep at most this many bytes of stdout; more fails the run. @default 0 (stdout ignored) */
  maxStdoutBytes?: number;
  /** Keep stderr lines for which this returns true (in addition to the tail). @default none */
  keepStderrLine?: (line: string) => boolean;
  /** How many trailing stderr lines to keep. @default 40 */
  stderrTailLines?: number;
}

export interface RunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  /** Lines accepted by `keepStderrLine`, in order. */
  keptLines: string[];
  /** The last stderr lines, in order. */
  tailLines: string[];
}

/**
 * Spawns `command args`, waits for it to exit, and returns what it printed. Rejects with
 * `ToolTimeoutError` when the deadline passes and `ToolUnavailableError` when it cannot start or
 * prints more stdout than allowed; a non-zero exit is returned, not thrown (callers explain it).
 */
export function runProcess(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const tool = basename(command);
  const maxStdout = options.maxStdoutBytes ?? 0;
  const tailSize = options.stderrTailLines ?? 40;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', maxStdout > 0 ? 'pipe' : 'ignore', 'pipe'] });
    const stdoutChunks: Buffer[] = [];
    let stdoutBytes = 0;
    const keptLines: string[] = [];
    const tailLines: string[] = [];
    let partialLine = '';
    let failure: Error | null = null;

    const takeLine = (line: string) => {
      if (options.keepStderrLine?.(line)) {
        keptLines.push(line);
      }
      tailLines.push(line);
      if (tailLines.length > tailSize) {
        tailLines.shift();
      }
    };
    const fail = (error: Error) => {
      failure ??= error;
      child.kill('SIGKILL');
    };

    const timer = setTimeout(() => fail(new ToolTimeoutError(tool, options.timeoutMs)), options.timeoutMs);

    child.stdout?.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdout) {
        fail(new ToolUnavailableError(`${tool} printed more than ${maxStdout} bytes`));
        return;
      }
      stdoutChunks.push(chunk);
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      // ffmpeg ends progress lines with \r; treat it as a line break too.
      const lines = (partialLine + text).split(/\r\n|\n|\r/);
      partialLine = lines.pop() ?? '';
      lines.forEach(takeLine);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(failure ?? new ToolUnavailableError(`${tool} could not be started: ${error.message}`, { cause: error }));
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      if (partialLine) {
        takeLine(partialLine);
      }
      if (failure) {
        reject(failure);
        return;
      }
      resolve({ exitCode, signal, stdout: Buffer.concat(stdoutChunks), keptLines, tailLines });
    });
  });
}

/**
 * The tool's own explanation of a failure from its stderr tail, with the input path and the
 * `[demuxer @ 0x…]` prefixes removed (the path is a temp file, meaningless to the uploader): e.g.
 * "moov atom not found; Invalid data found when processing input". At most the last three distinct lines.
 */
export function failureReason(tailLines: readonly string[], inputPath: string): string {
  const meaningful = tailLines
    .map((line) =>
      line
        .split(inputPath)
        .join('')
        .replace(/^\[[^\]]* @ 0x[0-9a-f]+\]\s*/i, '')
        .replace(/^\s*:\s*/, '')
        .trim(),
    )
    .filter((line) => line.length > 0 && !line.startsWith('Conversion failed'));
  const distinct = [...new Set(meaningful)].slice(-3);
  return distinct.length > 0 ? distinct.join('; ') : 'the decoder gave no reason';
}
