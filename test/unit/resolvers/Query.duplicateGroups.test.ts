import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { ALICE_SUB, alice, lambdaError, mediaItem, worker } from './fixtures';

/**
 * Query.duplicateGroups (LAMBDA library) — asks the library function for the caller's duplicate
 * groups, a page at a time; the owner is always the caller.
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-resolver-reference-lambda.html (Invoke)
 */
describe('Resolver: Query.duplicateGroups', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Query.duplicateGroups.ts');
  });

  it("invokes duplicateGroups for the caller's library with the default page size", () => {
    expect(valueOf(callRequest(resolver, { args: {}, identity: alice }))).toStrictEqual({
      operation: 'Invoke',
      payload: { action: 'duplicateGroups', owner: ALICE_SUB, limit: 20, nextToken: null },
    });
  });

  it('passes the page token on and clamps the page size to 1..100', () => {
    expect(valueOf(callRequest(resolver, { args: { limit: 5, nextToken: 'MjA' }, identity: alice }))).toMatchObject({ payload: { limit: 5, nextToken: 'MjA' } });
    expect(valueOf(callRequest(resolver, { args: { limit: 1000 }, identity: alice }))).toMatchObject({ payload: { limit: 100 } });
    expect(valueOf(callRequest(resolver, { args: { limit: 0 }, identity: alice }))).toMatchObject({ payload: { limit: 1 } });
  });

  it('refuses a caller without a user-pool identity (IAM)', () => {
    expect(errorOf(callRequest(resolver, { args: {}, identity: worker }))).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access duplicateGroups on type Query' });
  });

  it('returns the page of groups', () => {
    // Prepare
    const page = { items: [{ kind: 'EXACT', media: [mediaItem({ id: 'media-1' }), mediaItem({ id: 'media-2' })] }], nextToken: null };

    // Act / Assess
    expect(valueOf(callResponse(resolver, { args: {}, identity: alice, result: page }))).toStrictEqual(page);
  });

  it("fails with DuplicatesError carrying the function's reason", () => {
    expect(errorOf(callResponse(resolver, { args: { nextToken: 'bad' }, identity: alice, result: null, error: lambdaError('Invalid nextToken') }))).toMatchObject({
      errorType: 'DuplicatesError',
      message: 'Invalid nextToken',
    });
  });
});
