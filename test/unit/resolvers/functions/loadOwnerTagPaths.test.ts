import { beforeAll, describe, expect, it } from 'vitest';
import { S, callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { ALICE_SUB, alice, dynamoError, tagItem } from '../fixtures';

/**
 * loadOwnerTagPaths (Query.searchMedia) — reads the caller's tag ids and path keys, and expands each
 * search term to the ids of the tag and its descendants (path keys end in '/', so 'animal/' does
 * not take in 'animals/').
 */
describe('Function: loadOwnerTagPaths', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/loadOwnerTagPaths.ts');
  });

  const field = 'Query.searchMedia';
  const paths = (...tags: ReturnType<typeof tagItem>[]) => ({ items: tags.map((t) => ({ id: t.id, gsi1sk: t.gsi1sk })) });
  const library = paths(
    tagItem('animal', 'Animal', null),
    tagItem('cat', 'Animal/Cat', 'animal'),
    tagItem('dog', 'Animal/Dog', 'animal'),
    tagItem('puppy', 'Animal/Dog/Puppy', 'dog'),
    tagItem('animals', 'Animals', null),
    tagItem('beach', 'Beach', null),
  );

  it("queries only the ids and path keys of the caller's tags", () => {
    expect(valueOf(callRequest(fn, { field, identity: alice, stash: { owner: ALICE_SUB, allOf: ['dog'], anyOf: [] } }))).toStrictEqual({
      operation: 'Query',
      index: 'byOwner',
      query: { expression: 'gsi1pk = :pk', expressionValues: { ':pk': S(`OWNER#${ALICE_SUB}#TAG`) } },
      projection: { expression: 'id, gsi1sk' },
      limit: 5000,
    });
  });

  it('expands each allOf term to its own subtree, without sibling names that merely share a prefix', () => {
    // Act
    const outcome = callResponse(fn, { field, identity: alice, stash: { owner: ALICE_SUB, allOf: ['animal', 'beach'], anyOf: [] }, result: library });

    // Assess
    expect(valueOf(outcome)).toBeNull();
    expect(outcome.ctx.stash.allOfSubtrees).toEqual([['animal', 'cat', 'dog', 'puppy'], ['beach']]);
    expect(outcome.ctx.stash.anyOfSubtree).toEqual([]);
  });

  it('merges the anyOf terms into one subtree list without duplicates', () => {
    // Act
    const outcome = callResponse(fn, { field, identity: alice, stash: { owner: ALICE_SUB, allOf: [], anyOf: ['dog', 'puppy', 'beach'] }, result: library });

    // Assess
    expect(outcome.ctx.stash.anyOfSubtree).toEqual(['dog', 'puppy', 'beach']);
    expect(outcome.ctx.stash.allOfSubtrees).toEqual([]);
  });

  it("fails NotFound naming terms that are not the caller's tags", () => {
    // Act
    const outcome = callResponse(fn, { field, identity: alice, stash: { owner: ALICE_SUB, allOf: ['dog', 'ghost'], anyOf: ['bobs-tag'] }, result: library });

    // Assess
    expect(errorOf(outcome)).toMatchObject({ errorType: 'NotFound', message: 'Tag not found: ghost, bobs-tag' });
    expect(outcome.ctx.stash.allOfSubtrees).toBeUndefined();
  });

  it("raises a failed query with DynamoDB's error type", () => {
    expect(
      errorOf(callResponse(fn, { field, identity: alice, stash: { owner: ALICE_SUB, allOf: ['a'], anyOf: [] }, result: null, error: dynamoError('InternalServerError', 'x') }))
        .errorType,
    ).toBe('DynamoDB:InternalServerError');
  });
});
