import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { alice, mediaItem } from './fixtures';

/** Mutation.removeTags (pipeline: authorizeMedia → listMediaTagAssignments → writeTagAssignments). */
describe('Resolver: Mutation.removeTags', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Mutation.removeTags.ts');
  });

  it('stashes the media, the distinct tag ids and the REMOVE change', () => {
    // Act
    const outcome = callRequest(resolver, { args: { mediaId: 'media-1', tagIds: ['t-dog', 't-dog'] }, identity: alice });

    // Assess
    expect(valueOf(outcome)).toStrictEqual({});
    expect(outcome.ctx.stash).toEqual({ mediaId: 'media-1', tagIds: ['t-dog'], tagChange: 'REMOVE' });
  });

  it('refuses an empty list and more than 25 tags', () => {
    // Act
    const empty = callRequest(resolver, { args: { mediaId: 'media-1', tagIds: [] }, identity: alice });
    const many = callRequest(resolver, { args: { mediaId: 'media-1', tagIds: Array.from({ length: 40 }, (_, i) => `t${i}`) }, identity: alice });

    // Assess
    expect(errorOf(empty)).toMatchObject({ errorType: 'BadRequest', message: 'Give at least one tag id' });
    expect(errorOf(many)).toMatchObject({ errorType: 'BadRequest', message: 'At most 25 tags per call, got 40' });
  });

  it('returns the media item as writeTagAssignments left it', () => {
    // Prepare
    const media = mediaItem({ tagIds: [] });

    // Act / Assess
    expect(valueOf(callResponse(resolver, { args: { mediaId: 'media-1', tagIds: ['t'] }, identity: alice, prev: { result: media } }))).toStrictEqual(media);
  });
});
