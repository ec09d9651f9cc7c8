import { beforeAll, describe, expect, it } from 'vitest';
import { table } from '../../../../../infra/table';
import { resourcesOfType, synthesizeStack, type SynthesizedStack } from '../synthesized-stack';

describe('Construct: MediaTable (from infra/table.ts)', () => {
  let synthesized: SynthesizedStack;
  let properties: Record<string, unknown>;
  let logicalId: string;
  beforeAll(async () => {
    synthesized = await synthesizeStack();
    [[logicalId, properties]] = resourcesOfType(synthesized.resources, 'AWS::DynamoDB::Table') as [[string, Record<string, unknown>]];
  }, 120_000);

  it('has the declared keys, on demand', () => {
    expect(properties.KeySchema).toEqual([
      { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: table.sortKey.name, KeyType: 'RANGE' },
    ]);
    expect(properties.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('has every declared global secondary index, with all attributes projected', () => {
    // Prepare
    const indexes = properties.GlobalSecondaryIndexes as { IndexName: string; KeySchema: unknown; Projection: unknown }[];

    // Assess
    expect(indexes.map((index) => index.IndexName).sort()).toEqual(table.globalSecondaryIndexes.map((index) => index.indexName).sort());
    for (const declared of table.globalSecondaryIndexes) {
      const index = indexes.find((candidate) => candidate.IndexName === declared.indexName)!;
      expect(index.KeySchema).toEqual([
        { AttributeName: declared.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: declared.sortKey.name, KeyType: 'RANGE' },
      ]);
      expect(index.Projection).toEqual({ ProjectionType: 'ALL' });
    }
    const attributes = properties.AttributeDefinitions as { AttributeName: string; AttributeType: string }[];
    for (const key of [table.partitionKey, table.sortKey, ...table.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey])]) {
      expect(attributes).toContainEqual({ AttributeName: key.name, AttributeType: key.type });
    }
  });

  it('expires items by the declared TTL attribute', () => {
    expect(properties.TimeToLiveSpecification).toEqual({ AttributeName: table.timeToLiveAttribute, Enabled: true });
  });

  it('has point-in-time recovery, encryption at rest and deletion protection, and outlives the stack', () => {
    expect(properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(properties.SSESpecification).toEqual({ SSEEnabled: true });
    expect(properties.DeletionProtectionEnabled).toBe(true);
    expect(synthesized.resources[logicalId]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});
