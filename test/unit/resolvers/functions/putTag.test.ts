import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXED_NOW_ISO, N, NULL, S, callRequest, callResponse, errorOf, fixedId, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { ALICE_SUB, alice, dynamoError, tagItem } from '../fixtures';

/**
 * putTag (Mutation.createTag) — one transaction writing the tag and a guard item keyed by the
 * lower-cased name under its parent, both conditioned on being new: a sibling with the same name
 * (in any case) cancels the transaction, which the response reports as Conflict.
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb-transact-write-items.html
 */
describe('Function: putTag', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/putTag.ts');
  });
  beforeEach(() => fn.resetIds());

  const field = 'Mutation.createTag';
  const table = 'MediaTable-test';
  const isNew = { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: false };
  const animal = tagItem('t-animal', 'Animal', null);

  it('writes a child tag under its parent with the name guard, in one transaction', () => {
    // Act
    const request = valueOf(callRequest(fn, { field, identity: alice, stash: { owner: ALICE_SUB, name: 'Dog', parentId: 't-animal', parent: animal } }));

    // Assess
    const id = fixedId(1);
    expect(request).toStrictEqual({
      operation: 'TransactWriteItems',
      transactItems: [
        {
          table,
          operation: 'PutItem',
          key: { pk: S(`TAG#${id}`), sk: S('META') },
          attributeValues: {
            entity: S('Tag'),
            id: S(id),
            owner: S(ALICE_SUB),
            name: S('Dog'),
            path: S('Animal/Dog'),
            parentId: S('t-animal'),
            depth: N(1),
            mediaCount: N(0),
            createdAt: S(FIXED_NOW_ISO),
            updatedAt: S(FIXED_NOW_ISO),
            gsi1pk: S(`OWNER#${ALICE_SUB}#TAG`),
            gsi1sk: S('animal/dog/'),
            gsi2pk: S('PARENT#t-animal'),
            gsi2sk: S('dog'),
          },
          condition: isNew,
        },
        {
          table,
          operation: 'PutItem',
          key: { pk: S(`TAGNAME#${ALICE_SUB}#t-animal`), sk: S('dog') },
          attributeValues: { entity: S('TagNameGuard'), tagId: S(id) },
          condition: isNew,
        },
      ],
    });
  });

  it("places a root tag among the owner's roots, its guard under ROOT", () => {
    // Act
    const request = valueOf(callRequest(fn, { field, identity: alice, stash: { owner: ALICE_SUB, name: 'Places', parentId: null, parent: null } })) as {
      transactItems: { key: unknown; attributeValues: Record<string, unknown> }[];
    };

    // Assess
    expect(request.transactItems[0]?.attributeValues).toMatchObject({
      path: S('Places'),
      parentId: NULL,
      depth: N(0),
      gsi1sk: S('places/'),
      gsi2pk: S(`ROOTS#${ALICE_SUB}`),
      gsi2sk: S('places'),
    });
    expect(request.transactItems[1]?.key).toStrictEqual({ pk: S(`TAGNAME#${ALICE_SUB}#ROOT`), sk: S('places') });
  });

  it('stashes the new tag, which the response returns once the transaction succeeds', () => {
    // Act
    const requested = callRequest(fn, { field, identity: alice, stash: { owner: ALICE_SUB, name: 'Dog', parentId: 't-animal', parent: animal } });
    const stash = requested.ctx.stash;
    const value = valueOf(callResponse(fn, { field, identity: alice, stash, result: { keys: [], cancellationReasons: null } }));

    // Assess
    expect(value).toStrictEqual({
      id: fixedId(1),
      owner: ALICE_SUB,
      name: 'Dog',
      path: 'Animal/Dog',
      parentId: 't-animal',
      depth: 1,
      mediaCount: 0,
      createdAt: FIXED_NOW_ISO,
      updatedAt: FIXED_NOW_ISO,
      gsi1pk: `OWNER#${ALICE_SUB}#TAG`,
      gsi1sk: 'animal/dog/',
      gsi2pk: 'PARENT#t-animal',
      gsi2sk: 'dog',
    });
  });

  it('reports a cancelled transaction (the name guard exists) as Conflict naming the tag', () => {
    // Act
    const error = errorOf(
      callResponse(fn, {
        field,
        identity: alice,
        stash: { owner: ALICE_SUB, name: 'Dog' },
        result: { keys: null, cancellationReasons: [{ type: 'None', message: null }, { type: 'ConditionalCheckFailed', message: 'The conditional request failed' }] },
        error: dynamoError('TransactionCanceledException', 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]'),
      }),
    );

    // Assess
    expect(error).toMatchObject({ errorType: 'Conflict', message: 'A tag named "Dog" already exists there' });
  });

  it("raises other failures with DynamoDB's error type", () => {
    expect(errorOf(callResponse(fn, { field, identity: alice, stash: { name: 'Dog' }, result: null, error: dynamoError('InternalServerError', 'x') }))).toMatchObject({
      errorType: 'DynamoDB:InternalServerError',
      message: 'x',
    });
  });

  it('fails with a ConfigurationError when TABLE_NAME is not set', () => {
    expect(
      errorOf(callRequest(fn, { field, identity: alice, stash: { owner: ALICE_SUB, name: 'Dog', parent: null }, env: { TABLE_NAME: '' } })).errorType,
    ).toBe('ConfigurationError');
  });
});
