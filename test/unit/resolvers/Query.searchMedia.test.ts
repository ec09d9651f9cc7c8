import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { ALICE_SUB, alice, mediaItem, worker } from './fixtures';

/**
 * Query.searchMedia (pipeline: loadOwnerTagPaths → searchOwnerMedia) — the before handler checks
 * the terms and puts the caller and terms in the stash; the after handler returns the last step's page.
 */
describe('Resolver: Query.searchMedia', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Query.searchMedia.ts');
  });

  it('stashes the caller and both term lists for the pipeline', () => {
    // Act
    const outcome = callRequest(resolver, { args: { tags: { allOf: ['t-dog', 't-beach'], anyOf: ['t-2023'] } }, identity: alice });

    // Assess
    expect(valueOf(outcome)).toStrictEqual({});
    expect(outcome.ctx.stash).toEqual({ owner: ALICE_SUB, allOf: ['t-dog', 't-beach'], anyOf: ['t-2023'], personId: null });
  });

  it('treats a missing or null term list as empty', () => {
    // Act
    const outcome = callRequest(resolver, { args: { tags: { anyOf: ['t-dog'], allOf: null } }, identity: alice });

    // Assess
    expect(outcome.ctx.stash).toEqual({ owner: ALICE_SUB, allOf: [], anyOf: ['t-dog'], personId: null });
  });

  it('refuses a search without any term', () => {
    // Act
    const error = errorOf(callRequest(resolver, { args: { tags: { allOf: [], anyOf: [] } }, identity: alice }));

    // Assess
    expect(error).toMatchObject({ errorType: 'BadRequest', message: 'Give at least one tag in allOf or anyOf, or a personId' });
  });

  it('refuses more than 10 terms in total, which would not fit one filter expression', () => {
    // Prepare
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);

    // Act
    const eleven = callRequest(resolver, { args: { tags: { allOf: ids(6), anyOf: ids(5) } }, identity: alice });
    const ten = callRequest(resolver, { args: { tags: { allOf: ids(5), anyOf: ids(5) } }, identity: alice });

    // Assess
    expect(errorOf(eleven)).toMatchObject({ errorType: 'BadRequest', message: 'At most 10 tags per search' });
    expect(ten.kind).toBe('value');
  });

  it('refuses an IAM caller', () => {
    expect(errorOf(callRequest(resolver, { args: { tags: { allOf: ['t'] } }, identity: worker })).errorType).toBe('Unauthorized');
  });

  it("returns searchOwnerMedia's page", () => {
    // Prepare
    const page = { items: [mediaItem()], nextToken: 'n' };

    // Act
    const value = valueOf(callResponse(resolver, { args: { tags: { allOf: ['t'] } }, identity: alice, prev: { result: page } }));

    // Assess
    expect(value).toStrictEqual(page);
  });
});
