/**
 * The events S3 sends to EventBridge, shaped exactly as documented
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html): *Object Created* after
 * PutObject, CopyObject or CompleteMultipartUpload (the `reason`), *Object Deleted* after a
 * DeleteObject (`deletion-type` "Delete Marker Created" or "Permanently Deleted"). `etag` is
 * unquoted; `version-id` appears only for versioned buckets; `time` has no fractional seconds.
 */
import { randomUUID } from 'node:crypto';

/** Why an object was created, as S3 reports it. */
export type ObjectCreatedReason = 'PutObject' | 'CopyObject' | 'CompleteMultipartUpload';

/** The EventBridge envelope around an S3 event detail. */
export interface S3EventEnvelope<DetailType extends string, Detail> {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': DetailType;
  readonly source: 'aws.s3';
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Detail;
}

/** `detail` of Object Created. */
export interface ObjectCreatedDetail {
  readonly version: '0';
  readonly bucket: { readonly name: string };
  readonly object: {
    readonly key: string;
    readonly size: number;
    readonly etag: string;
    readonly 'version-id'?: string;
    readonly sequencer: string;
  };
  readonly 'request-id': string;
  readonly requester: string;
  readonly 'source-ip-address': string;
  readonly reason: ObjectCreatedReason;
}

/** `detail` of Object Deleted. */
export interface ObjectDeletedDetail {
  readonly version: '0';
  readonly bucket: { readonly name: string };
  readonly object: { readonly key: string; readonly 'version-id'?: string; readonly sequencer: string };
  readonly 'request-id': string;
  readonly requester: string;
  readonly 'source-ip-address': string;
  readonly reason: 'DeleteObject';
  readonly 'deletion-type': 'Delete Marker Created' | 'Permanently Deleted';
}

export type ObjectCreatedEvent = S3EventEnvelope<'Object Created', ObjectCreatedDetail>;
export type ObjectDeletedEvent = S3EventEnvelope<'Object Deleted', ObjectDeletedDetail>;

/** Facts about the request that caused an event. */
export interface EventOrigin {
  readonly account: string;
  readonly region: string;
  readonly bucket: string;
  readonly requestId: string;
  /** Account id of the caller. */
  readonly requester: string;
  readonly sourceIp: string;
  /** @default new Date() */
  readonly time?: Date;
}

/**
 * The Object Created event for a stored version.
 * @returns the event, ready for `PutEvents`-style delivery
 */
export function objectCreatedEvent(
  origin: EventOrigin,
  object: { key: string; size: number; etag: string; versionId: string | null; sequencer: string },
  reason: ObjectCreatedReason,
): ObjectCreatedEvent {
  return {
    ...envelope(origin, 'Object Created'),
    detail: {
      version: '0',
      bucket: { name: origin.bucket },
      object: {
        key: object.key,
        size: object.size,
        etag: object.etag,
        ...(object.versionId !== null ? { 'version-id': object.versionId } : {}),
        sequencer: object.sequencer,
      },
      'request-id': origin.requestId,
      requester: origin.requester,
      'source-ip-address': origin.sourceIp,
      reason,
    },
  };
}

/**
 * The Object Deleted event for a delete marker or a removed version.
 * @returns the event
 */
export function objectDeletedEvent(
  origin: EventOrigin,
  object: { key: string; versionId: string | null; sequencer: string },
  deletionType: ObjectDeletedDetail['deletion-type'],
): ObjectDeletedEvent {
  return {
    ...envelope(origin, 'Object Deleted'),
    detail: {
      version: '0',
      bucket: { name: origin.bucket },
      object: { key: object.key, ...(object.versionId !== null ? { 'version-id': object.versionId } : {}), sequencer: object.sequencer },
      'request-id': origin.requestId,
      requester: origin.requester,
      'source-ip-address': origin.sourceIp,
      reason: 'DeleteObject',
      'deletion-type': deletionType,
    },
  };
}

function envelope<DetailType extends string>(origin: EventOrigin, detailType: DetailType) {
  return {
    version: '0' as const,
    id: randomUUID(),
    'detail-type': detailType,
    source: 'aws.s3' as const,
    account: origin.account,
    time: (origin.time ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: origin.region,
    resources: [`arn:aws:s3:::${origin.bucket}`],
  };
}
