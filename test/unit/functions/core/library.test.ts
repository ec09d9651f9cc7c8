import { describe, expect, it } from 'vitest';
import { groupRelations, handleLibraryRequest, parseLibraryRequest } from '../../../../functions/core/library';
import type { OutgoingEvent } from '../../../../functions/ports/event-publisher';
import type { StoredMedia } from '../../../../functions/ports/media-repository';

const media = (id: string, extra: Partial<StoredMedia> = {}): StoredMedia => ({
  id,
  owner: 'alice',
  name: `${id}.jpg`,
  mediaType: 'IMAGE',
  contentType: 'image/jpeg',
  status: 'READY',
  version: 1,
  versionCount: 1,
  ...extra,
});

describe('groupRelations', () => {
  it('joins relations into connected components, exact-only groups marked EXACT', () => {
    const groups = groupRelations([
      { mediaId: 'a', otherId: 'b', kind: 'EXACT', distance: 0 },
      { mediaId: 'b', otherId: 'a', kind: 'EXACT', distance: 0 },
      { mediaId: 'c', otherId: 'd', kind: 'NEAR', distance: 4 },
      { mediaId: 'd', otherId: 'e', kind: 'EXACT', distance: 0 },
    ]);
    expect(groups).toEqual([
      { kind: 'NEAR', mediaIds: ['c', 'd', 'e'] },
      { kind: 'EXACT', mediaIds: ['a', 'b'] },
    ]);
  });

  it('returns nothing for no relations', () => {
    expect(groupRelations([])).toEqual([]);
  });
});

describe('library requests', () => {
  const reader = (items: StoredMedia[]) => ({
    listOwnerMedia: async (owner: string) => items.filter((m) => m.owner === owner),
    getMedia: async (ids: readonly string[]) => ids.flatMap((id) => items.filter((m) => m.id === id)),
    listOwnerDuplicates: async () => [
      { mediaId: 'a', otherId: 'b', kind: 'NEAR' as const, distance: 3 },
      { mediaId: 'x', otherId: 'gone', kind: 'EXACT' as const, distance: 0 },
    ],
  });
  const recorder = () => {
    const published: OutgoingEvent[][] = [];
    return { published, publish: async (events: OutgoingEvent[]) => void published.push(events) };
  };

  it('queues reprocess events in batches of ten, skipping items still waiting for bytes', async () => {
    const items = [...Array.from({ length: 12 }, (_, i) => media(`m${i}`)), media('pending', { status: 'PENDING_UPLOAD' })];
    const events = recorder();
    const result = (await handleLibraryRequest(parseLibraryRequest({ action: 'reprocess', owner: 'alice', all: true }), reader(items), events)) as {
      queued: number;
    };
    expect(result.queued).toBe(12);
    expect(events.published.map((batch) => batch.length)).toEqual([10, 2]);
    expect(events.published[0]![0]).toMatchObject({ detailType: 'Reprocess Requested', detail: { key: 'originals/alice/m0/v1' } });
  });

  it('refuses to reprocess another owner\'s media', async () => {
    const request = parseLibraryRequest({ action: 'reprocess', owner: 'bob', mediaIds: ['m1'] });
    await expect(handleLibraryRequest(request, reader([media('m1')]), recorder())).rejects.toThrow(/not found/);
  });

  it('drops groups whose other members no longer exist', async () => {
    const result = (await handleLibraryRequest(
      parseLibraryRequest({ action: 'duplicateGroups', owner: 'alice', limit: 10 }),
      reader([media('a'), media('b'), media('x')]),
      recorder(),
    )) as { items: { kind: string; media: { id: string }[] }[]; nextToken: string | null };
    expect(result.items.map((g) => g.media.map((m) => m.id))).toEqual([['a', 'b']]);
    expect(result.nextToken).toBeNull();
  });
});
