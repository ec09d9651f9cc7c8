/**
 * Progress for the uploader: one bar per file (upload bytes, then processing stage) and an overall
 * bar, redrawn in place on a terminal; one line per state change otherwise (CI logs, pipes).
 */
import type { Writable } from 'node:stream';

export interface ProgressJob {
  name: string;
  size: number;
  uploaded: number;
  status: string;
  progress: number;
  stage: string;
  error?: string;
  done: boolean;
}

const WIDTH = 24;

function bar(fraction: number): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`;
}

/** A file's share of the overall work: half uploading, half processing. */
export function jobFraction(job: ProgressJob): number {
  if (job.done) return 1;
  const upload = job.size > 0 ? job.uploaded / job.size : 1;
  return upload / 2 + job.progress / 200;
}

export function describeJob(job: ProgressJob): string {
  const name = job.name.length > 28 ? `${job.name.slice(0, 27)}…` : job.name.padEnd(28);
  const detail =
    job.status === 'UPLOADING'
      ? `uploading ${Math.round((job.uploaded / Math.max(1, job.size)) * 100)}%`
      : job.error
        ? `${job.status}: ${job.error}`
        : `${job.status.toLowerCase()} ${job.stage} ${job.progress}%`;
  return `${name} ${bar(jobFraction(job))} ${detail}`;
}

export function createProgressDisplay(jobs: readonly ProgressJob[], out: Writable & { isTTY?: boolean }) {
  let drawn = 0;
  let lastRender = 0;
  const lastLine = new Map<ProgressJob, string>();
  const overall = () => {
    const fraction = jobs.reduce((sum, job) => sum + jobFraction(job), 0) / Math.max(1, jobs.length);
    const done = jobs.filter((j) => j.done).length;
    return `${'overall'.padEnd(28)} ${bar(fraction)} ${done}/${jobs.length} done`;
  };
  const draw = () => {
    const lines = [...jobs.map(describeJob), overall()];
    if (drawn > 0) out.write(`\x1b[${drawn}A`);
    out.write(lines.map((l) => `\x1b[2K${l}`).join('\n') + '\n');
    drawn = lines.length;
  };
  return {
    render(force = false) {
      if (!out.isTTY) {
        for (const job of jobs) {
          const state = job.error ? `${job.status}: ${job.error}` : `${job.status} ${job.stage}`;
          if (lastLine.get(job) !== state) {
            lastLine.set(job, state);
            out.write(`${job.name}: ${state}\n`);
          }
        }
        return;
      }
      const now = Date.now();
      if (force || now - lastRender > 80) {
        lastRender = now;
        draw();
      }
    },
    finish() {
      if (out.isTTY) draw();
      else out.write(`${overall()}\n`);
    },
  };
}
