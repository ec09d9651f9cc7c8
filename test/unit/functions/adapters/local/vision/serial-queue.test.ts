import { describe, expect, it } from 'vitest';
import { createSerialQueue } from '../../../../../../functions/adapters/local/vision/serial-queue';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Function: createSerialQueue', () => {
  it('runs tasks one at a time in the order given', async () => {
    // Prepare
    const queue = createSerialQueue();
    const events: string[] = [];
    const task = (name: string, ms: number) => async () => {
      events.push(`start ${name}`);
      await delay(ms);
      events.push(`end ${name}`);
      return name;
    };

    // Act
    const results = await Promise.all([queue(task('a', 20)), queue(task('b', 1)), queue(task('c', 5))]);

    // Assess
    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('keeps going after a task fails', async () => {
    const queue = createSerialQueue();

    const failed = queue(async () => {
      throw new Error('boom');
    });
    const next = queue(async () => 'next');

    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });
});
