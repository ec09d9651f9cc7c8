import { describe, expect, it } from 'vitest';
import { objectCreatedEvent, objectDeletedEvent } from '../../../../../infra/local/s3/events';

const origin = {
  account: '111122223333',
  region: 'ca-central-1',
  bucket: 'amzn-s3-demo-bucket1',
  requestId: 'N4N7GDK58NMKJ12R',
  requester: '123456789012',
  sourceIp: '1.2.3.4',
  time: new Date('2021-11-12T00:00:00.000Z'),
};

describe('Function: objectCreatedEvent', () => {
  it('builds the event of AWS’s documented example (id aside)', () => {
    // Act
    const event = objectCreatedEvent(
      origin,
      { key: 'example-key', size: 5, etag: 'b1946ac92492d2347c6235b4d2611184', versionId: 'IYV3p45BT0ac8hjHg1houSdS1a.Mro8e', sequencer: '617f08299329d189' },
      'PutObject',
    );

    // Assess: https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html "Object created"
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect({ ...event, id: '17793124-05d4-b198-2fde-7ededc63b103' }).toEqual({
      version: '0',
      id: '17793124-05d4-b198-2fde-7ededc63b103',
      'detail-type': 'Object Created',
      source: 'aws.s3',
      account: '111122223333',
      time: '2021-11-12T00:00:00Z',
      region: 'ca-central-1',
      resources: ['arn:aws:s3:::amzn-s3-demo-bucket1'],
      detail: {
        version: '0',
        bucket: { name: 'amzn-s3-demo-bucket1' },
        object: { key: 'example-key', size: 5, etag: 'b1946ac92492d2347c6235b4d2611184', 'version-id': 'IYV3p45BT0ac8hjHg1houSdS1a.Mro8e', sequencer: '617f08299329d189' },
        'request-id': 'N4N7GDK58NMKJ12R',
        requester: '123456789012',
        'source-ip-address': '1.2.3.4',
        reason: 'PutObject',
      },
    });
  });

  it('leaves out version-id for an unversioned bucket', () => {
    const event = objectCreatedEvent(origin, { key: 'k', size: 1, etag: 'e', versionId: null, sequencer: '01' }, 'CompleteMultipartUpload');
    expect(event.detail.object).not.toHaveProperty('version-id');
    expect(event.detail.reason).toBe('CompleteMultipartUpload');
  });
});

describe('Function: objectDeletedEvent', () => {
  it('reports a delete marker with reason DeleteObject', () => {
    const event = objectDeletedEvent(origin, { key: 'k', versionId: 'v2', sequencer: '02' }, 'Delete Marker Created');
    expect(event['detail-type']).toBe('Object Deleted');
    expect(event.detail).toMatchObject({ reason: 'DeleteObject', 'deletion-type': 'Delete Marker Created', object: { key: 'k', 'version-id': 'v2' } });
  });
});
