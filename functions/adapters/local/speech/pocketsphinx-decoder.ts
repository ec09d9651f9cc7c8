/**
 * A warm pocketsphinx recogniser: one `pocketsphinx_batch` process per worker, started on first
 * use, that loads the acoustic model, the 27 MB language model and the dictionary once (≈ 0.3 s)
 * and then decodes every request sent to it.
 *
 * How it is kept warm: `pocketsphinx_batch` reads its control file (`-ctl`) line by line as it
 * decodes, so the control file is a pipe that stays open; each line names an utterance
 * (`file startFrame endFrame id`, 10 ms frames). For each utterance it prints the hypothesis line
 * and then the words as CTM lines (see pocketsphinx-output.ts). A request ends with a sentinel
 * utterance (a short silent file): its hypothesis line proves every word of the request has been
 * printed. pocketsphinx opens `/dev/stdin` and `/dev/stdout` by name, which fails on the socket
 * pairs Node gives a child, so `cat` stands on each side to make them real pipes.
 *
 * Requests are decoded one at a time in order (the process has one search); a request that takes
 * too long kills the process (requests queued behind it fail with it, as retryable timeouts), and
 * the next request starts a fresh one.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { ToolTimeoutError, ToolUnavailableError } from '../../../core/media/errors';
import { parseCtmLine, parseHypothesisLine, spokenWord } from './pocketsphinx-output';
import { FRAMES_PER_SECOND } from './speech-segments';
import type { FrameRange } from './speech-segments';

/** Where Debian's `pocketsphinx-en-us` installs the US English model. */
export const DEBIAN_EN_US_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';

export interface PocketsphinxDecoderOptions {
  /** @default 'pocketsphinx_batch' on PATH */
  readonly binary?: string;
  /** Holds `en-us/` (acoustic model), `en-us.lm.bin` and `cmudict-en-us.dict`. @default DEBIAN_EN_US_MODEL_DIR */
  readonly modelDir?: string;
  /** Further decoder arguments (`-beam 1e-60`, …), after the defaults. */
  readonly extraArguments?: readonly string[];
}

/** A word as decoded, with times in seconds from the start of the file. */
export interface DecodedWord {
  readonly word: string;
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
}

/** A request: pieces of one raw 16 kHz s16le file, decoded as separate utterances. */
export interface DecodeRequest {
  /** Absolute path, without whitespace. */
  readonly rawPath: string;
  readonly segments: readonly FrameRange[];
  /** Kill the decoder when the request takes longer. */
  readonly timeoutMs: number;
}

interface Pending {
  readonly id: string;
  readonly segments: ReadonlyMap<string, FrameRange>;
  readonly words: DecodedWord[];
  readonly decoded: Set<string>;
  readonly timeoutMs: number;
  timer?: NodeJS.Timeout;
  resolve(words: DecodedWord[]): void;
  reject(error: Error): void;
}

/**
 * pocketsphinx's defaults but for `-fwdflat no`, which skips the second (flat-lexicon) search pass:
 * on the bench that moved the word error rate by about one word either way (read speech 25.4% vs
 * 26.8% with the pass, synthetic 7.4% vs 6.5%) and saved 10–30% of the CPU. Also tried, none
 * better: wider beams (`-beam 1e-60 -wbeam 1e-40 -pbeam 1e-60`, twice the CPU), no phone lookahead
 * (`-pl_window 0`, 1.5× the CPU), language weight 5.5 or 8 (`-lw`, worse).
 */
const DEFAULT_ARGUMENTS = ['-fwdflat', 'no'];

/** The long-lived process and what it is working on. */
export class PocketsphinxDecoder {
  private child: ChildProcess | null = null;
  private scratchDir: Promise<string> | null = null;
  private readonly queue: Pending[] = [];
  private partialLine = '';
  private stderrTail: string[] = [];
  private nextId = 0;

  constructor(private readonly options: PocketsphinxDecoderOptions = {}) {}

  /**
   * Decodes the request's pieces. Rejects with `ToolTimeoutError` when it takes longer than
   * `timeoutMs`, `ToolUnavailableError` when pocketsphinx cannot start, exits, or skips a piece.
   * @returns the words of every piece, in time order
   */
  async decode(request: DecodeRequest): Promise<DecodedWord[]> {
    if (request.segments.length === 0) return [];
    if (/\s/.test(request.rawPath)) {
      // A control-file line is whitespace-separated: such a path cannot be named in it.
      throw new RangeError(`pocketsphinx cannot read a path with whitespace: ${request.rawPath}`);
    }
    const scratch = await this.ensureScratch();
    const child = this.ensureStarted();
    const id = `r${this.nextId++}`;
    const segments = new Map(request.segments.map((segment, index) => [`${id}s${index}`, segment] as const));
    const words = await new Promise<DecodedWord[]>((resolve, reject) => {
      const pending: Pending = { id, segments, words: [], decoded: new Set(), timeoutMs: request.timeoutMs, resolve, reject };
      this.queue.push(pending);
      if (this.queue.length === 1) this.startTimer(pending);
      this.setReferenced(true);
      const lines = [...segments].map(([utteranceId, range]) => `${request.rawPath} ${range.startFrame} ${range.endFrame} ${utteranceId}`);
      lines.push(`${join(scratch, 'sentinel.raw')} 0 -1 ${id}end`);
      (child.stdin as Writable).write(lines.join('\n') + '\n');
    });
    return words.sort((a, b) => a.start - b.start);
  }

  /** Ends the process (pending requests are rejected) and removes its scratch files. */
  async close(): Promise<void> {
    const child = this.child;
    if (child) {
      const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
      child.stdin?.end();
      const killer = setTimeout(() => this.killGroup(child), 2000);
      await exited;
      clearTimeout(killer);
    }
    const scratch = this.scratchDir;
    this.scratchDir = null;
    if (scratch) await rm(await scratch, { recursive: true, force: true });
  }

  private ensureScratch(): Promise<string> {
    this.scratchDir ??= (async () => {
      const dir = await mkdtemp(join(tmpdir(), 'mediagraph-pocketsphinx-'));
      // 0.3 s of digital silence: decodes in a millisecond, recognises nothing.
      await writeFile(join(dir, 'sentinel.raw'), Buffer.alloc(9600));
      return dir;
    })();
    return this.scratchDir;
  }

  private ensureStarted(): ChildProcess {
    if (this.child) return this.child;
    const modelDir = this.options.modelDir ?? DEBIAN_EN_US_MODEL_DIR;
    if (!existsSync(join(modelDir, 'en-us.lm.bin'))) {
      throw new ToolUnavailableError(`no pocketsphinx model in ${modelDir} (Debian package pocketsphinx-en-us)`);
    }
    const decoderArguments = [
      '-hmm', join(modelDir, 'en-us'),
      '-lm', join(modelDir, 'en-us.lm.bin'),
      '-dict', join(modelDir, 'cmudict-en-us.dict'),
      '-samprate', '16000',
      '-adcin', 'yes', '-adchdr', '0', '-cepext', '',
      '-ctl', '/dev/stdin', '-hyp', '/dev/stdout', '-ctm', '/dev/stdout',
      ...mergeArguments(DEFAULT_ARGUMENTS, this.options.extraArguments ?? []),
    ];
    const child = spawn('sh', ['-c', 'cat | "$0" "$@" | cat', this.options.binary ?? 'pocketsphinx_batch', ...decoderArguments], {
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group, so a timeout kills cat, pocketsphinx and cat together.
      detached: true,
    });
    this.child = child;
    this.partialLine = '';
    this.stderrTail = [];
    // Writing to a decoder that just died fails with EPIPE; its 'close' event reports why, with stderr.
    child.stdin?.on('error', () => undefined);
    child.stdout?.setEncoding('utf8');
    // A process given up on (timed out) may still print: only the current one is listened to.
    child.stdout?.on('data', (text: string) => this.child === child && this.onStdout(text));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => this.child === child && this.onStderr(text));
    child.on('error', (error) => this.onExit(child, new ToolUnavailableError(`pocketsphinx could not be started: ${error.message}`, { cause: error })));
    child.on('close', (code, signal) => this.onExit(child, new ToolUnavailableError(`pocketsphinx exited (${signal ?? `code ${code}`}): ${this.reason()}`)));
    this.setReferenced(false);
    return child;
  }

  private onStdout(text: string): void {
    const lines = (this.partialLine + text).split('\n');
    this.partialLine = lines.pop() ?? '';
    for (const line of lines) this.onLine(line);
  }

  private onLine(line: string): void {
    const head = this.queue[0];
    if (!head) return;
    const ctm = parseCtmLine(line);
    if (ctm) {
      const segment = head.segments.get(ctm.utteranceId);
      const word = spokenWord(ctm.word);
      if (!segment || !word) return;
      const offset = segment.startFrame / FRAMES_PER_SECOND;
      head.words.push({
        word,
        start: round(offset + ctm.start),
        end: round(offset + ctm.start + ctm.duration),
        confidence: round(ctm.confidence),
      });
      return;
    }
    const hypothesis = parseHypothesisLine(line);
    if (!hypothesis) return;
    if (head.segments.has(hypothesis.utteranceId)) {
      head.decoded.add(hypothesis.utteranceId);
    } else if (hypothesis.utteranceId === `${head.id}end`) {
      this.finishHead();
    }
  }

  private finishHead(): void {
    const head = this.queue.shift();
    if (!head) return;
    clearTimeout(head.timer);
    const skipped = [...head.segments.keys()].filter((utteranceId) => !head.decoded.has(utteranceId));
    if (skipped.length > 0) {
      head.reject(new ToolUnavailableError(`pocketsphinx skipped ${skipped.length} of ${head.segments.size} pieces: ${this.reason()}`));
    } else {
      head.resolve(head.words);
    }
    const next = this.queue[0];
    if (next) this.startTimer(next);
    else this.setReferenced(false);
  }

  private startTimer(pending: Pending): void {
    pending.timer = setTimeout(() => {
      const child = this.child;
      this.onExit(child, new ToolTimeoutError('pocketsphinx', pending.timeoutMs));
      if (child) this.killGroup(child);
    }, pending.timeoutMs);
  }

  private onStderr(text: string): void {
    for (const line of text.split('\n')) {
      if (line.trim().length === 0 || line.startsWith('INFO:')) continue;
      this.stderrTail.push(line.trim());
      if (this.stderrTail.length > 10) this.stderrTail.shift();
    }
  }

  /** The process is gone (or given up on): every request it held fails with `error`. */
  private onExit(child: ChildProcess | null, error: Error): void {
    if (child === null || this.child !== child) return;
    this.child = null;
    for (const pending of this.queue.splice(0)) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
  }

  private killGroup(child: ChildProcess): void {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone: nothing to kill.
    }
  }

  /** A waiting request keeps the worker alive; an idle decoder does not. */
  private setReferenced(referenced: boolean): void {
    const child = this.child;
    if (!child) return;
    const handles = [child, child.stdin, child.stdout, child.stderr] as (ChildProcess | Readable | Writable | null)[];
    for (const handle of handles) {
      const refable = handle as unknown as { ref?: () => void; unref?: () => void } | null;
      if (referenced) refable?.ref?.();
      else refable?.unref?.();
    }
  }

  private reason(): string {
    return this.stderrTail.length > 0 ? this.stderrTail.slice(-3).join('; ') : 'no error was printed';
  }
}

/**
 * Decoder settings as `-name value` pairs, `overrides` replacing `defaults` of the same name
 * (pocketsphinx refuses a name given twice).
 * @returns the merged pairs, flattened
 */
export function mergeArguments(defaults: readonly string[], overrides: readonly string[]): string[] {
  const settings = new Map<string, string>();
  for (const list of [defaults, overrides]) {
    if (list.length % 2 !== 0) throw new RangeError(`decoder arguments come in -name value pairs: ${list.join(' ')}`);
    for (let i = 0; i < list.length; i += 2) settings.set(list[i]!, list[i + 1]!);
  }
  return [...settings].flat();
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
