import { beforeAll, describe, expect, it } from 'vitest';
import { S, callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { admin, alice, bob, dynamoError, mediaItem, worker } from './fixtures';

/**
 * Query.getMedia — GetItem of the media's META item; only its owner or an admin sees it.
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-resolver-reference-dynamodb.html (GetItem)
 */
describe('Resolver: Query.getMedia', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Query.getMedia.ts');
  });

  it('asks DynamoDB for the META item of the media id', () => {
    // Act
    const request = valueOf(callRequest(resolver, { args: { id: 'media-1' }, identity: alice }));

    // Assess
    expect(request).toStrictEqual({ operation: 'GetItem', key: { pk: S('MEDIA#media-1'), sk: S('META') } });
  });

  it('returns the item to its owner', () => {
    // Prepare
    const item = mediaItem();

    // Act
    const value = valueOf(callResponse(resolver, { args: { id: 'media-1' }, identity: alice, result: item }));

    // Assess
    expect(value).toStrictEqual(item);
  });

  it('returns null when no such item exists, so the field is simply empty', () => {
    // Act
    const value = valueOf(callResponse(resolver, { args: { id: 'nope' }, identity: alice, result: null }));

    // Assess
    expect(value).toBeNull();
  });

  it("refuses another user's item with AppSync's Unauthorized error", () => {
    // Act
    const error = errorOf(callResponse(resolver, { args: { id: 'media-1' }, identity: bob, result: mediaItem() }));

    // Assess
    expect(error).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access getMedia on type Query' });
  });

  it("lets a member of the admin group read anyone's item", () => {
    // Act
    const value = valueOf(callResponse(resolver, { args: { id: 'media-1' }, identity: admin, result: mediaItem() }));

    // Assess
    expect(value).toMatchObject({ id: 'media-1', owner: alice.sub });
  });

  it('honours ADMIN_GROUP from the environment rather than a hard-coded group name', () => {
    // Act
    const outcome = callResponse(resolver, { args: { id: 'media-1' }, identity: admin, result: mediaItem(), env: { ADMIN_GROUP: 'operators' } });

    // Assess
    expect(errorOf(outcome).errorType).toBe('Unauthorized');
  });

  it('refuses an IAM caller, who has no user-pool identity to own media', () => {
    // Act
    const error = errorOf(callResponse(resolver, { args: { id: 'media-1' }, identity: worker, result: mediaItem() }));

    // Assess
    expect(error.errorType).toBe('Unauthorized');
  });

  it("raises a data source failure as the field's error, keeping DynamoDB's type", () => {
    // Prepare
    const failure = dynamoError('ProvisionedThroughputExceededException', 'Rate exceeded');

    // Act
    const error = errorOf(callResponse(resolver, { args: { id: 'media-1' }, identity: alice, error: failure, result: null }));

    // Assess
    expect(error).toMatchObject({ message: 'Rate exceeded', errorType: 'DynamoDB:ProvisionedThroughputExceededException' });
  });
});
