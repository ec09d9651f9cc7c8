import { beforeAll, describe, expect, it } from 'vitest';
import { S, callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { ALICE_SUB, alice, dynamoError, mediaItem, worker } from './fixtures';

/**
 * Query.listMedia — Query on the byOwner index (`OWNER#<sub>#MEDIA`, sort key `createdAt#id`),
 * newest first, with date bounds in the key condition and type/status in a filter.
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-resolver-reference-dynamodb.html (Query)
 */
describe('Resolver: Query.listMedia', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Query.listMedia.ts');
  });

  const request = (args: Record<string, unknown>) => valueOf(callRequest(resolver, { args, identity: alice })) as Record<string, unknown>;

  it("queries the caller's partition of byOwner newest first, 20 per page by default", () => {
    // Act
    const query = request({});

    // Assess
    expect(query).toMatchObject({
      operation: 'Query',
      index: 'byOwner',
      query: { expression: '#pk = :pk', expressionValues: { ':pk': S(`OWNER#${ALICE_SUB}#MEDIA`) } },
      scanIndexForward: false,
      limit: 20,
    });
    expect(query).not.toHaveProperty('filter');
    expect(query).not.toHaveProperty('nextToken');
  });

  // DynamoDB rejects a Query whose ExpressionAttributeNames holds a name no expression uses
  // ("ValidationException: Value provided in ExpressionAttributeNames unused in expressions: keys: {#sk}",
  // seen with DynamoDB Local 1.25.1), so '#sk' may only be declared with a date bound.
  it('declares only the attribute names its expressions use when no date bound is given', () => {
    // Act
    const query = request({});

    // Assess
    expect(query).toStrictEqual({
      operation: 'Query',
      index: 'byOwner',
      query: { expression: '#pk = :pk', expressionNames: { '#pk': 'gsi1pk' }, expressionValues: { ':pk': S(`OWNER#${ALICE_SUB}#MEDIA`) } },
      scanIndexForward: false,
      limit: 20,
    });
  });

  it('turns createdAfter into an inclusive lower bound on the sort key, converted to UTC like stored timestamps', () => {
    // Act
    const query = request({ filter: { createdAfter: '2024-01-01T02:00:00+02:00' } });

    // Assess
    expect(query.query).toStrictEqual({
      expression: '#pk = :pk AND #sk >= :after',
      expressionNames: { '#pk': 'gsi1pk', '#sk': 'gsi1sk' },
      expressionValues: { ':pk': S(`OWNER#${ALICE_SUB}#MEDIA`), ':after': S('2024-01-01T00:00:00.000Z') },
    });
  });

  it("turns createdBefore into an upper bound that still includes items created at that instant ('~' sorts after '#')", () => {
    // Act
    const query = request({ filter: { createdBefore: '2024-03-01T00:00:00Z' } });

    // Assess
    expect(query.query).toStrictEqual({
      expression: '#pk = :pk AND #sk <= :before',
      expressionNames: { '#pk': 'gsi1pk', '#sk': 'gsi1sk' },
      expressionValues: { ':pk': S(`OWNER#${ALICE_SUB}#MEDIA`), ':before': S('2024-03-01T00:00:00.000Z~') },
    });
  });

  it('uses BETWEEN when both bounds are given', () => {
    // Act
    const query = request({ filter: { createdAfter: '2024-01-01T00:00:00Z', createdBefore: '2024-02-01T00:00:00Z' } });

    // Assess
    expect(query.query).toMatchObject({
      expression: '#pk = :pk AND #sk BETWEEN :after AND :before',
      expressionValues: { ':after': S('2024-01-01T00:00:00.000Z'), ':before': S('2024-02-01T00:00:00.000Z~') },
    });
  });

  it('filters by media type and status after the key condition', () => {
    // Act
    const query = request({ filter: { mediaType: 'VIDEO', status: 'FAILED' } });

    // Assess
    expect(query.filter).toStrictEqual({
      expression: '(#mediaType = :mediaType_eq) AND (#status = :status_eq)',
      expressionNames: { '#mediaType': 'mediaType', '#status': 'status' },
      expressionValues: { ':mediaType_eq': S('VIDEO'), ':status_eq': S('FAILED') },
    });
  });

  it('passes nextToken through untouched and clamps the page size to 1..100', () => {
    // Act
    const big = request({ limit: 500, nextToken: 'opaque-token' });
    const zero = request({ limit: 0 });

    // Assess
    expect(big).toMatchObject({ limit: 100, nextToken: 'opaque-token' });
    expect(zero.limit).toBe(1);
  });

  it('refuses a caller without a user-pool identity (IAM)', () => {
    expect(errorOf(callRequest(resolver, { args: {}, identity: worker })).errorType).toBe('Unauthorized');
  });

  it('returns the page with nextToken null on the last page', () => {
    // Prepare
    const items = [mediaItem({ id: 'b' }), mediaItem({ id: 'a' })];

    // Act
    const last = valueOf(callResponse(resolver, { identity: alice, result: { items, scannedCount: 2 } }));
    const more = valueOf(callResponse(resolver, { identity: alice, result: { items, nextToken: 'next-page' } }));

    // Assess
    expect(last).toStrictEqual({ items, nextToken: null });
    expect(more).toStrictEqual({ items, nextToken: 'next-page' });
  });

  it('raises a data source failure with its DynamoDB type', () => {
    // Act
    const error = errorOf(callResponse(resolver, { identity: alice, result: null, error: dynamoError('ValidationException', 'bad key') }));

    // Assess
    expect(error).toMatchObject({ message: 'bad key', errorType: 'DynamoDB:ValidationException' });
  });
});
