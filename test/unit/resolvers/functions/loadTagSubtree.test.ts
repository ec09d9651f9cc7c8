import { beforeAll, describe, expect, it } from 'vitest';
import { S, callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { ALICE_SUB, alice, dynamoError, tagItem } from '../fixtures';

/** loadTagSubtree (moveTag, renameTag) — the tag and all its descendants in path order into ctx.stash.subtree. */
describe('Function: loadTagSubtree', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/loadTagSubtree.ts');
  });

  const field = 'Mutation.moveTag';
  const animal = tagItem('t-animal', 'Animal', null);

  it("queries byOwner for path keys starting with the tag's own key (which ends in '/')", () => {
    expect(valueOf(callRequest(fn, { field, identity: alice, stash: { owner: ALICE_SUB, tag: animal } }))).toStrictEqual({
      operation: 'Query',
      index: 'byOwner',
      query: {
        expression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
        expressionValues: { ':pk': S(`OWNER#${ALICE_SUB}#TAG`), ':prefix': S('animal/') },
      },
      limit: 96,
    });
  });

  it('stashes the subtree for rewriteTagSubtree', () => {
    // Prepare
    const items = [animal, tagItem('t-dog', 'Animal/Dog', 't-animal')];

    // Act
    const outcome = callResponse(fn, { field, identity: alice, stash: { owner: ALICE_SUB, tag: animal }, result: { items } });

    // Assess
    expect(valueOf(outcome)).toStrictEqual(items);
    expect(outcome.ctx.stash.subtree).toEqual(items);
  });

  it('refuses with LimitExceeded a subtree of more than 95 tags, which one transaction cannot rewrite', () => {
    // Prepare
    const items = Array.from({ length: 96 }, (_, i) => tagItem(`t${i}`, `Animal/T${i}`, 't-animal'));

    // Act
    const outcome = callResponse(fn, { field, identity: alice, stash: { owner: ALICE_SUB, tag: animal }, result: { items } });

    // Assess
    expect(errorOf(outcome)).toMatchObject({ errorType: 'LimitExceeded', message: 'Tag "Animal" has more than 95 tags beneath it; move smaller subtrees' });
  });

  it('refuses a subtree DynamoDB could not return in one page (nextToken), rather than moving half of it', () => {
    // Act
    const outcome = callResponse(fn, { field, identity: alice, stash: { owner: ALICE_SUB, tag: animal }, result: { items: [animal], nextToken: 'more' } });

    // Assess
    expect(errorOf(outcome).errorType).toBe('LimitExceeded');
  });

  it("raises a failed query with DynamoDB's error type", () => {
    expect(
      errorOf(callResponse(fn, { field, identity: alice, stash: { owner: ALICE_SUB, tag: animal }, result: null, error: dynamoError('InternalServerError', 'x') }))
        .errorType,
    ).toBe('DynamoDB:InternalServerError');
  });
});
