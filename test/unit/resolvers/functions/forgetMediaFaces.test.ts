import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { ALICE_SUB, admin, alice, lambdaError, mediaItem } from '../fixtures';

/**
 * forgetMediaFaces (Mutation.deleteMedia, LAMBDA people) — asks the people function to take the
 * media item's faces out of their people before deleteMediaItems deletes its items; a refusal or a
 * fault stops the pipeline with a typed error, so nothing is deleted.
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-resolver-reference-lambda.html (Invoke)
 */
describe('Function: forgetMediaFaces', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/forgetMediaFaces.ts');
  });

  const field = 'Mutation.deleteMedia';
  const media = mediaItem();

  it('invokes forget with the owner and id of the authorised item', () => {
    // Act
    const request = valueOf(callRequest(fn, { field, identity: alice, args: { id: 'media-1' }, stash: { mediaId: 'media-1', media } }));

    // Assess
    expect(request).toStrictEqual({ operation: 'Invoke', payload: { action: 'forget', owner: ALICE_SUB, mediaId: 'media-1' } });
  });

  it("forgets under the item's owner, not the caller, when an admin deletes it", () => {
    // Act
    const request = valueOf(callRequest(fn, { field, identity: admin, args: { id: 'media-1' }, stash: { mediaId: 'media-1', media } }));

    // Assess
    expect(request).toMatchObject({ payload: { owner: ALICE_SUB } });
  });

  it('passes on what the function removed', () => {
    // Prepare
    const forgotten = { mediaId: 'media-1', forgottenFaces: 2, updatedPeople: ['p-1'], deletedPeople: ['p-2'], removedExternalFaceIds: [] };

    // Act / Assess
    expect(valueOf(callResponse(fn, { field, identity: alice, stash: { mediaId: 'media-1', media }, result: forgotten }))).toStrictEqual(forgotten);
  });

  it("raises the function's refusal with its error type", () => {
    // Act
    const error = errorOf(
      callResponse(fn, { field, identity: alice, stash: { mediaId: 'media-1', media }, result: { error: { message: 'Media media-1 not found', errorType: 'NotFound' } } }),
    );

    // Assess
    expect(error).toMatchObject({ errorType: 'NotFound', message: 'Media media-1 not found' });
  });

  it('fails with PeopleError when the function fails, so deleteMediaItems does not run', () => {
    // Act
    const error = errorOf(callResponse(fn, { field, identity: alice, stash: { mediaId: 'media-1', media }, result: null, error: lambdaError('Timed out waiting for the people lock') }));

    // Assess
    expect(error).toMatchObject({ errorType: 'PeopleError', message: 'Could not remove the faces of media media-1 from its people: Timed out waiting for the people lock' });
  });
});
