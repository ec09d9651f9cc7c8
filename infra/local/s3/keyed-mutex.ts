/**
 * One writer at a time per key: the object index of a key and a multipart upload are changed under
 * their lock, so concurrent PUTs, DELETEs and completions of the same key never interleave.
 */

/** Runs tasks one after another per key; different keys run concurrently. */
export interface KeyedMutex {
  /** @returns what `task` returns, once every earlier task for `key` has settled */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/** @returns an empty mutex */
export function createKeyedMutex(): KeyedMutex {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task, task);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
