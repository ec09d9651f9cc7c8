import { beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW_ISO, S, callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { alice, dynamoError, mediaItem } from '../fixtures';

/**
 * updateMediaFields (Mutation.updateMedia) — UpdateItem of name and/or metadata (null metadata is
 * removed), conditioned on the item still existing.
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-resolver-reference-dynamodb.html (UpdateItem)
 */
describe('Function: updateMediaFields', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/updateMediaFields.ts');
  });

  const field = 'Mutation.updateMedia';
  const request = (input: Record<string, unknown>) =>
    valueOf(callRequest(fn, { field, identity: alice, args: { input: { id: 'media-1', ...input } }, stash: { mediaId: 'media-1', media: mediaItem() } }));

  it('renames and replaces metadata in one update of the existing item', () => {
    expect(request({ name: 'sunset.jpg', metadata: { rating: 5 } })).toStrictEqual({
      operation: 'UpdateItem',
      key: { pk: S('MEDIA#media-1'), sk: S('META') },
      update: {
        expression: 'SET #updatedAt = :updatedAt, #name = :name, #metadata = :metadata',
        expressionNames: { '#updatedAt': 'updatedAt', '#name': 'name', '#metadata': 'metadata' },
        expressionValues: { ':updatedAt': S(FIXED_NOW_ISO), ':name': S('sunset.jpg'), ':metadata': { M: { rating: { N: 5 } } } },
      },
      condition: { expression: 'attribute_exists(pk)' },
    });
  });

  it('removes metadata given as null instead of storing a null', () => {
    expect(request({ metadata: null })).toMatchObject({
      update: {
        expression: 'SET #updatedAt = :updatedAt REMOVE #metadata',
        expressionNames: { '#updatedAt': 'updatedAt', '#metadata': 'metadata' },
        expressionValues: { ':updatedAt': S(FIXED_NOW_ISO) },
      },
    });
  });

  it('leaves metadata alone on a rename', () => {
    expect(request({ name: 'b.jpg' })).toMatchObject({
      update: { expression: 'SET #updatedAt = :updatedAt, #name = :name', expressionNames: { '#updatedAt': 'updatedAt', '#name': 'name' } },
    });
  });

  it('returns the updated item', () => {
    // Prepare
    const updated = mediaItem({ name: 'sunset.jpg', updatedAt: FIXED_NOW_ISO });

    // Act / Assess
    expect(valueOf(callResponse(fn, { field, identity: alice, args: { input: { id: 'media-1' } }, stash: { mediaId: 'media-1' }, result: updated }))).toStrictEqual(updated);
  });

  it('reports an item deleted meanwhile (failed attribute_exists) as NotFound', () => {
    expect(
      errorOf(callResponse(fn, { field, identity: alice, args: { input: { id: 'media-1' } }, stash: { mediaId: 'media-1' }, result: null, error: dynamoError('ConditionalCheckFailedException') })),
    ).toMatchObject({ errorType: 'NotFound', message: 'Media media-1 not found' });
  });

  it("raises other failures with DynamoDB's error type", () => {
    expect(
      errorOf(callResponse(fn, { field, identity: alice, args: { input: { id: 'media-1' } }, stash: { mediaId: 'media-1' }, result: null, error: dynamoError('InternalServerError', 'x') })),
    ).toMatchObject({ errorType: 'DynamoDB:InternalServerError', message: 'x' });
  });
});
