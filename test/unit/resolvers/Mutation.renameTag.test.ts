import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { ALICE_SUB, alice, tagItem, worker } from './fixtures';

/** Mutation.renameTag (pipeline: loadTag → loadTagSubtree → rewriteTagSubtree). */
describe('Resolver: Mutation.renameTag', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Mutation.renameTag.ts');
  });

  it('stashes the owner, the tag, the trimmed new name and the RENAME change', () => {
    // Act
    const outcome = callRequest(resolver, { args: { id: 't-dog', name: ' Hound ' }, identity: alice });

    // Assess
    expect(valueOf(outcome)).toStrictEqual({});
    expect(outcome.ctx.stash).toEqual({ owner: ALICE_SUB, tagId: 't-dog', name: 'Hound', tagChange: 'RENAME' });
  });

  it("refuses a new name with '/' or nothing in it", () => {
    expect(errorOf(callRequest(resolver, { args: { id: 't-dog', name: 'a/b' }, identity: alice })).errorType).toBe('BadRequest');
    expect(errorOf(callRequest(resolver, { args: { id: 't-dog', name: '' }, identity: alice }))).toMatchObject({
      errorType: 'BadRequest',
      message: 'Tag name must be 1 to 64 characters',
    });
  });

  it('refuses an IAM caller', () => {
    expect(errorOf(callRequest(resolver, { args: { id: 't-dog', name: 'Hound' }, identity: worker })).errorType).toBe('Unauthorized');
  });

  it('returns the renamed tag', () => {
    // Prepare
    const renamed = tagItem('t-dog', 'Animal/Hound', 't-animal');

    // Act / Assess
    expect(valueOf(callResponse(resolver, { args: { id: 't-dog', name: 'Hound' }, identity: alice, prev: { result: renamed } }))).toStrictEqual(renamed);
  });
});
