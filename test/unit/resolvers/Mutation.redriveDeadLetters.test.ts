import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { admin, lambdaError } from './fixtures';

/**
 * Mutation.redriveDeadLetters (LAMBDA dead-letters; admins only, by the schema's cognito_groups
 * directive) — asks the dead-letters function to deliver some or all dead-lettered events again.
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-resolver-reference-lambda.html (Invoke)
 */
describe('Resolver: Mutation.redriveDeadLetters', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Mutation.redriveDeadLetters.ts');
  });

  it('invokes redrive for the given ids', () => {
    expect(valueOf(callRequest(resolver, { args: { ids: ['dl-1', 'dl-2'] }, identity: admin }))).toStrictEqual({
      operation: 'Invoke',
      payload: { action: 'redrive', ids: ['dl-1', 'dl-2'], all: false },
    });
  });

  it('invokes redrive for all dead letters', () => {
    expect(valueOf(callRequest(resolver, { args: { all: true }, identity: admin }))).toStrictEqual({ operation: 'Invoke', payload: { action: 'redrive', ids: [], all: true } });
  });

  it('refuses a call with neither ids nor all: true', () => {
    for (const args of [{}, { ids: [] }, { ids: null, all: false }]) {
      expect(errorOf(callRequest(resolver, { args, identity: admin }))).toMatchObject({ errorType: 'BadRequest', message: 'Give ids, or all: true' });
    }
  });

  it('returns how many were redelivered', () => {
    expect(valueOf(callResponse(resolver, { args: { all: true }, identity: admin, result: 3 }))).toBe(3);
  });

  it("fails with DeadLetterError carrying the function's reason", () => {
    expect(errorOf(callResponse(resolver, { args: { all: true }, identity: admin, result: null, error: lambdaError('queue unavailable') }))).toMatchObject({
      errorType: 'DeadLetterError',
      message: 'queue unavailable',
    });
  });
});
