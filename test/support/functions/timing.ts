/** Test handler: spends `ms` milliseconds, busy (`cpu: true`) or waiting, and says when it ran. */
import { threadId } from 'node:worker_threads';

export async function handler(event: { ms: number; cpu?: boolean }): Promise<{ startedAt: number; endedAt: number; threadId: number }> {
  const startedAt = Date.now();
  if (event.cpu) {
    while (Date.now() - startedAt < event.ms) {
      // Deliberately block this thread's event loop.
    }
  } else {
    await new Promise((resolve) => setTimeout(resolve, event.ms));
  }
  return { startedAt, endedAt: Date.now(), threadId };
}
