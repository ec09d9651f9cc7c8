import { describe, expect, it } from 'vitest';
import { declaredContentType, describeUpload, newUploadItem, reduceUploads, summarise } from '../../../web/src/upload/upload-model';

const file = { name: 'horse.png', size: 1000, type: 'image/png' };

describe('Function: reduceUploads', () => {
  it('moves a file from upload bytes to processing stages to done (READY analyzed)', () => {
    // Prepare
    let items = reduceUploads([], { type: 'added', items: [newUploadItem(file, 'k1', 0)] });

    // Act + Assess
    items = reduceUploads(items, { type: 'started', key: 'k1', mediaId: 'm1' });
    items = reduceUploads(items, { type: 'sent', key: 'k1', bytes: 400 });
    expect(describeUpload(items[0]!)).toBe('Uploading 40%');
    items = reduceUploads(items, { type: 'transferred', key: 'k1' });
    items = reduceUploads(items, { type: 'media', mediaId: 'm1', status: 'READY', progress: 100, stage: 'ingested', error: null });
    expect(items[0]).toMatchObject({ phase: 'processing', sent: 1000 });
    items = reduceUploads(items, { type: 'media', mediaId: 'm1', status: 'PROCESSING', progress: 40, stage: 'labels', error: null });
    expect(describeUpload(items[0]!)).toBe('Labels · 40%');
    items = reduceUploads(items, { type: 'media', mediaId: 'm1', status: 'READY', progress: 100, stage: 'analyzed', error: null });
    expect(items[0]!.phase).toBe('done');
  });

  it('counts processing events that arrive before the upload finished as the end of the transfer', () => {
    let items = reduceUploads([newUploadItem(file, 'k1', 0)], { type: 'started', key: 'k1', mediaId: 'm1' });
    items = reduceUploads(items, { type: 'media', mediaId: 'm1', status: 'PROCESSING', progress: 5, stage: 'download', error: null });
    expect(items[0]).toMatchObject({ phase: 'processing', sent: 1000 });
  });

  it('keeps the reason of a refusal and of a processing failure, and a late event does not revive them', () => {
    let items = reduceUploads([newUploadItem(file, 'k1', 0), newUploadItem({ ...file, name: 'b.png' }, 'k2', 0)], { type: 'refused', key: 'k1', reason: 'Unknown file type' });
    items = reduceUploads(items, { type: 'started', key: 'k2', mediaId: 'm2' });
    items = reduceUploads(items, { type: 'media', mediaId: 'm2', status: 'FAILED', progress: 15, stage: 'failed', error: 'the bytes are a JPEG, not a PNG' });
    items = reduceUploads(items, { type: 'media', mediaId: 'm2', status: 'READY', progress: 100, stage: 'analyzed', error: null });
    expect(describeUpload(items[0]!)).toBe('Refused: Unknown file type');
    expect(describeUpload(items[1]!)).toBe('Failed: the bytes are a JPEG, not a PNG');
    expect(summarise(items)).toMatchObject({ active: 0, done: 0, problems: 2 });
  });
});

describe('Function: declaredContentType', () => {
  it("uses the browser's type, else the extension's, else a generic type the API refuses by name", () => {
    expect(declaredContentType('a.png', 'image/png')).toBe('image/png');
    expect(declaredContentType('talk.MP3', '')).toBe('audio/mpeg');
    expect(declaredContentType('notes.xyz', '')).toBe('application/octet-stream');
  });
});
