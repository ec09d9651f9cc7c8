import { beforeAll, describe, expect, it } from 'vitest';
import { S, callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { alice, dynamoError, mediaItem, versionItem } from '../fixtures';

/**
 * loadVersion (completeMultipartUpload, restoreVersion) — a strongly consistent GetItem of one
 * version, stashed as ctx.stash.versionItem; NotFound when absent, BadRequest when it is not in the
 * status the pipeline needs (PENDING_UPLOAD to complete an upload, READY to restore).
 */
describe('Function: loadVersion', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/loadVersion.ts');
  });

  const field = 'Mutation.restoreVersion';
  const media = mediaItem({ versionCount: 3, version: 3 });
  const stash = (version: number, wantedVersionStatus?: string) => ({ mediaId: 'media-1', version, media, ...(wantedVersionStatus ? { wantedVersionStatus } : {}) });

  it('reads the version item, its sort key zero-padded, with a strongly consistent GetItem', () => {
    // Act
    const request = valueOf(callRequest(fn, { field, identity: alice, stash: stash(2, 'READY') }));

    // Assess
    expect(request).toStrictEqual({ operation: 'GetItem', key: { pk: S('MEDIA#media-1'), sk: S('VERSION#000002') }, consistentRead: true });
  });

  it('pads to six digits so versions sort in order (12 after 2)', () => {
    expect(valueOf(callRequest(fn, { field, identity: alice, stash: stash(12) }))).toMatchObject({ key: { sk: S('VERSION#000012') } });
  });

  it('stashes and returns the version when its status is the wanted one', () => {
    // Prepare
    const version = versionItem('media-1', 2);

    // Act
    const outcome = callResponse(fn, { field, identity: alice, stash: stash(2, 'READY'), result: version });

    // Assess
    expect(valueOf(outcome)).toStrictEqual(version);
    expect(outcome.ctx.stash.versionItem).toEqual(version);
  });

  it('accepts any status when the pipeline wants none in particular', () => {
    // Prepare
    const version = versionItem('media-1', 2, { status: 'FAILED', error: 'corrupt' });

    // Act / Assess
    expect(valueOf(callResponse(fn, { field, identity: alice, stash: stash(2), result: version }))).toStrictEqual(version);
  });

  it('refuses a version in another status with BadRequest naming both statuses', () => {
    // Act
    const restoring = callResponse(fn, { field, identity: alice, stash: stash(3, 'READY'), result: versionItem('media-1', 3, { status: 'PENDING_UPLOAD' }) });
    const completing = callResponse(fn, {
      field: 'Mutation.completeMultipartUpload',
      identity: alice,
      stash: stash(2, 'PENDING_UPLOAD'),
      result: versionItem('media-1', 2),
    });

    // Assess
    expect(errorOf(restoring)).toMatchObject({ errorType: 'BadRequest', message: 'Version 3 is PENDING_UPLOAD, expected READY' });
    expect(errorOf(completing)).toMatchObject({ errorType: 'BadRequest', message: 'Version 2 is READY, expected PENDING_UPLOAD' });
    expect(restoring.ctx.stash.versionItem).toBeUndefined();
  });

  it('fails NotFound, naming item and version, when the version does not exist', () => {
    expect(errorOf(callResponse(fn, { field, identity: alice, stash: stash(9, 'READY'), result: null }))).toMatchObject({
      errorType: 'NotFound',
      message: 'Media media-1 has no version 9',
    });
  });

  it("raises a failed read with DynamoDB's error type", () => {
    expect(
      errorOf(callResponse(fn, { field, identity: alice, stash: stash(2, 'READY'), result: null, error: dynamoError('ProvisionedThroughputExceededException', 'slow down') })),
    ).toMatchObject({ errorType: 'DynamoDB:ProvisionedThroughputExceededException', message: 'slow down' });
  });
});
