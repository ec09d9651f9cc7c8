import { beforeAll, describe, expect, it } from 'vitest';
import { S, callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { dynamoError, mediaItem, worker } from '../fixtures';

/** loadMediaForWorker (Mutation.reportAnalysis, IAM) — the media item into ctx.stash.media, or NotFound. */
describe('Function: loadMediaForWorker', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/loadMediaForWorker.ts');
  });

  const field = 'Mutation.reportAnalysis';

  it('reads the media item consistently', () => {
    expect(valueOf(callRequest(fn, { field, identity: worker, stash: { mediaId: 'media-1' } }))).toStrictEqual({
      operation: 'GetItem',
      key: { pk: S('MEDIA#media-1'), sk: S('META') },
      consistentRead: true,
    });
  });

  it('stashes the item for putAnalysis (a worker owns nothing, so no owner check)', () => {
    // Prepare
    const media = mediaItem();

    // Act
    const outcome = callResponse(fn, { field, identity: worker, stash: { mediaId: 'media-1' }, result: media });

    // Assess
    expect(valueOf(outcome)).toStrictEqual(media);
    expect(outcome.ctx.stash.media).toEqual(media);
  });

  it('fails NotFound for a media item that is gone', () => {
    expect(errorOf(callResponse(fn, { field, identity: worker, stash: { mediaId: 'media-404' }, result: null }))).toMatchObject({
      errorType: 'NotFound',
      message: 'Media media-404 not found',
    });
  });

  it("raises a failed read with DynamoDB's error type", () => {
    expect(errorOf(callResponse(fn, { field, identity: worker, stash: { mediaId: 'm' }, result: null, error: dynamoError('InternalServerError', 'x') })).errorType).toBe(
      'DynamoDB:InternalServerError',
    );
  });
});
