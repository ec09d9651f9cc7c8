import { beforeAll, describe, expect, it } from 'vitest';
import { S, callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { ALICE_SUB, BOB_SUB, bob, dynamoError, alice, tagItem } from '../fixtures';

/** loadTag (moveTag, renameTag) — the tag to change into ctx.stash.tag: NotFound, or Unauthorized when not the caller's. */
describe('Function: loadTag', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/loadTag.ts');
  });

  it('reads the tag consistently', () => {
    expect(valueOf(callRequest(fn, { field: 'Mutation.renameTag', identity: alice, stash: { owner: ALICE_SUB, tagId: 't-dog' } }))).toStrictEqual({
      operation: 'GetItem',
      key: { pk: S('TAG#t-dog'), sk: S('META') },
      consistentRead: true,
    });
  });

  it("stashes the caller's tag for the next steps", () => {
    // Prepare
    const tag = tagItem('t-dog', 'Animal/Dog', 't-animal');

    // Act
    const outcome = callResponse(fn, { field: 'Mutation.renameTag', identity: alice, stash: { owner: ALICE_SUB, tagId: 't-dog' }, result: tag });

    // Assess
    expect(valueOf(outcome)).toStrictEqual(tag);
    expect(outcome.ctx.stash.tag).toEqual(tag);
  });

  it('fails NotFound for an unknown tag', () => {
    expect(errorOf(callResponse(fn, { field: 'Mutation.renameTag', identity: alice, stash: { owner: ALICE_SUB, tagId: 't-x' }, result: null }))).toMatchObject({
      errorType: 'NotFound',
      message: 'Tag t-x not found',
    });
  });

  it("fails Unauthorized when the tag is another user's", () => {
    // Act
    const outcome = callResponse(fn, { field: 'Mutation.moveTag', identity: bob, stash: { owner: BOB_SUB, tagId: 't-dog' }, result: tagItem('t-dog', 'Dog', null) });

    // Assess
    expect(errorOf(outcome)).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access moveTag on type Mutation' });
    expect(outcome.ctx.stash.tag).toBeUndefined();
  });

  it("raises a failed read with DynamoDB's error type", () => {
    expect(
      errorOf(callResponse(fn, { field: 'Mutation.moveTag', identity: alice, stash: { owner: ALICE_SUB, tagId: 't' }, result: null, error: dynamoError('InternalServerError', 'x') }))
        .errorType,
    ).toBe('DynamoDB:InternalServerError');
  });
});
