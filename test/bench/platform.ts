/** The platform as `npm start` runs it, in a child process, for benchmarks (measured from outside). */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../support/ports';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface BenchPlatform {
  child: ChildProcess;
  baseUrl: string;
  graphqlUrl: string;
  dynamodb: string;
  table: string;
  /** Resident memory of the platform: its Node process and every descendant (DynamoDB Local, ffmpeg). */
  rssBytes(): Promise<number>;
  token(username: string): Promise<{ idToken: string; sub: string }>;
  stop(): Promise<void>;
}

async function descendants(pid: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === pid) children.push(Number(entry), ...(await descendants(Number(entry))));
  }
  return children;
}

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

export async function startBenchPlatform(env: Record<string, string> = {}): Promise<BenchPlatform> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'mediagraph-bench-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'error', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const { dynamodb, table } = await new Promise<{ dynamodb: string; table: string }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`platform exited with ${code}: ${output}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DynamoDB API \(DynamoDB Local\)\s+(\S+)\s+table (\S+)/.exec(output);
      if (match) resolve({ dynamodb: match[1]!, table: match[2]! });
    });
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    child,
    baseUrl,
    graphqlUrl: `${baseUrl}/graphql`,
    dynamodb,
    table,
    async rssBytes() {
      const pids = [child.pid!, ...(await descendants(child.pid!))];
      const sizes = await Promise.all(pids.map(rssOf));
      return sizes.reduce((a, b) => a + b, 0);
    },
    async token(username) {
      const response = await fetch(`${baseUrl}/auth/token`, { method: 'POST', body: JSON.stringify({ username }) });
      return (await response.json()) as { idToken: string; sub: string };
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
