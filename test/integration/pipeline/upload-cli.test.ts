/**
 * The command-line uploader (`npm run upload -- <folder>`) as a user runs it: a child process
 * against the running platform, with a token in MEDIAGRAPH_TOKEN. It uploads what it can, refuses
 * what it cannot, follows processing until every file is done, prints one line per state change
 * when its output is not a terminal, and exits non-zero when any file did not end READY.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMediaDir, textSamples, writePhotoJpeg, writeText, writeToneWav } from '../../support/media';
import { startTestRuntime, type TestRuntime, type TestUser } from '../../support/runtime';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CLI = path.join(repoRoot, 'infra/client/cli/upload.ts');
const LIST = '{ listMedia(limit: 100) { items { id name status mediaType size error } } }';

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
}

/** Runs the uploader with Node and tsx, as `npm run upload` does. @returns its exit code and output */
function runUploader(args: string[], env: Record<string, string>): Promise<CliRun> {
  const startedAt = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CLI, ...args],
      { cwd: repoRoot, env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env }, timeout: 90_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr, elapsedMs: Date.now() - startedAt });
      },
    );
  });
}

describe('Uploader CLI', () => {
  let api: TestRuntime;
  let carol: TestUser;
  let media: { dir: string; cleanup: () => Promise<void> };
  let run: CliRun;

  beforeAll(async () => {
    api = await startTestRuntime({ retryDelayScale: 1 / 600 });
    carol = await api.signIn('carol');
    media = await makeMediaDir();
    await writePhotoJpeg(path.join(media.dir, 'heron.jpg'), { seed: 8, width: 400, height: 300 });
    await writeToneWav(path.join(media.dir, 'call.wav'), { seconds: 2 });
    await writeText(path.join(media.dir, 'notes.txt'), textSamples.plain);
    await writeFile(path.join(media.dir, 'setup.exe'), Buffer.from('MZ\x90\x00 not a media file'));
    run = await runUploader([media.dir], { MEDIAGRAPH_TOKEN: carol.token, MEDIAGRAPH_GRAPHQL_URL: api.runtime.graphqlUrl });
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await media?.cleanup();
  });

  it('exits with 1 because of the unsupported file, without crashing', () => {
    expect(run.stderr).not.toMatch(/^upload:/m);
    expect(run.code).toBe(1);
  });

  it('leaves the three supported files READY, each with its own type', async () => {
    const { listMedia } = await carol.run<{ listMedia: { items: { name: string; status: string; mediaType: string; error: string | null }[] } }>(LIST);
    const byName = new Map(listMedia.items.map((m) => [m.name, m]));
    expect([...byName.keys()].sort()).toEqual(['call.wav', 'heron.jpg', 'notes.txt']);
    expect(byName.get('heron.jpg')).toMatchObject({ status: 'READY', mediaType: 'IMAGE' });
    expect(byName.get('call.wav')).toMatchObject({ status: 'READY', mediaType: 'AUDIO' });
    expect(byName.get('notes.txt')).toMatchObject({ status: 'READY', mediaType: 'TEXT' });
  });

  it('prints one line per state change for each file, then the overall line', () => {
    const lines = run.stdout.trimEnd().split('\n');
    // Not a terminal: no cursor movement or line clearing.
    expect(run.stdout).not.toContain('\x1b[');
    const linesOf = (name: string) => lines.filter((line) => line.startsWith(`${name}: `)).map((line) => line.slice(name.length + 2));
    for (const name of ['heron.jpg', 'call.wav', 'notes.txt']) {
      // A file may wait its turn (three upload at once) before it uploads.
      const states = linesOf(name).filter((state, i) => !(i === 0 && state === 'QUEUED '));
      expect(states[0], name).toBe('UPLOADING ');
      expect(states, name).toContain('UPLOADED ');
      expect(states, name).toContain('PROCESSING checksum');
      // Processing ends when the analyzers are through: READY `analyzed` (READY `ingested` is halfway).
      expect(states, name).toContain('READY ingested');
      expect(states.at(-1), name).toBe('READY analyzed');
      // A line per change: never the same state twice in a row.
      expect(states.filter((state, i) => i > 0 && state === states[i - 1]), name).toEqual([]);
    }
    const refused = linesOf('setup.exe');
    expect(refused.at(-1)).toBe('REFUSED: unknown file type');
    expect(refused.filter((state) => state !== 'QUEUED ')).toEqual(['REFUSED: unknown file type']);
    expect(lines.at(-1)).toMatch(/^overall\s+\[#{24}\] 4\/4 done$/);
  });
});
