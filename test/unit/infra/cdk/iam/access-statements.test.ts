import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Bucket, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { aiActions, aiStatement } from '../../../../../infra/cdk/iam/ai-access';
import { bucketAccessStatements, s3ActionsFor } from '../../../../../infra/cdk/iam/bucket-access';

describe('Function: aiActions', () => {
  const commands = new Map([
    ['@aws-sdk/client-rekognition', new Set(['DetectLabels', 'DetectFaces'])],
    ['@aws-sdk/client-comprehend', new Set(['DetectSentiment'])],
  ]);

  it('expands a service to the commands the code sends to it, and keeps exact actions', () => {
    expect(aiActions(['rekognition', 'transcribe:StartTranscriptionJob'], commands)).toEqual({
      actions: ['rekognition:DetectFaces', 'rekognition:DetectLabels', 'transcribe:StartTranscriptionJob'],
      unusedServices: [],
    });
  });

  it('grants nothing for a declared service the code never calls, and says so', () => {
    expect(aiActions(['transcribe'], commands)).toEqual({ actions: [], unusedServices: ['transcribe'] });
    expect(aiStatement([])).toBeNull();
  });
});

describe('Function: bucketAccessStatements', () => {
  // An App of our own: a bare Stack would make CDK create (and leave) a temporary assembly folder.
  const outdir = mkdtempSync(path.join(tmpdir(), 'mediagraph-cdk-iam-'));
  const newStack = () => new Stack(new App({ outdir }), 'Test');
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('maps declared actions to S3 actions on the prefix only', () => {
    // Prepare
    const stack = newStack();
    const bucket = new Bucket(stack, 'Media');

    // Act
    const [statement] = bucketAccessStatements(bucket, [{ prefix: 'originals/', actions: ['get', 'multipart'] }]);

    // Assess
    expect(stack.resolve(statement!.toStatementJson())).toEqual({
      Effect: 'Allow',
      Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:GetObjectVersion', 's3:ListMultipartUploadParts', 's3:PutObject'],
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [stack.resolve((bucket.node.defaultChild as CfnBucket).logicalId), 'Arn'] }, '/originals/*']] },
    });
    expect(s3ActionsFor('delete')).toEqual(['s3:DeleteObject']);
  });

  it('refuses an empty or wildcard prefix (that would be the whole bucket)', () => {
    const stack = newStack();
    const bucket = new Bucket(stack, 'Media');
    expect(() => bucketAccessStatements(bucket, [{ prefix: '', actions: ['get'] }])).toThrow(/literal key prefix/);
    expect(() => bucketAccessStatements(bucket, [{ prefix: '*/', actions: ['get'] }])).toThrow(/literal key prefix/);
  });
});
