import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { alice, mediaItem } from './fixtures';

/**
 * Mutation.addTags (pipeline: authorizeMedia → loadOwnedTags → listMediaTagAssignments →
 * writeTagAssignments) — the before handler checks the id list and tells the pipeline what to do.
 */
describe('Resolver: Mutation.addTags', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Mutation.addTags.ts');
  });

  const ids = (n: number) => Array.from({ length: n }, (_, i) => `tag-${i}`);

  it('stashes the media, the distinct tag ids in order, and the ADD change', () => {
    // Act
    const outcome = callRequest(resolver, { args: { mediaId: 'media-1', tagIds: ['t-dog', 't-beach', 't-dog'] }, identity: alice });

    // Assess
    expect(valueOf(outcome)).toStrictEqual({});
    expect(outcome.ctx.stash).toEqual({ mediaId: 'media-1', tagIds: ['t-dog', 't-beach'], tagChange: 'ADD' });
  });

  it('refuses an empty list', () => {
    expect(errorOf(callRequest(resolver, { args: { mediaId: 'media-1', tagIds: [] }, identity: alice }))).toMatchObject({
      errorType: 'BadRequest',
      message: 'Give at least one tag id',
    });
  });

  it('refuses more than 25 distinct tags, which would not fit one DynamoDB transaction', () => {
    expect(errorOf(callRequest(resolver, { args: { mediaId: 'media-1', tagIds: ids(26) }, identity: alice }))).toMatchObject({
      errorType: 'BadRequest',
      message: 'At most 25 tags per call, got 26',
    });
  });

  it('counts duplicates once: 25 distinct ids among 30 are accepted', () => {
    // Act
    const outcome = callRequest(resolver, { args: { mediaId: 'media-1', tagIds: [...ids(25), ...ids(5)] }, identity: alice });

    // Assess
    expect((outcome.ctx.stash.tagIds as string[]).length).toBe(25);
  });

  it('returns the media item as writeTagAssignments left it', () => {
    // Prepare
    const media = mediaItem({ tagIds: ['t-dog'] });

    // Act / Assess
    expect(valueOf(callResponse(resolver, { args: { mediaId: 'media-1', tagIds: ['t-dog'] }, identity: alice, prev: { result: media } }))).toStrictEqual(media);
  });
});
