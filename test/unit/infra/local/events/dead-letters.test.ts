import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidNextTokenError, openDeadLetterStore, type NewDeadLetter } from '../../../../../infra/local/events/dead-letters';
import { createLogger } from '../../../../../infra/local/log';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'mediagraph-dlq-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const letter = (key: string): NewDeadLetter => ({
  event: { id: key, source: 'aws.s3', detail: { object: { key } } },
  rule: 'IngestUploadedOriginals',
  target: { kind: 'function', function: 'ingest' },
  errorCode: 'TooManyRequestsException',
  errorMessage: 'Rate Exceeded.',
  exhaustedRetryCondition: 'MaximumRetryAttempts',
  attempts: 9,
  origin: 'bus',
  firstAttemptAt: '2026-01-01T00:00:00.000Z',
  lastAttemptAt: '2026-01-01T01:00:00.000Z',
});

describe('Function: openDeadLetterStore', () => {
  it('pages oldest first with a nextToken until the last page', async () => {
    // Prepare
    const store = await openDeadLetterStore(directory);
    for (let index = 0; index < 5; index += 1) await store.add(letter(`k${index}`), new Date(Date.UTC(2026, 0, 1, 0, 0, index)));

    // Act
    const pages = [];
    let nextToken: string | null = null;
    do {
      const page = store.list({ limit: 2, nextToken });
      pages.push(page.entries.map((entry) => (entry.event as { id: string }).id));
      nextToken = page.nextToken;
    } while (nextToken);

    // Assess
    expect(pages).toEqual([['k0', 'k1'], ['k2', 'k3'], ['k4']]);
  });

  it('keeps each entry in its own file and reads them back after a restart', async () => {
    // Prepare
    const store = await openDeadLetterStore(directory);
    const stored = await store.add(letter('k0'));

    // Act
    const reopened = await openDeadLetterStore(directory);

    // Assess
    expect(await readdir(directory)).toEqual([`${stored.id}.json`]);
    expect(reopened.get(stored.id)).toEqual(stored);
    expect(reopened.size).toBe(1);
  });

  it('removes leftovers of interrupted writes and skips unreadable files, reporting them', async () => {
    // Prepare
    await writeFile(join(directory, 'x.json.tmp-abc123'), '{"half');
    await writeFile(join(directory, 'broken.json'), '{not json');
    const lines: string[] = [];

    // Act
    const store = await openDeadLetterStore(directory, createLogger('warn', (line) => lines.push(line)));

    // Assess
    expect(store.size).toBe(0);
    expect(await readdir(directory)).toEqual(['broken.json']);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ event: 'deadLetters.unreadable', file: 'broken.json' });
  });

  it('refuses a nextToken it did not issue, and removes entries from disk', async () => {
    // Prepare
    const store = await openDeadLetterStore(directory);
    const stored = await store.add(letter('k0'));

    // Act
    const removed = await store.remove(stored.id);

    // Assess
    expect(() => store.list({ nextToken: 'garbage' })).toThrow(InvalidNextTokenError);
    expect(removed).toBe(true);
    expect(await store.remove(stored.id)).toBe(false);
    expect(await readdir(directory)).toEqual([]);
  });
});
