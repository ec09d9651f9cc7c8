import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { ALICE_SUB, alice, lambdaError, worker } from './fixtures';

/**
 * Mutation.reprocessMedia (LAMBDA library) — asks the library function to queue ingest again for some
 * (at most 100) or all of the caller's media; the owner is always the caller.
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-resolver-reference-lambda.html (Invoke)
 */
describe('Resolver: Mutation.reprocessMedia', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Mutation.reprocessMedia.ts');
  });

  const ids = (count: number) => Array.from({ length: count }, (_, index) => `media-${index + 1}`);
  const reprocess = (args: Record<string, unknown>, identity: typeof alice | typeof worker = alice) => callRequest(resolver, { args, identity });

  it('invokes reprocess for the given ids of the caller', () => {
    expect(valueOf(reprocess({ mediaIds: ['media-1', 'media-2'] }))).toStrictEqual({
      operation: 'Invoke',
      payload: { action: 'reprocess', owner: ALICE_SUB, mediaIds: ['media-1', 'media-2'], all: false },
    });
  });

  it("invokes reprocess for all of the caller's media", () => {
    expect(valueOf(reprocess({ all: true }))).toStrictEqual({ operation: 'Invoke', payload: { action: 'reprocess', owner: ALICE_SUB, mediaIds: [], all: true } });
  });

  it('refuses a call with neither ids nor all: true', () => {
    for (const args of [{}, { mediaIds: [] }, { mediaIds: null, all: false }, { all: null }]) {
      expect(errorOf(reprocess(args))).toMatchObject({ errorType: 'BadRequest', message: 'Give mediaIds, or all: true' });
    }
  });

  it('refuses more than 100 ids and takes exactly 100', () => {
    expect(errorOf(reprocess({ mediaIds: ids(101) }))).toMatchObject({ errorType: 'BadRequest', message: 'At most 100 ids per call; use all: true for the whole library' });
    expect(valueOf(reprocess({ mediaIds: ids(100) }))).toMatchObject({ payload: { mediaIds: ids(100) } });
  });

  it('refuses a caller without a user-pool identity (IAM)', () => {
    expect(errorOf(reprocess({ all: true }, worker))).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access reprocessMedia on type Mutation' });
  });

  it('returns what was queued', () => {
    // Prepare
    const queued = { queued: 1, mediaIds: ['media-1'] };

    // Act / Assess
    expect(valueOf(callResponse(resolver, { args: { all: true }, identity: alice, result: queued }))).toStrictEqual(queued);
  });

  it("fails with ReprocessError carrying the function's reason", () => {
    expect(errorOf(callResponse(resolver, { args: { mediaIds: ['x'] }, identity: alice, result: null, error: lambdaError('Some media were not found') }))).toMatchObject({
      errorType: 'ReprocessError',
      message: 'Some media were not found',
    });
  });
});
