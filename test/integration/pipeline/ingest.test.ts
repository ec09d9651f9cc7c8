/**
 * The upload → ingest pipeline on the real local platform: presigned PUTs to the S3-API server,
 * its Object Created event on the bus, the ingest function in the runner, progress over the
 * subscription, and the results through the API.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMediaDir, writePhotoJpeg, writeTestVideo, writeToneWav, writeVariant } from '../../support/media';
import { collect, eventually, startTestRuntime, type TestRuntime, type TestUser } from '../../support/runtime';

const CREATE_UPLOAD = /* GraphQL */ `
  mutation U($input: CreateUploadInput!) {
    createUpload(input: $input) { media { id status } version put { url headers } multipart { uploadId partSize parts { partNumber url } } expiresAt }
  }
`;
const FOLLOW = 'subscription F($mediaId: ID!) { onMediaProgress(mediaId: $mediaId) { id status progress stage error } }';
const GET = /* GraphQL */ `
  query G($id: ID!) {
    getMedia(id: $id) {
      id status progress stage error version versionCount format mediaType size sha256 metadata quality perceptualHash hasThumbnail hasPoster
      versions { version status size sha256 error }
    }
  }
`;

type Progress = { status: string; progress: number; stage: string | null; error: string | null };

describe('Upload and ingest', () => {
  let api: TestRuntime;
  let alice: TestUser;
  let media: { dir: string; cleanup: () => Promise<void> };

  beforeAll(async () => {
    api = await startTestRuntime({ retryDelayScale: 1 / 600 });
    alice = await api.signIn('alice');
    media = await makeMediaDir();
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await media?.cleanup();
  });

  /** createUpload, PUT the bytes, follow the subscription until READY or FAILED. */
  const upload = async (file: string, contentType: string, options: { mediaId?: string; name?: string } = {}) => {
    const bytes = await readFile(file);
    const { createUpload } = await alice.run<{
      createUpload: { media: { id: string }; version: number; put: { url: string; headers: string } };
    }>(CREATE_UPLOAD, { input: { name: options.name ?? path.basename(file), contentType, size: bytes.length, mediaId: options.mediaId } });
    const mediaId = createUpload.media.id;
    const progress = collect(alice.realtime(), FOLLOW, { mediaId });
    await progress.started;
    const response = await fetch(createUpload.put.url, { method: 'PUT', headers: JSON.parse(createUpload.put.headers), body: bytes });
    expect(response.status).toBe(200);
    // Processing ends with ingest FAILED, or READY `analyzed` once the analyzers are through (READY `ingested` is halfway).
    const done = () =>
      progress.events.some((e) => {
        const p = (e.data as { onMediaProgress: Progress }).onMediaProgress;
        return p.status === 'FAILED' || (p.status === 'READY' && p.stage === 'analyzed');
      });
    await eventually(done, 60_000);
    progress.stop();
    const stages = progress.events.map((e) => (e.data as { onMediaProgress: Progress }).onMediaProgress);
    const { getMedia } = await alice.run<{ getMedia: Record<string, unknown> & { versions: Record<string, unknown>[] } }>(GET, { id: mediaId });
    return { mediaId, version: createUpload.version, stages, media: getMedia };
  };

  it('ingests a photo: format, EXIF with GPS, quality, thumbnail, hash — stage by stage over the subscription', async () => {
    const file = path.join(media.dir, 'beach.jpg');
    await writePhotoJpeg(file, { seed: 1 }, { make: 'Fujifilm', model: 'X100V', gps: { latitude: 48.8584, longitude: 2.2945, altitude: 35 } });
    const { stages, media: item } = await upload(file, 'image/jpeg');
    const ingestStages = stages.slice(0, stages.findIndex((s) => s.stage === 'ingested') + 1);
    expect(ingestStages.map((s) => s.stage)).toEqual(['download', 'detect', 'checksum', 'metadata', 'quality', 'previews', 'hash', 'duplicates', 'ingested']);
    expect(ingestStages.map((s) => s.progress)).toEqual([...ingestStages.map((s) => s.progress)].sort((a, b) => a - b));
    expect(stages.at(-1)).toMatchObject({ status: 'READY', stage: 'analyzed', progress: 100 });
    expect(item).toMatchObject({ status: 'READY', progress: 100, version: 1, mediaType: 'IMAGE', hasThumbnail: true, hasPoster: false });
    expect(item.size).toBe((await stat(file)).size);
    expect(item.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(item.perceptualHash).toMatch(/^[0-9a-f]{16}$/);
    const metadata = JSON.parse(item.metadata as string);
    expect(metadata.gps.latitude).toBeCloseTo(48.8584, 3);
    expect(JSON.stringify(metadata)).toContain('X100V');
    const quality = JSON.parse(item.quality as string);
    expect(quality.sharpness ?? quality.laplacianVariance).toBeGreaterThan(0);
    const { getDownloadUrl } = await alice.run<{ getDownloadUrl: { url: string } }>('query D($id: ID!) { getDownloadUrl(mediaId: $id, file: THUMBNAIL) { url } }', {
      id: item.id,
    });
    const thumbnail = await fetch(getDownloadUrl.url);
    expect(thumbnail.status).toBe(200);
    expect(Buffer.from(await thumbnail.arrayBuffer()).subarray(8, 12).toString()).toBe('WEBP');
  });

  it('finds an exact copy and a resized copy as duplicates, and not a different photo', async () => {
    const original = path.join(media.dir, 'park.jpg');
    const resized = path.join(media.dir, 'park-small.jpg');
    const other = path.join(media.dir, 'street.jpg');
    await writePhotoJpeg(original, { seed: 21 });
    await writeVariant(original, 'resized', resized);
    await writePhotoJpeg(other, { seed: 99 });
    const first = await upload(original, 'image/jpeg');
    const copy = await upload(original, 'image/jpeg', { name: 'park-copy.jpg' });
    const small = await upload(resized, 'image/jpeg');
    const different = await upload(other, 'image/jpeg');
    const { duplicatesOf } = await alice.run<{ duplicatesOf: { media: { id: string }; kind: string; distance: number }[] }>(
      'query D($id: ID!) { duplicatesOf(mediaId: $id) { media { id } kind distance } }',
      { id: first.mediaId },
    );
    const found = new Map(duplicatesOf.map((d) => [d.media.id, d]));
    expect(found.get(copy.mediaId)).toMatchObject({ kind: 'EXACT', distance: 0 });
    expect(found.get(small.mediaId)?.kind).toBe('NEAR');
    expect(found.has(different.mediaId)).toBe(false);
    const { duplicateGroups } = await alice.run<{ duplicateGroups: { items: { media: { id: string }[] }[] } }>('{ duplicateGroups { items { kind media { id } } } }');
    const group = duplicateGroups.items.find((g) => g.media.some((m) => m.id === first.mediaId));
    expect(group?.media.map((m) => m.id).sort()).toEqual([first.mediaId, copy.mediaId, small.mediaId].sort());
  });

  it('ingests a video with sound: streams, black segment, poster and thumbnail', async () => {
    const file = path.join(media.dir, 'clip.mp4');
    await writeTestVideo(file, { seconds: 6, black: [1, 2] });
    const { media: item } = await upload(file, 'video/mp4');
    expect(item).toMatchObject({ status: 'READY', mediaType: 'VIDEO', hasPoster: true, hasThumbnail: true });
    const metadata = JSON.parse(item.metadata as string);
    expect(metadata.durationSeconds).toBeCloseTo(6, 0);
    const quality = JSON.parse(item.quality as string);
    expect(JSON.stringify(quality.video)).toMatch(/black/i);
    expect(quality.audio).toBeDefined();
  });

  it('measures audio loudness', async () => {
    const file = path.join(media.dir, 'tone.wav');
    await writeToneWav(file, { seconds: 4, peakDbfs: -20 });
    const { media: item } = await upload(file, 'audio/wav');
    expect(item).toMatchObject({ status: 'READY', mediaType: 'AUDIO', hasThumbnail: false });
    const quality = JSON.parse(item.quality as string);
    expect(quality.integratedLufs ?? quality.integrated).toBeLessThan(-15);
  });

  it('fails a file that lies about its type, with the reason, and keeps serving', async () => {
    const file = path.join(media.dir, 'not-a.png');
    await writePhotoJpeg(file, { seed: 3, width: 200, height: 150 });
    const { stages, media: item } = await upload(file, 'image/png');
    expect(item.status).toBe('FAILED');
    expect(item.error).toMatch(/declared image\/png but the file is a JPEG/i);
    expect(stages.at(-1)).toMatchObject({ status: 'FAILED' });
  });

  it('keeps versions: a re-upload is version 2, restoring shows version 1 again', async () => {
    const v1 = path.join(media.dir, 'draft.jpg');
    const v2 = path.join(media.dir, 'final.jpg');
    await writePhotoJpeg(v1, { seed: 40, width: 400, height: 300 });
    await writePhotoJpeg(v2, { seed: 41, width: 400, height: 300 });
    const first = await upload(v1, 'image/jpeg');
    const second = await upload(v2, 'image/jpeg', { mediaId: first.mediaId });
    expect(second.version).toBe(2);
    expect(second.media).toMatchObject({ version: 2, versionCount: 2, status: 'READY' });
    expect(second.media.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(second.media.sha256).not.toBe(first.media.sha256);
    const { restoreVersion } = await alice.run<{ restoreVersion: { version: number; sha256: string } }>(
      'mutation R($id: ID!) { restoreVersion(mediaId: $id, version: 1) { version sha256 } }',
      { id: first.mediaId },
    );
    expect(restoreVersion).toEqual({ version: 1, sha256: first.media.sha256 });
  });

  it('processes a redelivered Object Created event once: one version, one result', async () => {
    const file = path.join(media.dir, 'once.jpg');
    await writePhotoJpeg(file, { seed: 50, width: 300, height: 200 });
    const { mediaId, media: before } = await upload(file, 'image/jpeg');
    // Redeliver the very event S3 sent (same key and object version): ingest must skip it.
    const result = (await api.runtime.services.runner.invoke('ingest', {
      source: 'aws.s3',
      'detail-type': 'Object Created',
      detail: {
        bucket: { name: api.runtime.services.bucketName },
        object: { key: `originals/${alice.sub}/${mediaId}/v1`, 'version-id': (before.versions[0] as { objectVersionId?: string }).objectVersionId ?? 'x' },
      },
    })) as { outcome: string };
    const { getMedia: after } = await alice.run<{ getMedia: { versions: unknown[]; updatedAt?: string } }>(GET, { id: mediaId });
    expect(after.versions).toHaveLength(1);
    expect(['skipped', 'ingested']).toContain(result.outcome);
  });
});
