import { describe, expect, it } from 'vitest';
import { parseMediaIngestedEvent } from '../../../../../functions/core/analysis/parse-event';
import { UnexpectedEventError } from '../../../../../functions/core/ingest/parse-event';

const event = (detail: Record<string, unknown>) => ({
  source: 'mediagraph.ingest',
  'detail-type': 'Media Ingested',
  detail: { mediaId: 'm1', owner: 'alice', version: 2, mediaType: 'IMAGE', mime: 'image/jpeg', key: 'originals/alice/m1/v2', objectVersionId: 'ov', ...detail },
});

describe('Function: parseMediaIngestedEvent', () => {
  it('reads the request ingest announced', () => {
    expect(parseMediaIngestedEvent(event({}), 'IMAGE')).toEqual({
      mediaId: 'm1',
      owner: 'alice',
      version: 2,
      mediaType: 'IMAGE',
      mime: 'image/jpeg',
      key: 'originals/alice/m1/v2',
      objectVersionId: 'ov',
    });
  });

  it('accepts an unversioned object', () => {
    expect(parseMediaIngestedEvent(event({ objectVersionId: null }), 'IMAGE').objectVersionId).toBeNull();
  });

  it.each([
    ['another media type', event({ mediaType: 'VIDEO' }), /handles IMAGE media, not VIDEO/],
    ['a key of another item', event({ key: 'originals/mallory/m1/v2' }), /is not the original of m1 v2/],
    ['a missing version', event({ version: undefined }), /positive integer/],
    ['another event', { source: 'aws.s3', 'detail-type': 'Object Created', detail: {} }, /not aws\.s3 \/ Object Created/],
    ['no object', null, /EventBridge event object/],
  ])('refuses %s', (_, input, message) => {
    expect(() => parseMediaIngestedEvent(input, 'IMAGE')).toThrow(UnexpectedEventError);
    expect(() => parseMediaIngestedEvent(input, 'IMAGE')).toThrow(message);
  });
});
