/**
 * The one DynamoDB table, from infra/table.ts: its keys, its global secondary indexes (all
 * attributes projected, as the local table is created), the TTL attribute, point-in-time recovery,
 * encryption and deletion protection. The table outlives the stack (RETAIN): `cdk destroy` never
 * deletes a library.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption, type Attribute } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { KeyAttribute, TableDeclaration } from '../../table';

export interface MediaTableProps {
  readonly declaration: TableDeclaration;
}

/** The media table and the names of its indexes. */
export class MediaTable extends Construct {
  readonly table: Table;
  readonly indexNames: readonly string[];

  constructor(scope: Construct, id: string, props: MediaTableProps) {
    super(scope, id);
    const { declaration } = props;
    this.table = new Table(this, 'Table', {
      partitionKey: attribute(declaration.partitionKey),
      sortKey: attribute(declaration.sortKey),
      // On-demand: a media library's traffic comes in bursts (uploads, reprocessing) and idles between.
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: declaration.timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The AWS managed key (aws/dynamodb): encrypted at rest, and callers need no KMS permissions.
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of declaration.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        sortKey: attribute(index.sortKey),
        projectionType: ProjectionType.ALL,
      });
    }
    this.indexNames = declaration.globalSecondaryIndexes.map((index) => index.indexName);
  }
}

function attribute(key: KeyAttribute): Attribute {
  switch (key.type) {
    case 'S':
      return { name: key.name, type: AttributeType.STRING };
    case 'N':
      return { name: key.name, type: AttributeType.NUMBER };
    case 'B':
      return { name: key.name, type: AttributeType.BINARY };
    default: {
      const unexpected: never = key.type;
      throw new Error(`Unknown key attribute type ${String(unexpected)}`);
    }
  }
}
