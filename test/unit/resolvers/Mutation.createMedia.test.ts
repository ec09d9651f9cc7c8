import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FIXED_NOW_ISO,
  N,
  NULL,
  S,
  callRequest,
  callResponse,
  errorOf,
  fixedId,
  loadResolver,
  valueOf,
  type LoadedResolver,
} from '../../support/resolver-harness';
import { ALICE_SUB, alice, dynamoError, mediaItem, worker } from './fixtures';

/**
 * Mutation.createMedia — validates the declared file and PutItems a PENDING_UPLOAD media item for
 * the caller, conditioned on the key being new.
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-resolver-reference-dynamodb.html (PutItem)
 */
describe('Resolver: Mutation.createMedia', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Mutation.createMedia.ts');
  });
  beforeEach(() => resolver.resetIds());

  const input = (overrides: Record<string, unknown> = {}) => ({ name: 'beach.jpg', mediaType: 'IMAGE', contentType: 'image/jpeg', size: 2048, ...overrides });

  it("puts a new PENDING_UPLOAD item in the caller's library, keyed for byOwner newest-first", () => {
    // Act
    const request = valueOf(callRequest(resolver, { args: { input: input({ metadata: { camera: 'X100' } }) }, identity: alice }));

    // Assess
    const id = fixedId(1);
    expect(request).toStrictEqual({
      operation: 'PutItem',
      key: { pk: S(`MEDIA#${id}`), sk: S('META') },
      attributeValues: {
        gsi1pk: S(`OWNER#${ALICE_SUB}#MEDIA`),
        gsi1sk: S(`${FIXED_NOW_ISO}#${id}`),
        entity: S('Media'),
        id: S(id),
        owner: S(ALICE_SUB),
        name: S('beach.jpg'),
        mediaType: S('IMAGE'),
        contentType: S('image/jpeg'),
        size: N(2048),
        metadata: { M: { camera: S('X100') } },
        status: S('PENDING_UPLOAD'),
        progress: N(0),
        version: N(0),
        createdAt: S(FIXED_NOW_ISO),
        updatedAt: S(FIXED_NOW_ISO),
      },
      condition: { expression: 'attribute_not_exists(pk)' },
    });
  });

  it('stores an unknown size and absent metadata as NULL', () => {
    // Act
    const request = valueOf(callRequest(resolver, { args: { input: input({ size: null }) }, identity: alice })) as { attributeValues: Record<string, unknown> };

    // Assess
    expect(request.attributeValues.size).toStrictEqual(NULL);
    expect(request.attributeValues.metadata).toStrictEqual(NULL);
  });

  it('accepts a content type with parameters (text/plain; charset=utf-8)', () => {
    expect(callRequest(resolver, { args: { input: input({ name: 'notes.txt', mediaType: 'TEXT', contentType: 'text/plain; charset=utf-8' }) }, identity: alice }).kind).toBe('value');
  });

  it('refuses a name that is a path', () => {
    expect(errorOf(callRequest(resolver, { args: { input: input({ name: '../etc/passwd' }) }, identity: alice }))).toMatchObject({
      errorType: 'BadRequest',
      message: 'Invalid name: name must not contain path separators',
    });
  });

  it('refuses an empty name', () => {
    expect(errorOf(callRequest(resolver, { args: { input: input({ name: '   ' }) }, identity: alice }))).toMatchObject({
      errorType: 'BadRequest',
      message: 'Invalid name: name must not be empty',
    });
  });

  it('refuses a content type outside the allow-list, naming what is accepted', () => {
    expect(errorOf(callRequest(resolver, { args: { input: input({ contentType: 'application/x-msdownload' }) }, identity: alice }))).toStrictEqual({
      errorType: 'UnsupportedMediaType',
      message: 'Unsupported content type "application/x-msdownload": images, video, audio and text are accepted',
      data: null,
      errorInfo: null,
    });
  });

  it('refuses a mediaType that contradicts the content type', () => {
    expect(errorOf(callRequest(resolver, { args: { input: input({ mediaType: 'VIDEO' }) }, identity: alice }))).toMatchObject({
      errorType: 'BadRequest',
      message: 'mediaType VIDEO does not match content type image/jpeg (IMAGE)',
    });
  });

  it('refuses a negative size', () => {
    expect(errorOf(callRequest(resolver, { args: { input: input({ size: -1 }) }, identity: alice }))).toMatchObject({
      errorType: 'BadRequest',
      message: 'size must not be negative',
    });
  });

  it('refuses an IAM caller, who cannot own media', () => {
    expect(errorOf(callRequest(resolver, { args: { input: input() }, identity: worker }))).toMatchObject({
      errorType: 'Unauthorized',
      message: 'Not Authorized to access createMedia on type Mutation',
    });
  });

  it('returns the item DynamoDB wrote', () => {
    // Prepare
    const item = mediaItem({ status: 'PENDING_UPLOAD' });

    // Act / Assess
    expect(valueOf(callResponse(resolver, { args: { input: input() }, identity: alice, result: item }))).toStrictEqual(item);
  });

  it("raises a failed write with DynamoDB's error type", () => {
    // Act
    const error = errorOf(
      callResponse(resolver, { args: { input: input() }, identity: alice, result: null, error: dynamoError('ConditionalCheckFailedException', 'The conditional request failed') }),
    );

    // Assess
    expect(error).toMatchObject({ errorType: 'DynamoDB:ConditionalCheckFailedException', message: 'The conditional request failed' });
  });
});
