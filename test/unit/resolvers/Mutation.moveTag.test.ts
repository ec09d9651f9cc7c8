import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { ALICE_SUB, alice, tagItem, worker } from './fixtures';

/** Mutation.moveTag (pipeline: loadTag → loadParentTag → loadTagSubtree → rewriteTagSubtree). */
describe('Resolver: Mutation.moveTag', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Mutation.moveTag.ts');
  });

  it('stashes the owner, the tag, the new parent and the MOVE change', () => {
    // Act
    const outcome = callRequest(resolver, { args: { id: 't-dog', parentId: 't-mammal' }, identity: alice });

    // Assess
    expect(valueOf(outcome)).toStrictEqual({});
    expect(outcome.ctx.stash).toEqual({ owner: ALICE_SUB, tagId: 't-dog', parentId: 't-mammal', tagChange: 'MOVE' });
  });

  it('treats an absent parentId as a move to the root', () => {
    expect(callRequest(resolver, { args: { id: 't-dog' }, identity: alice }).ctx.stash).toMatchObject({ parentId: null });
  });

  it('refuses an IAM caller', () => {
    expect(errorOf(callRequest(resolver, { args: { id: 't-dog' }, identity: worker })).errorType).toBe('Unauthorized');
  });

  it('returns the moved tag', () => {
    // Prepare
    const moved = tagItem('t-dog', 'Animal/Mammal/Dog', 't-mammal');

    // Act / Assess
    expect(valueOf(callResponse(resolver, { args: { id: 't-dog', parentId: 't-mammal' }, identity: alice, prev: { result: moved } }))).toStrictEqual(moved);
  });
});
