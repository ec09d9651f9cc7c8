/**
 * Runs asynchronous tasks one after another. The TensorFlow.js models (objects, faces, moderation)
 * share one WebAssembly backend on the worker's JavaScript thread: interleaving two inferences at
 * their `await` points gains nothing and would mix @vladmandic/human's per-call state.
 */
export type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * Creates a queue; a task that fails does not stop the ones behind it.
 * @returns a function that schedules a task and resolves with its result
 */
export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
