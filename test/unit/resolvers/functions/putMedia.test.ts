import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXED_NOW_ISO, N, NULL, S, callRequest, callResponse, errorOf, fixedId, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { ALICE_SUB, alice, dynamoError, mediaItem } from '../fixtures';

/** putMedia (Mutation.createUpload) — PutItem of a new PENDING_UPLOAD media item from the validated upload. */
describe('Function: putMedia', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/putMedia.ts');
  });
  beforeEach(() => fn.resetIds());

  const field = 'Mutation.createUpload';
  const upload = { name: 'clip.mp4', contentType: 'video/mp4', size: 5_000_000, mediaType: 'VIDEO' };

  it("writes a new item in the owner's library, keyed by a fresh id, only if that key is new", () => {
    // Act
    const request = valueOf(callRequest(fn, { field, identity: alice, stash: { owner: ALICE_SUB, upload } }));

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
        name: S('clip.mp4'),
        mediaType: S('VIDEO'),
        contentType: S('video/mp4'),
        size: N(5_000_000),
        metadata: NULL,
        status: S('PENDING_UPLOAD'),
        progress: N(0),
        version: N(0),
        createdAt: S(FIXED_NOW_ISO),
        updatedAt: S(FIXED_NOW_ISO),
      },
      condition: { expression: 'attribute_not_exists(pk)' },
    });
  });

  it('gives each upload its own id', () => {
    // Act
    const first = valueOf(callRequest(fn, { field, identity: alice, stash: { owner: ALICE_SUB, upload } })) as { key: { pk: { S: string } } };
    const second = valueOf(callRequest(fn, { field, identity: alice, stash: { owner: ALICE_SUB, upload } })) as { key: { pk: { S: string } } };

    // Assess
    expect(first.key.pk.S).not.toBe(second.key.pk.S);
  });

  it('returns the item written', () => {
    // Prepare
    const item = mediaItem({ status: 'PENDING_UPLOAD' });

    // Act / Assess
    expect(valueOf(callResponse(fn, { field, identity: alice, result: item }))).toStrictEqual(item);
  });

  it("raises a failed write with DynamoDB's error type", () => {
    expect(errorOf(callResponse(fn, { field, identity: alice, result: null, error: dynamoError('ConditionalCheckFailedException', 'The conditional request failed') })).errorType).toBe(
      'DynamoDB:ConditionalCheckFailedException',
    );
  });
});
