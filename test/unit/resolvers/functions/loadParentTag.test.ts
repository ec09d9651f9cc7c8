import { beforeAll, describe, expect, it } from 'vitest';
import { S, callRequest, callResponse, earlyReturnOf, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { ALICE_SUB, BOB_SUB, alice, dynamoError, tagItem } from '../fixtures';

/**
 * loadParentTag (createTag, moveTag) — the new parent into ctx.stash.parent: the caller's own,
 * not inside a moved subtree, and shallow enough for one more level. A root needs no read.
 */
describe('Function: loadParentTag', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/loadParentTag.ts');
  });

  it('reads the parent tag consistently', () => {
    expect(valueOf(callRequest(fn, { field: 'Mutation.createTag', identity: alice, stash: { owner: ALICE_SUB, parentId: 't-animal' } }))).toStrictEqual({
      operation: 'GetItem',
      key: { pk: S('TAG#t-animal'), sk: S('META') },
      consistentRead: true,
    });
  });

  it('skips DynamoDB for a root and stashes a null parent for putTag / rewriteTagSubtree', () => {
    // Act
    const outcome = callRequest(fn, { field: 'Mutation.createTag', identity: alice, stash: { owner: ALICE_SUB, parentId: null } });

    // Assess
    expect(earlyReturnOf(outcome)).toStrictEqual({ value: null, skipTo: null });
    expect(outcome.ctx.stash).toHaveProperty('parent', null);
  });

  it("stashes the caller's parent tag", () => {
    // Prepare
    const parent = tagItem('t-animal', 'Animal', null);

    // Act
    const outcome = callResponse(fn, { field: 'Mutation.createTag', identity: alice, stash: { owner: ALICE_SUB, parentId: 't-animal' }, result: parent });

    // Assess
    expect(valueOf(outcome)).toStrictEqual(parent);
    expect(outcome.ctx.stash.parent).toEqual(parent);
  });

  it("fails NotFound for a missing parent and for another user's tag alike", () => {
    // Act
    const missing = callResponse(fn, { field: 'Mutation.createTag', identity: alice, stash: { owner: ALICE_SUB, parentId: 't-x' }, result: null });
    const foreign = callResponse(fn, {
      field: 'Mutation.createTag',
      identity: alice,
      stash: { owner: ALICE_SUB, parentId: 't-bob' },
      result: tagItem('t-bob', 'Bobs', null, { owner: BOB_SUB }),
    });

    // Assess
    expect(errorOf(missing)).toMatchObject({ errorType: 'NotFound', message: 'Parent tag t-x not found' });
    expect(errorOf(foreign)).toMatchObject({ errorType: 'NotFound', message: 'Parent tag t-bob not found' });
  });

  it('refuses to move a tag under its own descendant (or itself), which would cut it from the tree', () => {
    // Prepare
    const moving = tagItem('t-animal', 'Animal', null);
    const descendant = tagItem('t-dog', 'Animal/Dog', 't-animal');

    // Act
    const underChild = callResponse(fn, { field: 'Mutation.moveTag', identity: alice, stash: { owner: ALICE_SUB, parentId: 't-dog', tag: moving }, result: descendant });
    const underSelf = callResponse(fn, { field: 'Mutation.moveTag', identity: alice, stash: { owner: ALICE_SUB, parentId: 't-animal', tag: moving }, result: moving });

    // Assess
    expect(errorOf(underChild)).toMatchObject({ errorType: 'BadRequest', message: 'Cannot move tag "Animal" under itself or its descendant "Animal/Dog"' });
    expect(errorOf(underSelf).errorType).toBe('BadRequest');
  });

  it("allows a move under a sibling whose path merely starts with the moved tag's name", () => {
    // Prepare: 'Animals/' does not lie within 'Animal/'
    const moving = tagItem('t-animal', 'Animal', null);
    const sibling = tagItem('t-animals', 'Animals', null);

    // Act
    const outcome = callResponse(fn, { field: 'Mutation.moveTag', identity: alice, stash: { owner: ALICE_SUB, parentId: 't-animals', tag: moving }, result: sibling });

    // Assess
    expect(outcome.kind).toBe('value');
  });

  it('refuses a parent at depth 9, as a child there would be the 11th level', () => {
    // Prepare
    const deep = tagItem('t-deep', 'a/b/c/d/e/f/g/h/i/j', 't-i');
    const fine = tagItem('t-ok', 'a/b/c/d/e/f/g/h/i', 't-h');

    // Act
    const tooDeep = callResponse(fn, { field: 'Mutation.createTag', identity: alice, stash: { owner: ALICE_SUB, parentId: 't-deep' }, result: deep });
    const deepest = callResponse(fn, { field: 'Mutation.createTag', identity: alice, stash: { owner: ALICE_SUB, parentId: 't-ok' }, result: fine });

    // Assess
    expect(deep.depth).toBe(9);
    expect(errorOf(tooDeep)).toMatchObject({ errorType: 'BadRequest', message: 'Tags nest at most 10 levels deep' });
    expect(deepest.kind).toBe('value');
  });

  it("raises a failed read with DynamoDB's error type", () => {
    expect(
      errorOf(callResponse(fn, { field: 'Mutation.createTag', identity: alice, stash: { owner: ALICE_SUB, parentId: 'p' }, result: null, error: dynamoError('InternalServerError', 'x') }))
        .errorType,
    ).toBe('DynamoDB:InternalServerError');
  });
});
