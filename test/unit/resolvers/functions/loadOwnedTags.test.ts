import { beforeAll, describe, expect, it } from 'vitest';
import { S, callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { BOB_SUB, admin, alice, dynamoError, mediaItem, tagItem } from '../fixtures';

/**
 * loadOwnedTags (Mutation.addTags) — a consistent BatchGetItem of the requested tags; each must exist
 * and belong to the media item's owner (tags are per user), or the call fails NotFound.
 */
describe('Function: loadOwnedTags', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/loadOwnedTags.ts');
  });

  const field = 'Mutation.addTags';
  const table = 'MediaTable-test';

  it('batch-gets the requested tags from the configured table, consistently', () => {
    expect(valueOf(callRequest(fn, { field, identity: alice, stash: { tagIds: ['t-dog', 't-beach'] } }))).toStrictEqual({
      operation: 'BatchGetItem',
      tables: {
        [table]: {
          keys: [
            { pk: S('TAG#t-dog'), sk: S('META') },
            { pk: S('TAG#t-beach'), sk: S('META') },
          ],
          consistentRead: true,
        },
      },
    });
  });

  it("stashes the tags when all exist and belong to the media's owner", () => {
    // Prepare
    const tags = [tagItem('t-dog', 'Dog', null), tagItem('t-beach', 'Beach', null)];

    // Act
    const outcome = callResponse(fn, { field, identity: alice, stash: { tagIds: ['t-dog', 't-beach'], media: mediaItem() }, result: { data: { [table]: tags } } });

    // Assess
    expect(valueOf(outcome)).toStrictEqual(tags);
    expect(outcome.ctx.stash.tags).toEqual(tags);
  });

  it('fails NotFound naming every id that does not exist', () => {
    // Act
    const error = errorOf(
      callResponse(fn, { field, identity: alice, stash: { tagIds: ['t-dog', 't-x', 't-y'], media: mediaItem() }, result: { data: { [table]: [tagItem('t-dog', 'Dog', null), null, null] } } }),
    );

    // Assess
    expect(error).toMatchObject({ errorType: 'NotFound', message: 'Tag not found: t-x, t-y' });
  });

  it("treats another user's tag as not found, so tags never cross libraries", () => {
    // Prepare
    const bobsTag = tagItem('t-bob', 'Secret', null, { owner: BOB_SUB });

    // Act
    const error = errorOf(callResponse(fn, { field, identity: alice, stash: { tagIds: ['t-bob'], media: mediaItem() }, result: { data: { [table]: [bobsTag] } } }));

    // Assess
    expect(error).toMatchObject({ errorType: 'NotFound', message: 'Tag not found: t-bob' });
  });

  it("checks against the media owner's tags even when an admin makes the change", () => {
    // Prepare: the admin's own tag would be foreign to Alice's media
    const adminsTag = tagItem('t-admin', 'Ops', null, { owner: admin.sub });

    // Act
    const outcome = callResponse(fn, { field, identity: admin, stash: { tagIds: ['t-admin'], media: mediaItem() }, result: { data: { [table]: [adminsTag] } } });

    // Assess
    expect(errorOf(outcome).errorType).toBe('NotFound');
  });

  it("raises a failed batch with DynamoDB's error type", () => {
    expect(
      errorOf(callResponse(fn, { field, identity: alice, stash: { tagIds: ['t'], media: mediaItem() }, result: null, error: dynamoError('InternalServerError', 'x') }))
        .errorType,
    ).toBe('DynamoDB:InternalServerError');
  });
});
