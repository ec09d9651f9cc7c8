/**
 * Kills child processes when this Node process exits, so no DynamoDB Local JVM outlives it.
 *
 * One `process.on('exit')` listener serves every child (no listener-count warnings). It covers
 * normal exits and `process.exit()`; a parent killed by a signal is covered by the child itself,
 * which exits when its stdin (our pipe) closes — see LoopbackLauncher.java.
 */
import type { ChildProcess } from 'node:child_process';

const children = new Set<ChildProcess>();
let listening = false;

function killAll(): void {
  for (const child of children) {
    // Only synchronous work is possible in an 'exit' listener; kill() is a synchronous signal.
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
}

/**
 * Registers a child to be killed when this process exits.
 * @returns a function that unregisters it (call it once the child has been stopped)
 */
export function killOnExit(child: ChildProcess): () => void {
  if (!listening) {
    process.on('exit', killAll);
    listening = true;
  }
  children.add(child);
  return () => {
    children.delete(child);
  };
}
