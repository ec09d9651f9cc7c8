import { beforeAll, describe, expect, it } from 'vitest';
import { S, callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { admin, alice, bob, dynamoError, mediaItem } from '../fixtures';

/**
 * authorizeMedia — first step of every pipeline acting on one media item: a consistent GetItem, then
 * NotFound / Unauthorized, and the item in ctx.stash.media for the later steps.
 */
describe('Function: authorizeMedia', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/authorizeMedia.ts');
  });

  const field = 'Mutation.updateMedia';

  it('reads the media item with a strongly consistent GetItem', () => {
    // Act
    const request = valueOf(callRequest(fn, { field, identity: alice, stash: { mediaId: 'media-1' } }));

    // Assess
    expect(request).toStrictEqual({ operation: 'GetItem', key: { pk: S('MEDIA#media-1'), sk: S('META') }, consistentRead: true });
  });

  it('stashes the item for the next steps and returns it to the owner', () => {
    // Prepare
    const media = mediaItem();

    // Act
    const outcome = callResponse(fn, { field, identity: alice, stash: { mediaId: 'media-1' }, result: media });

    // Assess
    expect(valueOf(outcome)).toStrictEqual(media);
    expect(outcome.ctx.stash.media).toEqual(media);
  });

  it('fails NotFound, naming the id, when the item does not exist', () => {
    // Act
    const outcome = callResponse(fn, { field, identity: alice, stash: { mediaId: 'media-404' }, result: null });

    // Assess
    expect(errorOf(outcome)).toMatchObject({ errorType: 'NotFound', message: 'Media media-404 not found' });
    expect(outcome.ctx.stash.media).toBeUndefined();
  });

  it("fails Unauthorized for another user's item, naming the pipeline's field", () => {
    // Act
    const outcome = callResponse(fn, { field: 'Mutation.deleteMedia', identity: bob, stash: { mediaId: 'media-1' }, result: mediaItem() });

    // Assess
    expect(errorOf(outcome)).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access deleteMedia on type Mutation' });
    expect(outcome.ctx.stash.media).toBeUndefined();
  });

  it("lets an admin act on anyone's item", () => {
    // Act
    const outcome = callResponse(fn, { field, identity: admin, stash: { mediaId: 'media-1' }, result: mediaItem() });

    // Assess
    expect(outcome.kind).toBe('value');
    expect(outcome.ctx.stash.media).toMatchObject({ owner: alice.sub });
  });

  it("raises a failed read with DynamoDB's error type", () => {
    expect(errorOf(callResponse(fn, { field, identity: alice, stash: { mediaId: 'media-1' }, result: null, error: dynamoError('InternalServerError', 'x') }))).toMatchObject({
      errorType: 'DynamoDB:InternalServerError',
    });
  });
});
