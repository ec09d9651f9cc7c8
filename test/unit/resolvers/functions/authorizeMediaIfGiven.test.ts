import { beforeAll, describe, expect, it } from 'vitest';
import { S, callRequest, callResponse, earlyReturnOf, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { ALICE_SUB, admin, alice, bob, dynamoError, mediaItem } from '../fixtures';

/**
 * authorizeMediaIfGiven (Mutation.createUpload) — a new version of an existing item must be the
 * caller's (or an admin's) and of the same media type; a first upload reads nothing. Returning early
 * from a function's request skips its data source and response.
 * https://docs.aws.amazon.com/appsync/latest/devguide/runtime-utils-js.html (runtime.earlyReturn)
 */
describe('Function: authorizeMediaIfGiven', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/authorizeMediaIfGiven.ts');
  });

  const field = 'Mutation.createUpload';
  const videoUpload = { name: 'clip-v2.mp4', contentType: 'video/mp4', size: 1000, mediaType: 'VIDEO' };
  const video = mediaItem({ name: 'clip.mp4', mediaType: 'VIDEO', contentType: 'video/mp4', versionCount: 1 });

  it('reads nothing for a first upload (no mediaId): returns early with null and stashes no media', () => {
    // Act
    const outcome = callRequest(fn, { field, identity: alice, stash: { owner: ALICE_SUB, mediaId: null, upload: videoUpload } });

    // Assess
    expect(earlyReturnOf(outcome)).toStrictEqual({ value: null, skipTo: null });
    expect(outcome.ctx.stash.media).toBeUndefined();
  });

  it('reads the item a new version is for with a strongly consistent GetItem', () => {
    // Act
    const request = valueOf(callRequest(fn, { field, identity: alice, stash: { owner: ALICE_SUB, mediaId: 'media-1', upload: videoUpload } }));

    // Assess
    expect(request).toStrictEqual({ operation: 'GetItem', key: { pk: S('MEDIA#media-1'), sk: S('META') }, consistentRead: true });
  });

  it("stashes the owner's item of the same media type for reserveVersion and returns it", () => {
    // Act
    const outcome = callResponse(fn, { field, identity: alice, stash: { mediaId: 'media-1', upload: videoUpload }, result: video });

    // Assess
    expect(valueOf(outcome)).toStrictEqual(video);
    expect(outcome.ctx.stash.media).toEqual(video);
  });

  it('refuses a new version of a different media type with BadRequest naming both types', () => {
    // Act
    const outcome = callResponse(fn, { field, identity: alice, stash: { mediaId: 'media-1', upload: videoUpload }, result: mediaItem() });

    // Assess
    expect(errorOf(outcome)).toMatchObject({ errorType: 'BadRequest', message: 'A new version of IMAGE media must be IMAGE too, not VIDEO' });
    expect(outcome.ctx.stash.media).toBeUndefined();
  });

  it("refuses a version of another owner's item as Unauthorized, before saying anything about its type", () => {
    // Act
    const sameType = callResponse(fn, { field, identity: bob, stash: { mediaId: 'media-1', upload: videoUpload }, result: video });
    const otherType = callResponse(fn, { field, identity: bob, stash: { mediaId: 'media-1', upload: videoUpload }, result: mediaItem() });

    // Assess
    expect(errorOf(sameType)).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access createUpload on type Mutation' });
    expect(errorOf(otherType).errorType).toBe('Unauthorized');
    expect(sameType.ctx.stash.media).toBeUndefined();
  });

  it("lets an admin upload a version of anyone's item", () => {
    // Act
    const outcome = callResponse(fn, { field, identity: admin, stash: { mediaId: 'media-1', upload: videoUpload }, result: video });

    // Assess
    expect(outcome.kind).toBe('value');
    expect(outcome.ctx.stash.media).toMatchObject({ owner: ALICE_SUB });
  });

  it('fails NotFound, naming the id, when the item does not exist', () => {
    expect(errorOf(callResponse(fn, { field, identity: alice, stash: { mediaId: 'media-404', upload: videoUpload }, result: null }))).toMatchObject({
      errorType: 'NotFound',
      message: 'Media media-404 not found',
    });
  });

  it("raises a failed read with DynamoDB's error type", () => {
    expect(
      errorOf(callResponse(fn, { field, identity: alice, stash: { mediaId: 'media-1', upload: videoUpload }, result: null, error: dynamoError('InternalServerError', 'boom') })),
    ).toMatchObject({ errorType: 'DynamoDB:InternalServerError', message: 'boom' });
  });
});
