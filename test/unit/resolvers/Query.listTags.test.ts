import { beforeAll, describe, expect, it } from 'vitest';
import { S, callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { ALICE_SUB, alice, dynamoError, tagItem, worker } from './fixtures';

/**
 * Query.listTags — the caller's tags in path order: Query on byOwner (`OWNER#<sub>#TAG`, sort key
 * the lower-cased path plus '/'), narrowed by `pathPrefix` with begins_with.
 */
describe('Resolver: Query.listTags', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Query.listTags.ts');
  });

  const request = (args: Record<string, unknown>) => valueOf(callRequest(resolver, { args, identity: alice })) as Record<string, unknown>;

  it("queries every tag of the caller's in path order, 20 per page by default", () => {
    // Act
    const query = request({});

    // Assess
    expect(query).toStrictEqual({
      operation: 'Query',
      index: 'byOwner',
      query: { expression: 'gsi1pk = :pk', expressionValues: { ':pk': S(`OWNER#${ALICE_SUB}#TAG`) } },
      limit: 20,
    });
  });

  it('narrows to paths beginning with pathPrefix, compared case-insensitively like the stored sort key', () => {
    // Act
    const query = request({ pathPrefix: 'Animal/Mammal' }) as { query: { expression: string; expressionValues: Record<string, { S: string }> } };

    // Assess
    expect(query.query.expression).toBe('gsi1pk = :pk AND begins_with(gsi1sk, :prefix)');
    expect(query.query.expressionValues[':prefix']?.S).toMatch(/^animal\/mammal/);
  });

  // BUG (resolvers/Query.listTags.ts, line 9): the schema says `pathPrefix` "narrows to one subtree",
  // but the prefix is matched as a raw string: 'Animal/Mammal' → begins_with(gsi1sk, 'animal/mammal')
  // also returns the sibling subtree 'Animal/Mammals/…' (and 'Animal/Mammalia'). Sort keys end in '/'
  // (tagPathSort), so the subtree's prefix is 'animal/mammal/'.
  it("narrows to exactly the subtree at pathPrefix, not to siblings whose name merely starts the same", () => {
    // Act
    const query = request({ pathPrefix: 'Animal/Mammal' }) as { query: { expressionValues: Record<string, unknown> } };

    // Assess
    expect(query.query.expressionValues[':prefix']).toStrictEqual(S('animal/mammal/'));
  });

  it('passes nextToken through and clamps limit to 100', () => {
    expect(request({ limit: 1000, nextToken: 'tok' })).toMatchObject({ limit: 100, nextToken: 'tok' });
  });

  it('refuses an IAM caller', () => {
    expect(errorOf(callRequest(resolver, { args: {}, identity: worker })).errorType).toBe('Unauthorized');
  });

  it('returns the tags with nextToken null on the last page', () => {
    // Prepare
    const items = [tagItem('t1', 'Animal', null), tagItem('t2', 'Animal/Dog', 't1')];

    // Act
    const value = valueOf(callResponse(resolver, { identity: alice, result: { items } }));

    // Assess
    expect(value).toStrictEqual({ items, nextToken: null });
  });

  it('raises a data source failure with its DynamoDB type', () => {
    expect(errorOf(callResponse(resolver, { identity: alice, result: null, error: dynamoError('InternalServerError', 'down') }))).toMatchObject({
      message: 'down',
      errorType: 'DynamoDB:InternalServerError',
    });
  });
});
