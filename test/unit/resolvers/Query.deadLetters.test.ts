import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { admin, lambdaError } from './fixtures';

/**
 * Query.deadLetters (LAMBDA dead-letters; admins only, by the schema's cognito_groups directive) —
 * asks the dead-letters function for a page of undeliverable events.
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-resolver-reference-lambda.html (Invoke)
 */
describe('Resolver: Query.deadLetters', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Query.deadLetters.ts');
  });

  it('invokes list with the default page size', () => {
    expect(valueOf(callRequest(resolver, { args: {}, identity: admin }))).toStrictEqual({ operation: 'Invoke', payload: { action: 'list', limit: 20, nextToken: null } });
  });

  it('passes the page token on and clamps the page size to 1..100', () => {
    expect(valueOf(callRequest(resolver, { args: { limit: 250, nextToken: 'tok' }, identity: admin }))).toStrictEqual({
      operation: 'Invoke',
      payload: { action: 'list', limit: 100, nextToken: 'tok' },
    });
  });

  it('returns the page of dead letters', () => {
    // Prepare
    const page = {
      items: [
        {
          id: 'dl-1',
          rule: 'ingest-on-upload',
          target: 'ingest',
          error: 'Sandbox.Timedout',
          attempts: 3,
          event: '{"detail-type":"Object Created"}',
          firstAttemptAt: '2024-05-01T11:00:00.000Z',
          lastAttemptAt: '2024-05-01T11:10:00.000Z',
        },
      ],
      nextToken: null,
    };

    // Act / Assess
    expect(valueOf(callResponse(resolver, { args: {}, identity: admin, result: page }))).toStrictEqual(page);
  });

  it("fails with DeadLetterError carrying the function's reason", () => {
    expect(errorOf(callResponse(resolver, { args: {}, identity: admin, result: null, error: lambdaError('Invalid nextToken') }))).toMatchObject({
      errorType: 'DeadLetterError',
      message: 'Invalid nextToken',
    });
  });
});
