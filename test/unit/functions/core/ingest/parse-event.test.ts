import { describe, expect, it } from 'vitest';
import { parseIngestEvent } from '../../../../../functions/core/ingest/parse-event';

// The event S3 sends to EventBridge (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html).
const objectCreated = (bucket: string, key: string) => ({
  version: '0',
  id: '17793124-05d4-b198-2fde-7ededc63b103',
  'detail-type': 'Object Created',
  source: 'aws.s3',
  account: '111122223333',
  time: '2021-11-12T00:00:00Z',
  region: 'ca-central-1',
  resources: [`arn:aws:s3:::${bucket}`],
  detail: {
    version: '0',
    bucket: { name: bucket },
    object: { key, size: 5, etag: 'b1946ac92492d2347c6235b4d2611184', 'version-id': 'IYV3p45BT0ac8hjHg1houSdS1a.Mro8e', sequencer: '617f08299329d189' },
    'request-id': 'N4N7GDK58NMKJ12R',
    requester: '123456789012',
    'source-ip-address': '1.2.3.4',
    reason: 'PutObject',
  },
});

describe('parseIngestEvent', () => {
  it('keys processing by object key and version', () => {
    expect(parseIngestEvent(objectCreated('media', 'originals/o/m/v1'), 'media')).toEqual({
      key: 'originals/o/m/v1',
      objectVersionId: 'IYV3p45BT0ac8hjHg1houSdS1a.Mro8e',
      ingestKey: 'originals/o/m/v1@IYV3p45BT0ac8hjHg1houSdS1a.Mro8e',
    });
  });
  it('refuses another bucket', () => {
    expect(() => parseIngestEvent(objectCreated('elsewhere', 'originals/o/m/v1'), 'media')).toThrow(/not in the media bucket/);
  });
  it('takes reprocess requests', () => {
    const event = { source: 'mediagraph.library', 'detail-type': 'Reprocess Requested', detail: { key: 'originals/o/m/v2', requestId: 'r1' } };
    expect(parseIngestEvent(event, 'media')).toEqual({ key: 'originals/o/m/v2', objectVersionId: null, ingestKey: 'reprocess:r1' });
  });
  it('refuses anything else', () => {
    expect(() => parseIngestEvent({ source: 'x', 'detail-type': 'y' }, 'media')).toThrow(/does not handle/);
    expect(() => parseIngestEvent('nope', 'media')).toThrow();
  });
});
