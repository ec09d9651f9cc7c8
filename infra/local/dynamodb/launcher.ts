/**
 * The Java command line that starts DynamoDB Local through `LoopbackLauncher.java` (which binds it
 * to one host address and ties its life to ours; see that file for why).
 *
 * Java 11+ can run the `.java` file directly, but compiling it on every start costs about a second
 * on this machine's two cores. So the class is compiled once with the JRE's own compiler module
 * (`java -m jdk.compiler/...`, present even without a JDK on Debian) into
 * `node_modules/.cache/mediagraph-dynamodb-local/<hash>/` and reused; if that fails for any reason
 * the single-file source launch is used instead.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DynamoDbLocalInstallation } from './emulator';

const LAUNCHER_CLASS = 'LoopbackLauncher';
const LAUNCHER_SOURCE = fileURLToPath(new URL('./LoopbackLauncher.java', import.meta.url));
const COMPILE_TIMEOUT_MS = 60_000;

/**
 * Builds the JVM arguments that come before the launcher's own `HOST PORT ...` arguments.
 * @returns e.g. `['-Djava.library.path=…', '-cp', '…', 'LoopbackLauncher']`
 */
export async function launcherJavaArguments(
  javaPath: string,
  installation: DynamoDbLocalInstallation,
): Promise<string[]> {
  const libraryPath = `-Djava.library.path=${installation.libraryPath}`;
  const classDirectory = await compiledLauncher(javaPath, installation).catch(() => undefined);
  if (classDirectory) {
    return [libraryPath, '-cp', `${installation.jarPath}${delimiter}${classDirectory}`, LAUNCHER_CLASS];
  }
  return [libraryPath, '-cp', installation.jarPath, LAUNCHER_SOURCE];
}

/**
 * Compiles the launcher once per source and jar version.
 * @returns the folder holding `LoopbackLauncher.class`
 */
async function compiledLauncher(javaPath: string, installation: DynamoDbLocalInstallation): Promise<string> {
  const source = await readFile(LAUNCHER_SOURCE);
  const jar = await stat(installation.jarPath);
  const hash = createHash('sha256')
    .update(source)
    .update(`\0${jar.size}\0${jar.mtimeMs}\0release-11`)
    .digest('hex')
    .slice(0, 16);
  const cacheRoot = join(installation.directory, '..', '..', '.cache', 'mediagraph-dynamodb-local');
  const target = join(cacheRoot, hash);
  if (await isFile(join(target, `${LAUNCHER_CLASS}.class`))) return target;

  await mkdir(cacheRoot, { recursive: true });
  const staging = await mkdtemp(join(cacheRoot, 'staging-'));
  try {
    await runJavaCompiler(javaPath, ['--release', '11', '-nowarn', '-cp', installation.jarPath, '-d', staging, LAUNCHER_SOURCE]);
    // Another process may have finished first; its class is identical, so either one will do.
    await rename(staging, target).catch(async () => {
      if (!(await isFile(join(target, `${LAUNCHER_CLASS}.class`)))) throw new Error('launcher cache rename failed');
    });
    return target;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function runJavaCompiler(javaPath: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(javaPath, ['-m', 'jdk.compiler/com.sun.tools.javac.Main', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: COMPILE_TIMEOUT_MS,
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`javac exited with ${code}: ${stderr.trim()}`));
    });
  });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
