import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { alice, duplicateRelation, mediaItem } from './fixtures';

/**
 * Query.duplicatesOf (pipeline: authorizeMedia → listDuplicates → batchGetDuplicateMedia) — before:
 * which item; after: each relation joined with the other item, relations to deleted items left out.
 */
describe('Resolver: Query.duplicatesOf', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Query.duplicatesOf.ts');
  });

  const args = { mediaId: 'media-1' };

  it('stashes the item for authorizeMedia', () => {
    // Act
    const outcome = callRequest(resolver, { args, identity: alice });

    // Assess
    expect(valueOf(outcome)).toStrictEqual({});
    expect(outcome.ctx.stash).toEqual({ mediaId: 'media-1' });
  });

  it('joins every relation with its other item, in the order of the relations, with kind and distance', () => {
    // Prepare
    const two = mediaItem({ id: 'media-2' });
    const three = mediaItem({ id: 'media-3' });
    const duplicates = [duplicateRelation('media-1', 'media-2'), duplicateRelation('media-1', 'media-3', 'NEAR', 6)];

    // Act
    const value = valueOf(callResponse(resolver, { args, identity: alice, stash: { mediaId: 'media-1', duplicates }, prev: { result: [three, two] } }));

    // Assess
    expect(value).toStrictEqual([
      { media: two, kind: 'EXACT', distance: 0 },
      { media: three, kind: 'NEAR', distance: 6 },
    ]);
  });

  it('drops relations to items that were deleted (batchGetDuplicateMedia found no item)', () => {
    // Prepare
    const three = mediaItem({ id: 'media-3' });
    const duplicates = [duplicateRelation('media-1', 'media-2'), duplicateRelation('media-1', 'media-3', 'NEAR', 4), duplicateRelation('media-1', 'media-4', 'NEAR', 9)];

    // Act
    const value = valueOf(callResponse(resolver, { args, identity: alice, stash: { mediaId: 'media-1', duplicates }, prev: { result: [three] } }));

    // Assess
    expect(value).toStrictEqual([{ media: three, kind: 'NEAR', distance: 4 }]);
  });

  it('answers an empty list for an item without duplicates', () => {
    expect(valueOf(callResponse(resolver, { args, identity: alice, stash: { mediaId: 'media-1', duplicates: [] }, prev: { result: [] } }))).toStrictEqual([]);
  });
});
