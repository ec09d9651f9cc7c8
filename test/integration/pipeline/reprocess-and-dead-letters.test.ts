/**
 * Running ingest again on demand (reprocessMedia for some items or the whole library), and the
 * events the platform could not deliver: listed and redriven by admins only, through the API.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detailTypes, eventBusName, eventSources } from '../../../infra/events';
import { makeMediaDir, textSamples, writePhotoJpeg } from '../../support/media';
import { startTestRuntime, type TestRuntime, type TestUser } from '../../support/runtime';
import { attempt, createUpload, firstError, followProgress, getMedia, platformSettled, uploadAndFollow, waitUntil, type MediaView } from './pipeline-client';

const REPROCESS = 'mutation R($ids: [ID!], $all: Boolean) { reprocessMedia(mediaIds: $ids, all: $all) { queued mediaIds } }';
const DEAD_LETTERS = '{ deadLetters(limit: 100) { items { id rule target error attempts event firstAttemptAt lastAttemptAt } nextToken } }';
const REDRIVE = 'mutation D($ids: [ID!], $all: Boolean) { redriveDeadLetters(ids: $ids, all: $all) }';

/** The id the bus gave the one event put. */
function eventIdOf(result: { Entries: readonly ({ EventId: string } | { ErrorCode: string; ErrorMessage: string })[] }): string {
  const entry = result.Entries[0];
  if (!entry || !('EventId' in entry)) {
    throw new Error(`PutEvents refused the entry: ${JSON.stringify(entry)}`);
  }
  return entry.EventId;
}

interface DeadLetterView {
  id: string;
  rule: string | null;
  target: string;
  error: string;
  attempts: number;
  event: string;
  firstAttemptAt: string;
  lastAttemptAt: string;
}

describe('Reprocessing and dead letters', () => {
  let api: TestRuntime;
  let alice: TestUser;
  let bob: TestUser;
  let root: TestUser;
  let media: { dir: string; cleanup: () => Promise<void> };

  beforeAll(async () => {
    api = await startTestRuntime({ retryDelayScale: 1 / 600 });
    alice = await api.signIn('alice');
    bob = await api.signIn('bob');
    root = await api.signIn('root', ['admin']);
    media = await makeMediaDir();
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await media?.cleanup();
  });

  const deadLetters = async () => (await root.run<{ deadLetters: { items: DeadLetterView[]; nextToken: string | null } }>(DEAD_LETTERS)).deadLetters;

  describe('reprocessMedia', () => {
    let photo: MediaView;

    beforeAll(async () => {
      const file = path.join(media.dir, 'pond.jpg');
      await writePhotoJpeg(file, { seed: 11, width: 480, height: 360 });
      photo = (await uploadAndFollow(alice, await readFile(file), { name: 'pond.jpg', contentType: 'image/jpeg' })).media;
    }, 60_000);

    it('runs ingest again on a READY item: progress arrives again, it stays READY, still one version', async () => {
      // Prepare
      expect(photo.status).toBe('READY');
      const progress = followProgress(alice, photo.id);
      await progress.started;

      // Act
      const { reprocessMedia } = await alice.run<{ reprocessMedia: { queued: number; mediaIds: string[] } }>(REPROCESS, { ids: [photo.id] });
      const outcome = await progress.outcome(30_000);
      progress.stop();

      // Assess
      expect(reprocessMedia).toEqual({ queued: 1, mediaIds: [photo.id] });
      expect(outcome).toMatchObject({ status: 'READY', progress: 100, stage: 'ingested' });
      const stages = progress.events().map((e) => e.stage);
      expect(stages).toEqual(expect.arrayContaining(['download', 'checksum', 'metadata', 'ingested']));
      expect(stages.indexOf('download')).toBeLessThan(stages.indexOf('ingested'));
      const after = await getMedia(alice, photo.id);
      expect(after).toMatchObject({ status: 'READY', version: 1, versionCount: 1, sha256: photo.sha256, size: photo.size, error: null });
      expect(after!.versions).toHaveLength(1);
    });

    it('refuses a call that names nothing', async () => {
      expect(firstError(await attempt(alice, REPROCESS, {})).errorType).toBe('BadRequest');
    });

    it("all: true queues every uploaded item of the caller's, and only those", { timeout: 120_000 }, async () => {
      // Prepare: another READY item, a FAILED one (empty file), one still waiting for its bytes, and bob's item.
      const notes = await uploadAndFollow(alice, Buffer.from(textSamples.markdown), { name: 'trip.md', contentType: 'text/markdown' });
      const empty = await uploadAndFollow(alice, new Uint8Array(0), { name: 'empty.txt', contentType: 'text/plain' });
      expect(empty.media.status).toBe('FAILED');
      const pending = await createUpload(alice, { name: 'later.txt', contentType: 'text/plain', size: 10 });
      const bobs = await uploadAndFollow(bob, Buffer.from(textSamples.csv), { name: 'bob.csv', contentType: 'text/csv' });
      await platformSettled(api.runtime);
      const uploaded = [photo.id, notes.mediaId, empty.mediaId];
      const followers = new Map(uploaded.map((id) => [id, followProgress(alice, id)]));
      const bobFollower = followProgress(bob, bobs.mediaId);
      await Promise.all([...followers.values(), bobFollower].map((f) => f.started));

      // Act
      const { reprocessMedia } = await alice.run<{ reprocessMedia: { queued: number; mediaIds: string[] } }>(REPROCESS, { all: true });
      const outcomes = await Promise.all([...followers.values()].map((f) => f.outcome(30_000)));
      await platformSettled(api.runtime);

      // Assess
      expect(reprocessMedia.queued).toBe(3);
      expect([...reprocessMedia.mediaIds].sort()).toEqual([...uploaded].sort());
      expect(reprocessMedia.mediaIds).not.toContain(pending.media.id);
      // Each ran again and ended as before: READY stays READY, the empty file fails again with its reason.
      expect(outcomes.map((o) => o.status)).toEqual(['READY', 'READY', 'FAILED']);
      expect(outcomes[2]!.error).toMatch(/empty/i);
      expect((await getMedia(alice, pending.media.id))?.status).toBe('PENDING_UPLOAD');
      expect(bobFollower.events()).toEqual([]);
      for (const follower of [...followers.values(), bobFollower]) follower.stop();
    });
  });

  describe('dead letters', () => {
    it('admins list them (empty at first); other users are refused', async () => {
      // Act
      const listed = await deadLetters();
      const refusedList = await attempt(alice, DEAD_LETTERS);
      const refusedRedrive = await attempt(alice, REDRIVE, { all: true });

      // Assess
      expect(listed).toEqual({ items: [], nextToken: null });
      expect(firstError(refusedList).errorType).toBe('Unauthorized');
      expect(refusedList.data?.deadLetters ?? null).toBeNull();
      expect(firstError(refusedRedrive).errorType).toBe('Unauthorized');
    });

    it('a progress event AppSync refuses is retried, dead-lettered, listed, and stays after a failed redrive', async () => {
      // Prepare: a Media Progress event whose detail is not a ReportProgressInput (no status, no progress).
      const detail = { mediaId: 'no-such-media', stage: 'bogus' };

      // Act
      const put = await api.runtime.services.bus.putEvents([
        { Source: eventSources.progress, DetailType: detailTypes.mediaProgress, Detail: JSON.stringify(detail), EventBusName: eventBusName },
      ]);
      expect(put.FailedEntryCount).toBe(0);
      const startedAt = Date.now();
      // The PublishProgress rule retries 3 times with the bus's backoff (0.5–1 s, 1–2 s, 2–4 s).
      await waitUntil(async () => (await deadLetters()).items.length === 1, 20_000, 'the event to be dead-lettered');
      const deadLetteredAfterMs = Date.now() - startedAt;

      // Assess
      const [letter] = (await deadLetters()).items;
      expect(letter).toMatchObject({ rule: 'PublishProgress', attempts: 4 });
      expect(letter!.target).toMatch(/appsync/i);
      expect(letter!.error).toMatch(/ReportProgressInput|status|progress|validation/i);
      const event = JSON.parse(letter!.event) as { id: string; source: string; 'detail-type': string; detail: unknown };
      expect(event).toMatchObject({ id: eventIdOf(put), source: eventSources.progress, 'detail-type': detailTypes.mediaProgress, detail });
      expect(Date.parse(letter!.lastAttemptAt)).toBeGreaterThan(Date.parse(letter!.firstAttemptAt));
      expect(deadLetteredAfterMs).toBeLessThan(15_000);

      // Act: redrive it; delivery fails the same way.
      const { redriveDeadLetters } = await root.run<{ redriveDeadLetters: number }>(REDRIVE, { ids: [letter!.id] });

      // Assess
      expect(redriveDeadLetters).toBe(0);
      const [kept] = (await deadLetters()).items;
      expect(kept).toMatchObject({ id: letter!.id, attempts: 5, event: letter!.event });
      expect(Date.parse(kept!.lastAttemptAt)).toBeGreaterThan(Date.parse(letter!.lastAttemptAt));
    }, 30_000);

    it('an event the ingest function keeps failing on is dead-lettered after its retries; a redrive hands it back to the function', async () => {
      // Prepare: a Reprocess Requested event without the key and request id ingest needs.
      const before = (await deadLetters()).items.map((l) => l.id);

      // Act
      const put = await api.runtime.services.bus.putEvents([
        { Source: eventSources.library, DetailType: detailTypes.reprocessRequested, Detail: JSON.stringify({ mediaId: 'x' }), EventBusName: eventBusName },
      ]);
      const eventId = eventIdOf(put);
      const find = async () => (await deadLetters()).items.find((l) => !before.includes(l.id) && (JSON.parse(l.event) as { id: string }).id === eventId);
      await waitUntil(async () => (await find()) !== undefined, 20_000, 'the failed invocation to be dead-lettered');

      // Assess
      const letter = (await find())!;
      expect(letter.rule).toBe('IngestReprocessRequests');
      expect(letter.target).toMatch(/ingest/);
      expect(letter.error).toMatch(/UnexpectedEventError.*key and requestId/);
      // Lambda's asynchronous invocation: the first attempt and two retries.
      expect(letter.attempts).toBe(3);

      // Act: the function accepts the redelivery (so it counts as redriven) and fails on it again.
      const { redriveDeadLetters } = await root.run<{ redriveDeadLetters: number }>(REDRIVE, { ids: [letter.id] });

      // Assess
      expect(redriveDeadLetters).toBe(1);
      await waitUntil(
        async () => (await deadLetters()).items.some((l) => l.id !== letter.id && (JSON.parse(l.event) as { id: string }).id === eventId),
        20_000,
        'the redriven event to fail again',
      );
      expect((await deadLetters()).items.map((l) => l.id)).not.toContain(letter.id);
    }, 45_000);
  });
});
