import { beforeAll, describe, expect, it } from 'vitest';
import { S, callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { admin, alice, bob, dynamoError, tagItem } from './fixtures';

/** Query.getTag — GetItem of `TAG#id / META`, for the tag's owner (or an admin). */
describe('Resolver: Query.getTag', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Query.getTag.ts');
  });

  it("asks DynamoDB for the tag's META item", () => {
    // Act
    const request = valueOf(callRequest(resolver, { args: { id: 'tag-dog' }, identity: alice }));

    // Assess
    expect(request).toStrictEqual({ operation: 'GetItem', key: { pk: S('TAG#tag-dog'), sk: S('META') } });
  });

  it('returns the tag to its owner', () => {
    // Prepare
    const tag = tagItem('tag-dog', 'Animal/Dog', 'tag-animal');

    // Act
    const value = valueOf(callResponse(resolver, { args: { id: 'tag-dog' }, identity: alice, result: tag }));

    // Assess
    expect(value).toStrictEqual(tag);
  });

  it('returns null for an unknown id', () => {
    expect(valueOf(callResponse(resolver, { args: { id: 'nope' }, identity: alice, result: null }))).toBeNull();
  });

  it("refuses another user's tag as Unauthorized", () => {
    // Act
    const error = errorOf(callResponse(resolver, { args: { id: 'tag-dog' }, identity: bob, result: tagItem('tag-dog', 'Dog', null) }));

    // Assess
    expect(error).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access getTag on type Query' });
  });

  it("lets an admin read anyone's tag", () => {
    expect(valueOf(callResponse(resolver, { args: { id: 'tag-dog' }, identity: admin, result: tagItem('tag-dog', 'Dog', null) }))).toMatchObject({
      id: 'tag-dog',
    });
  });

  it('raises a data source failure with its DynamoDB type', () => {
    // Act
    const error = errorOf(callResponse(resolver, { args: { id: 'tag-dog' }, identity: alice, result: null, error: dynamoError('InternalServerError', 'boom') }));

    // Assess
    expect(error).toMatchObject({ message: 'boom', errorType: 'DynamoDB:InternalServerError' });
  });
});
