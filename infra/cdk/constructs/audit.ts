/**
 * The audit trail: CloudTrail data events for every object read and write in the media bucket (who
 * touched which key, with which credentials), delivered to the logs bucket with integrity
 * validation. Management events are left to the account's own trail — a second copy of them is
 * billed, data events are $0.10 per 100,000. API calls are audited by AppSync's and Lambda's logs.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html
 */
import { ReadWriteType, Trail } from 'aws-cdk-lib/aws-cloudtrail';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface MediaAuditProps {
  readonly mediaBucket: IBucket;
  readonly logsBucket: IBucket;
}

/** The trail. */
export class MediaAudit extends Construct {
  readonly trail: Trail;

  constructor(scope: Construct, id: string, props: MediaAuditProps) {
    super(scope, id);
    this.trail = new Trail(this, 'Trail', {
      bucket: props.logsBucket,
      s3KeyPrefix: 'cloudtrail',
      enableFileValidation: true,
      includeGlobalServiceEvents: false,
      isMultiRegionTrail: false,
      managementEvents: ReadWriteType.NONE,
      sendToCloudWatchLogs: false,
    });
    this.trail.addS3EventSelector([{ bucket: props.mediaBucket }], { readWriteType: ReadWriteType.ALL, includeManagementEvents: false });
  }
}
