import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { alice, assignment, mediaItem, tagItem } from './fixtures';

/**
 * Media.tags (pipeline: listMediaTagAssignments → batchGetTags) — the before handler names the
 * source media; the after handler joins the assignments (stash) with the tag items (prev result).
 */
describe('Resolver: Media.tags', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Media.tags.ts');
  });

  it("stashes the source media's id for the pipeline's functions", () => {
    // Act
    const outcome = callRequest(resolver, { source: mediaItem({ id: 'media-3' }), identity: alice });

    // Assess
    expect(valueOf(outcome)).toStrictEqual({});
    expect(outcome.ctx.stash).toEqual({ mediaId: 'media-3' });
  });

  it('pairs each assignment with its tag, keeping confidence, source and date', () => {
    // Prepare
    const dog = tagItem('t-dog', 'Animal/Dog', 't-animal');
    const beach = tagItem('t-beach', 'Beach', null);
    const assignments = [
      assignment('media-3', 't-dog', { source: 'AUTO', confidence: 0.87 }),
      assignment('media-3', 't-beach', { createdAt: '2024-04-03T00:00:00.000Z' }),
    ];

    // Act
    const value = valueOf(
      callResponse(resolver, { source: mediaItem({ id: 'media-3' }), identity: alice, stash: { assignments }, prev: { result: [beach, dog] } }),
    );

    // Assess
    expect(value).toStrictEqual([
      { tag: dog, confidence: 0.87, source: 'AUTO', createdAt: '2024-04-02T10:00:00.000Z' },
      { tag: beach, confidence: 1, source: 'USER', createdAt: '2024-04-03T00:00:00.000Z' },
    ]);
  });

  it('leaves out assignments whose tag no longer exists rather than returning a null tag', () => {
    // Prepare
    const assignments = [assignment('media-3', 't-gone'), assignment('media-3', 't-dog')];

    // Act
    const value = valueOf(
      callResponse(resolver, { source: mediaItem(), identity: alice, stash: { assignments }, prev: { result: [tagItem('t-dog', 'Dog', null)] } }),
    ) as { tag: { id: string } }[];

    // Assess
    expect(value.map((t) => t.tag.id)).toEqual(['t-dog']);
  });

  it('returns an empty list for untagged media', () => {
    expect(valueOf(callResponse(resolver, { source: mediaItem(), identity: alice, stash: { assignments: [] }, prev: { result: [] } }))).toEqual([]);
  });
});
