/** Test handler: ends its environment in the ways a real function can. */
type CrashEvent =
  | { kind: 'exit'; code: number }
  | { kind: 'uncaught' }
  | { kind: 'rejection' }
  | { kind: 'out-of-memory' }
  | { kind: 'hang' }
  | { kind: 'fine' };

export async function handler(event: CrashEvent): Promise<string> {
  switch (event.kind) {
    case 'exit':
      process.exit(event.code);
      break;
    case 'uncaught':
      setTimeout(() => {
        throw new RangeError('thrown from a timer');
      }, 0);
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      break;
    case 'rejection':
      void Promise.reject(new Error('nobody caught me'));
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      break;
    case 'out-of-memory': {
      const hoard: number[][] = [];
      for (;;) hoard.push(new Array(100_000).fill(hoard.length));
    }
    case 'hang':
      for (;;) {
        // Never yields: only terminating the thread stops this.
      }
    case 'fine':
      return 'fine';
  }
  return 'unreachable';
}
