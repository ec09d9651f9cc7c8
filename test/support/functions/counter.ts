/** Test handler: a module-level counter, to see whether an environment stays warm between calls. */
import { threadId } from 'node:worker_threads';

let invocations = 0;

export async function handler(): Promise<{ count: number; threadId: number }> {
  invocations += 1;
  return { count: invocations, threadId };
}
