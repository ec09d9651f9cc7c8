import { beforeAll, describe, expect, it } from 'vitest';
import {
  FIXED_NOW_ISO,
  N,
  NULL,
  S,
  callRequest,
  callResponse,
  earlyReturnOf,
  errorOf,
  loadResolver,
  valueOf,
  type LoadedResolver,
} from '../../../support/resolver-harness';
import { ALICE_SUB, alice, dynamoError, tagItem } from '../fixtures';

type TransactItem = { operation: string; key: Record<string, unknown>; update?: { expressionValues: Record<string, unknown> }; condition?: unknown };

/**
 * rewriteTagSubtree (moveTag, renameTag) — one transaction: move the name guard when the parent or
 * name changes, update the tag, and rewrite each descendant's path, every update conditioned on the
 * path it was read with.
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb-transact-write-items.html
 */
describe('Function: rewriteTagSubtree', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/rewriteTagSubtree.ts');
  });

  const table = 'MediaTable-test';
  const animal = tagItem('t-animal', 'Animal', null);
  const dog = tagItem('t-dog', 'Dog', null);
  const puppy = tagItem('t-puppy', 'Dog/Puppy', 't-dog');
  const pathWas = (path: string) => ({
    expression: '#path = :oldPath',
    expressionNames: { '#path': 'path' },
    expressionValues: { ':oldPath': S(path) },
    returnValuesOnConditionCheckFailure: false,
  });

  const move = (stash: Record<string, unknown>) =>
    callRequest(fn, { field: 'Mutation.moveTag', identity: alice, stash: { owner: ALICE_SUB, tagChange: 'MOVE', ...stash } });
  const rename = (stash: Record<string, unknown>) =>
    callRequest(fn, { field: 'Mutation.renameTag', identity: alice, stash: { owner: ALICE_SUB, tagChange: 'RENAME', ...stash } });

  it('moves a root tag and its subtree under a new parent in one transaction', () => {
    // Act
    const request = valueOf(move({ tag: dog, parent: animal, subtree: [dog, puppy] }));

    // Assess
    expect(request).toStrictEqual({
      operation: 'TransactWriteItems',
      transactItems: [
        { table, operation: 'DeleteItem', key: { pk: S(`TAGNAME#${ALICE_SUB}#ROOT`), sk: S('dog') } },
        {
          table,
          operation: 'PutItem',
          key: { pk: S(`TAGNAME#${ALICE_SUB}#t-animal`), sk: S('dog') },
          attributeValues: { entity: S('TagNameGuard'), tagId: S('t-dog') },
          condition: { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: false },
        },
        {
          table,
          operation: 'UpdateItem',
          key: { pk: S('TAG#t-dog'), sk: S('META') },
          update: {
            expression:
              'SET #name = :name, #path = :path, parentId = :parentId, #depth = :depth, updatedAt = :now, gsi1sk = :gsi1sk, gsi2pk = :gsi2pk, gsi2sk = :gsi2sk',
            expressionNames: { '#name': 'name', '#path': 'path', '#depth': 'depth' },
            expressionValues: {
              ':name': S('Dog'),
              ':path': S('Animal/Dog'),
              ':parentId': S('t-animal'),
              ':depth': N(1),
              ':now': S(FIXED_NOW_ISO),
              ':gsi1sk': S('animal/dog/'),
              ':gsi2pk': S('PARENT#t-animal'),
              ':gsi2sk': S('dog'),
            },
          },
          condition: pathWas('Dog'),
        },
        {
          table,
          operation: 'UpdateItem',
          key: { pk: S('TAG#t-puppy'), sk: S('META') },
          update: {
            expression: 'SET #path = :path, #depth = :depth, gsi1sk = :gsi1sk, updatedAt = :now',
            expressionNames: { '#path': 'path', '#depth': 'depth' },
            expressionValues: { ':path': S('Animal/Dog/Puppy'), ':depth': N(2), ':gsi1sk': S('animal/dog/puppy/'), ':now': S(FIXED_NOW_ISO) },
          },
          condition: pathWas('Dog/Puppy'),
        },
      ],
    });
  });

  it('moves a tag back to the root (stash.parent null from loadParentTag)', () => {
    // Prepare
    const nested = tagItem('t-dog', 'Animal/Dog', 't-animal');

    // Act
    const request = valueOf(move({ tag: nested, parent: null, subtree: [nested] })) as { transactItems: TransactItem[] };

    // Assess
    expect(request.transactItems.map((t) => t.key)).toStrictEqual([
      { pk: S(`TAGNAME#${ALICE_SUB}#t-animal`), sk: S('dog') },
      { pk: S(`TAGNAME#${ALICE_SUB}#ROOT`), sk: S('dog') },
      { pk: S('TAG#t-dog'), sk: S('META') },
    ]);
    expect(request.transactItems[2]?.update?.expressionValues).toMatchObject({
      ':path': S('Dog'),
      ':parentId': NULL,
      ':depth': N(0),
      ':gsi1sk': S('dog/'),
      ':gsi2pk': S(`ROOTS#${ALICE_SUB}`),
    });
  });

  it("renames a tag, moving its name guard and rewriting its descendants' paths", () => {
    // Prepare
    const nestedDog = tagItem('t-dog', 'Animal/Dog', 't-animal');
    const nestedPuppy = tagItem('t-puppy', 'Animal/Dog/Puppy', 't-dog');

    // Act
    const request = valueOf(rename({ tag: nestedDog, name: 'Hound', subtree: [nestedDog, nestedPuppy] })) as { transactItems: TransactItem[] };

    // Assess
    expect(request.transactItems.map((t) => [t.operation, t.key])).toStrictEqual([
      ['DeleteItem', { pk: S(`TAGNAME#${ALICE_SUB}#t-animal`), sk: S('dog') }],
      ['PutItem', { pk: S(`TAGNAME#${ALICE_SUB}#t-animal`), sk: S('hound') }],
      ['UpdateItem', { pk: S('TAG#t-dog'), sk: S('META') }],
      ['UpdateItem', { pk: S('TAG#t-puppy'), sk: S('META') }],
    ]);
    expect(request.transactItems[2]?.update?.expressionValues).toMatchObject({ ':name': S('Hound'), ':path': S('Animal/Hound'), ':parentId': S('t-animal'), ':depth': N(1) });
    expect(request.transactItems[3]?.update?.expressionValues).toMatchObject({ ':path': S('Animal/Hound/Puppy'), ':gsi1sk': S('animal/hound/puppy/'), ':depth': N(2) });
  });

  it('changes only the case of a name without touching the guard, whose key is already lower-case', () => {
    // Act
    const request = valueOf(rename({ tag: dog, name: 'DOG', subtree: [dog] })) as { transactItems: TransactItem[] };

    // Assess
    expect(request.transactItems.map((t) => t.operation)).toEqual(['UpdateItem']);
    expect(request.transactItems[0]?.update?.expressionValues).toMatchObject({ ':name': S('DOG'), ':path': S('DOG'), ':gsi1sk': S('dog/') });
  });

  it('returns the tag unchanged without a write when nothing would change', () => {
    // Act
    const sameName = rename({ tag: dog, name: 'Dog', subtree: [dog] });
    const sameParent = move({ tag: puppy, parent: dog, subtree: [puppy] });

    // Assess
    expect(earlyReturnOf(sameName)).toStrictEqual({ value: dog, skipTo: null });
    expect(earlyReturnOf(sameParent).value).toStrictEqual(puppy);
  });

  it('refuses a move that would push the deepest descendant past 10 levels', () => {
    // Prepare: a subtree 9 levels deep (depths 0..8) moved under a tag at depth 1
    const chain = Array.from({ length: 9 }, (_, i) => tagItem(`t${i}`, Array.from({ length: i + 1 }, (_, j) => `L${j}`).join('/'), i === 0 ? null : `t${i - 1}`));
    const parent = tagItem('t-p1', 'P0/P1', 't-p0');

    // Act
    const outcome = move({ tag: chain[0], parent, subtree: chain });

    // Assess
    expect(errorOf(outcome)).toMatchObject({ errorType: 'BadRequest', message: 'Tags nest at most 10 levels deep' });
  });

  it('stashes the updated tag, which the response returns after the transaction', () => {
    // Act
    const requested = move({ tag: dog, parent: animal, subtree: [dog, puppy] });
    const value = valueOf(callResponse(fn, { field: 'Mutation.moveTag', identity: alice, stash: requested.ctx.stash, result: { keys: [], cancellationReasons: null } }));

    // Assess
    expect(value).toStrictEqual({
      ...dog,
      name: 'Dog',
      path: 'Animal/Dog',
      parentId: 't-animal',
      depth: 1,
      updatedAt: FIXED_NOW_ISO,
      gsi1pk: `OWNER#${ALICE_SUB}#TAG`,
      gsi1sk: 'animal/dog/',
      gsi2pk: 'PARENT#t-animal',
      gsi2sk: 'dog',
    });
  });

  it("reports a cancelled transaction as Conflict, passing DynamoDB's cancellation reasons on in errorInfo", () => {
    // Prepare: AppSync puts the reasons in ctx.result.cancellationReasons
    const cancellationReasons = [{ type: 'None', message: null }, { type: 'ConditionalCheckFailed', message: 'The conditional request failed' }];

    // Act
    const error = errorOf(
      callResponse(fn, {
        field: 'Mutation.moveTag',
        identity: alice,
        stash: { tagChange: 'MOVE', tag: dog },
        result: { keys: null, cancellationReasons },
        error: dynamoError('TransactionCanceledException', 'Transaction cancelled'),
      }),
    );

    // Assess
    expect(error).toStrictEqual({
      errorType: 'Conflict',
      message: 'Could not move tag "Dog": a sibling with that name exists or the tree changed meanwhile',
      data: null,
      errorInfo: { cancellationReasons },
    });
  });

  it('says "rename" when a rename is cancelled, with empty reasons when AppSync gave none', () => {
    // Act
    const error = errorOf(
      callResponse(fn, { field: 'Mutation.renameTag', identity: alice, stash: { tagChange: 'RENAME', tag: dog }, result: null, error: dynamoError('TransactionCanceledException') }),
    );

    // Assess
    expect(error).toMatchObject({ errorType: 'Conflict', message: 'Could not rename tag "Dog": a sibling with that name exists or the tree changed meanwhile', errorInfo: { cancellationReasons: [] } });
  });
});
