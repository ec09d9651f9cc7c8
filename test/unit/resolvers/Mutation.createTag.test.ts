import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { ALICE_SUB, alice, tagItem, worker } from './fixtures';

/** Mutation.createTag (pipeline: loadParentTag → putTag) — the before handler checks the name. */
describe('Resolver: Mutation.createTag', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Mutation.createTag.ts');
  });

  const request = (input: Record<string, unknown>) => callRequest(resolver, { args: { input }, identity: alice });

  it('stashes the owner, the trimmed name and the parent', () => {
    // Act
    const outcome = request({ name: '  Dog ', parentId: 't-animal' });

    // Assess
    expect(valueOf(outcome)).toStrictEqual({});
    expect(outcome.ctx.stash).toEqual({ owner: ALICE_SUB, name: 'Dog', parentId: 't-animal' });
  });

  it('stashes a null parent for a root tag', () => {
    expect(request({ name: 'Animal' }).ctx.stash).toEqual({ owner: ALICE_SUB, name: 'Animal', parentId: null });
  });

  it("refuses a name containing '/', the path separator", () => {
    expect(errorOf(request({ name: 'Cats/Dogs' }))).toMatchObject({
      errorType: 'BadRequest',
      message: 'Tag name must not contain "/" (it separates levels of the path)',
    });
  });

  it('refuses an empty name and one over 64 characters, but takes exactly 64', () => {
    // Act
    const blank = request({ name: '   ' });
    const long = request({ name: 'x'.repeat(65) });
    const limit = request({ name: 'x'.repeat(64) });

    // Assess
    expect(errorOf(blank)).toMatchObject({ errorType: 'BadRequest', message: 'Tag name must be 1 to 64 characters' });
    expect(errorOf(long)).toMatchObject({ errorType: 'BadRequest', message: 'Tag name must be 1 to 64 characters' });
    expect(limit.kind).toBe('value');
  });

  it('refuses control characters in a name', () => {
    expect(errorOf(request({ name: 'Dog\nCat' }))).toMatchObject({ errorType: 'BadRequest', message: 'Tag name must not contain control characters' });
  });

  it('refuses an IAM caller, who owns no tags', () => {
    expect(errorOf(callRequest(resolver, { args: { input: { name: 'Dog' } }, identity: worker })).errorType).toBe('Unauthorized');
  });

  it('returns the tag putTag wrote', () => {
    // Prepare
    const tag = tagItem('t-new', 'Animal/Dog', 't-animal');

    // Act / Assess
    expect(valueOf(callResponse(resolver, { args: { input: { name: 'Dog' } }, identity: alice, prev: { result: tag } }))).toStrictEqual(tag);
  });
});
