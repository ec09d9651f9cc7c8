import { beforeEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW_ISO, N, NULL, S, callRequest, callResponse, errorOf, fixedId, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { ALICE_SUB, ROOT_SUB, admin, alice, dynamoError, mediaItem } from '../fixtures';

/**
 * reserveVersion (Mutation.createUpload) — one transaction writes the media item (new, or the next
 * versionCount of an existing one) and the version the upload will fill, PENDING_UPLOAD. The
 * versionCount condition makes two concurrent uploads of one item take different versions.
 * https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb-transact-write-items.html
 */
describe('Function: reserveVersion', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/reserveVersion.ts');
  });
  beforeEach(() => {
    fn.resetIds();
  });

  const table = 'MediaTable-test';
  const field = 'Mutation.createUpload';
  const notExists = { expression: 'attribute_not_exists(pk)', returnValuesOnConditionCheckFailure: false };
  const upload = { name: 'clip.mp4', contentType: 'video/mp4', size: 1000, mediaType: 'VIDEO' };
  const reserve = (stash: Record<string, unknown>, identity = alice, env: Record<string, string> = {}) =>
    callRequest(fn, { field, identity, env, stash: { owner: identity.sub, mediaId: null, upload, ...stash } });
  const newVersionUpdate = (version: number) => ({
    expression: 'SET versionCount = :version, #status = :status, progress = :zero, stage = :stage, updatedAt = :now REMOVE #error',
    expressionNames: { '#status': 'status', '#error': 'error' },
    expressionValues: { ':version': N(version), ':status': S('PENDING_UPLOAD'), ':zero': N(0), ':stage': S('upload'), ':now': S(FIXED_NOW_ISO) },
  });
  const versionPut = (mediaId: string, version: number, sk: string, name = 'clip.mp4') => ({
    table,
    operation: 'PutItem',
    key: { pk: S(`MEDIA#${mediaId}`), sk: S(sk) },
    attributeValues: {
      entity: S('MediaVersion'),
      mediaId: S(mediaId),
      owner: S(ALICE_SUB),
      version: N(version),
      status: S('PENDING_UPLOAD'),
      name: S(name),
      contentType: S('video/mp4'),
      size: N(1000),
      createdAt: S(FIXED_NOW_ISO),
      updatedAt: S(FIXED_NOW_ISO),
    },
    condition: notExists,
  });
  const video = (overrides: Record<string, unknown>) =>
    mediaItem({ name: 'clip.mp4', mediaType: 'VIDEO', contentType: 'video/mp4', size: 900, version: 2, ...overrides });

  it('creates a new item and its version 1, both PENDING_UPLOAD, for a first upload', () => {
    // Prepare
    const id = fixedId(1);

    // Act
    const request = valueOf(reserve({}));

    // Assess
    expect(request).toStrictEqual({
      operation: 'TransactWriteItems',
      transactItems: [
        {
          table,
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
            size: N(1000),
            metadata: NULL,
            status: S('PENDING_UPLOAD'),
            progress: N(0),
            version: N(0),
            createdAt: S(FIXED_NOW_ISO),
            updatedAt: S(FIXED_NOW_ISO),
            versionCount: N(1),
            stage: S('upload'),
          },
          condition: notExists,
        },
        versionPut(id, 1, 'VERSION#000001'),
      ],
    });
  });

  it('stashes the new item and version 1 for presignUpload and the response', () => {
    // Act
    const outcome = reserve({});

    // Assess
    expect(outcome.ctx.stash.version).toBe(1);
    expect(outcome.ctx.stash.media).toMatchObject({
      pk: `MEDIA#${fixedId(1)}`,
      id: fixedId(1),
      owner: ALICE_SUB,
      status: 'PENDING_UPLOAD',
      version: 0,
      versionCount: 1,
      stage: 'upload',
    });
  });

  it('reserves the next version of an existing item, conditioned on the versionCount it read', () => {
    // Prepare
    const existing = video({ versionCount: 2 });

    // Act
    const request = valueOf(reserve({ mediaId: 'media-1', media: existing, upload: { ...upload, name: 'clip-v3.mp4' } }));

    // Assess
    expect(request).toStrictEqual({
      operation: 'TransactWriteItems',
      transactItems: [
        {
          table,
          operation: 'UpdateItem',
          key: { pk: S('MEDIA#media-1'), sk: S('META') },
          update: newVersionUpdate(3),
          condition: { expression: 'versionCount = :previous', expressionValues: { ':previous': N(2) }, returnValuesOnConditionCheckFailure: false },
        },
        versionPut('media-1', 3, 'VERSION#000003', 'clip-v3.mp4'),
      ],
    });
  });

  it('gives two uploads that read the same versionCount the same conditions, so DynamoDB lets only one through', () => {
    // Prepare
    const existing = video({ versionCount: 2 });

    // Act
    const first = valueOf(reserve({ mediaId: 'media-1', media: existing })) as { transactItems: { key: unknown; condition: unknown }[] };
    const second = valueOf(reserve({ mediaId: 'media-1', media: existing, upload: { ...upload, name: 'other.mp4' } })) as typeof first;

    // Assess
    expect(second.transactItems.map((item) => [item.key, item.condition])).toStrictEqual(first.transactItems.map((item) => [item.key, item.condition]));
    expect(first.transactItems[1]?.condition).toStrictEqual(notExists);
  });

  it('starts the versions of an item that has none (created by createMedia) at 1, on condition it still has none', () => {
    // Prepare
    const existing = video({ version: 0, status: 'PENDING_UPLOAD' });

    // Act
    const request = valueOf(reserve({ mediaId: 'media-1', media: existing })) as { transactItems: unknown[] };

    // Assess
    expect(request.transactItems).toStrictEqual([
      {
        table,
        operation: 'UpdateItem',
        key: { pk: S('MEDIA#media-1'), sk: S('META') },
        update: newVersionUpdate(1),
        // The exact expression is left open: see the deleted-item bug below.
        condition: { expression: expect.stringContaining('attribute_not_exists(versionCount)'), returnValuesOnConditionCheckFailure: false },
      },
      versionPut('media-1', 1, 'VERSION#000001'),
    ]);
  });

  // BUG (resolvers/functions/reserveVersion.ts:44): `attribute_not_exists(versionCount)` also holds when
  // the item was deleted after authorizeMediaIfGiven read it, so the UpdateItem upserts a stub media item
  // (no owner, name, gsi1pk) plus an orphan version. Expected the condition to also require attribute_exists(pk).
  it('does not recreate an item deleted meanwhile: the first-version condition requires the item to exist', () => {
    // Act
    const request = valueOf(reserve({ mediaId: 'media-1', media: video({ version: 0 }) })) as { transactItems: { condition: { expression: string } }[] };

    // Assess
    expect(request.transactItems[0]?.condition.expression).toContain('attribute_exists(pk)');
  });

  it("records the item's owner on the version when an admin uploads to someone else's item", () => {
    // Act
    const outcome = reserve({ mediaId: 'media-1', media: video({ versionCount: 1 }) }, admin);
    const request = valueOf(outcome) as { transactItems: { attributeValues?: Record<string, unknown> }[] };

    // Assess
    expect(outcome.ctx.stash.owner).toBe(ROOT_SUB);
    expect(request.transactItems[1]?.attributeValues?.owner).toStrictEqual(S(ALICE_SUB));
  });

  it('stashes the existing item as it is after the update (new versionCount, PENDING_UPLOAD, no error)', () => {
    // Prepare
    const existing = video({ versionCount: 2, status: 'FAILED', progress: 100, error: 'corrupt' });

    // Act
    const outcome = reserve({ mediaId: 'media-1', media: existing });

    // Assess
    expect(outcome.ctx.stash.version).toBe(3);
    // The stash lives in the resolver's realm: compare by value (toEqual), not prototype.
    expect(outcome.ctx.stash.media).toEqual({
      ...existing,
      versionCount: 3,
      status: 'PENDING_UPLOAD',
      progress: 0,
      stage: 'upload',
      error: null,
      updatedAt: FIXED_NOW_ISO,
    });
  });

  it('returns the stashed media item once the transaction succeeds', () => {
    // Prepare
    const media = video({ versionCount: 3, status: 'PENDING_UPLOAD' });

    // Act / Assess
    expect(valueOf(callResponse(fn, { field, identity: alice, stash: { media, version: 3 }, result: { keys: [], cancellationReasons: null } }))).toStrictEqual(media);
  });

  it('reports a cancelled transaction (another upload took the version) as ConcurrentModification', () => {
    // Act
    const error = errorOf(
      callResponse(fn, {
        field,
        identity: alice,
        stash: { media: video({ versionCount: 3 }), version: 3 },
        result: { keys: null, cancellationReasons: [{ type: 'ConditionalCheckFailed', message: 'The conditional request failed' }, { type: 'None', message: null }] },
        error: dynamoError('TransactionCanceledException', 'Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]'),
      }),
    );

    // Assess
    expect(error).toMatchObject({ errorType: 'ConcurrentModification', message: 'Another upload of this item started at the same moment; try again' });
  });

  it('fails with a ConfigurationError when TABLE_NAME is not set', () => {
    expect(errorOf(reserve({}, alice, { TABLE_NAME: '' }))).toMatchObject({ errorType: 'ConfigurationError', message: 'TABLE_NAME is not configured for this API' });
  });
});
