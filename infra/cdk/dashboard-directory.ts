/**
 * The built dashboard the stack deploys (web/dist, Vite's output for base `/app/`). `npm run synth`
 * rebuilds it first when it is missing or older than its sources (app.ts); a stack built without
 * that step (tests, another entry) builds it when it is missing, so synthesis never ships nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { distDir, ensureDashboardBuilt } from '../local/web/build';
import { projectRoot } from '../resolver-bundles';

/** The dashboard's entry page: a folder without it is not a build. */
const ENTRY = 'index.html';

/** No dashboard build where the stack expected one, and none could be made. */
export class DashboardNotBuiltError extends Error {
  constructor(directory: string, cause?: unknown) {
    super(
      `The dashboard is not built: ${path.join(directory, ENTRY)} is missing. ` +
        '`npm run synth` builds it; otherwise run `npm run web:build` first (its errors say what failed).',
      cause === undefined ? undefined : { cause },
    );
    this.name = 'DashboardNotBuiltError';
  }
}

export interface DashboardDirectoryOptions {
  /** A built dashboard. @default web/dist, built when missing */
  readonly directory?: string;
  /**
   * Makes the build when the folder holds none (synchronously).
   * @default for web/dist `tsx infra/local/web/build.ts` in a child process; for another folder, none
   */
  readonly build?: () => void;
}

/**
 * The folder to deploy, synchronously (a construct cannot wait): the given folder, or web/dist —
 * built in a child process when it is missing.
 * @returns an absolute path to a folder holding `index.html`
 * @throws DashboardNotBuiltError when there is no build and none could be made
 */
export function dashboardDirectory(options: DashboardDirectoryOptions = {}): string {
  const directory = path.resolve(options.directory ?? distDir);
  if (hasEntry(directory)) return directory;
  const build = options.build ?? (directory === path.resolve(distDir) ? buildInChildProcess : undefined);
  if (!build) throw new DashboardNotBuiltError(directory);
  try {
    build();
  } catch (error) {
    throw new DashboardNotBuiltError(directory, error);
  }
  if (!hasEntry(directory)) throw new DashboardNotBuiltError(directory);
  return directory;
}

/**
 * For the CLI entry: rebuilds web/dist when it is missing or older than its sources, so a deploy
 * never ships a stale dashboard.
 * @returns the folder to deploy
 */
export async function freshDashboardDirectory(log: (line: string) => void): Promise<string> {
  try {
    const { built, seconds } = await ensureDashboardBuilt({ log });
    if (built) log(`dashboard: built in ${seconds.toFixed(1)} s`);
  } catch (error) {
    throw new DashboardNotBuiltError(distDir, error);
  }
  if (!hasEntry(distDir)) throw new DashboardNotBuiltError(distDir);
  return distDir;
}

function hasEntry(directory: string): boolean {
  return existsSync(path.join(directory, ENTRY));
}

/** The build script's own entry (the same `ensureDashboardBuilt`), its output on our stderr. */
function buildInChildProcess(): void {
  execFileSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'infra', 'local', 'web', 'build.ts')], {
    cwd: projectRoot,
    stdio: ['ignore', 2, 2],
  });
}
