import { describe, expect, it } from 'vitest';
import { buildFunctionEnvironment, functionArn, logGroupNameFor, newLogStreamName } from '../../../../../infra/local/functions/environment';

const identity = { functionName: 'ingest', memoryMb: 3008, region: 'eu-west-1', logGroupName: '/aws/lambda/ingest', logStreamName: '2026/01/02/[$LATEST]abc' };

describe('Function: buildFunctionEnvironment', () => {
  it('layers host variables, the shared environment and the function own, then Lambda reserved variables', () => {
    // Prepare
    const host = { PATH: '/usr/bin', SECRET_OF_THE_HOST: 'do not leak', HOME: '/root' };

    // Act
    const env = buildFunctionEnvironment(identity, {
      base: { TABLE_NAME: 'shared', MEDIA_BUCKET: 'media', PATH: '/base/bin' },
      overrides: { TABLE_NAME: 'own' },
      inherit: ['PATH', 'HOME', 'LANG'],
      host,
    });

    // Assess
    expect(env.TABLE_NAME).toBe('own');
    expect(env.MEDIA_BUCKET).toBe('media');
    expect(env.PATH).toBe('/base/bin');
    expect(env.HOME).toBe('/root');
    expect(env).not.toHaveProperty('SECRET_OF_THE_HOST');
    expect(env).not.toHaveProperty('LANG');
    expect(env).toMatchObject({
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_LAMBDA_FUNCTION_NAME: 'ingest',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '3008',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/ingest',
      AWS_LAMBDA_LOG_STREAM_NAME: '2026/01/02/[$LATEST]abc',
    });
    expect(env.AWS_EXECUTION_ENV).toMatch(/^AWS_Lambda_nodejs\d+\.x$/);
  });

  it('does not let configuration override the reserved variables', () => {
    const env = buildFunctionEnvironment(identity, { base: { AWS_REGION: 'moon-1', AWS_LAMBDA_FUNCTION_NAME: 'other' }, inherit: [], host: {} });

    expect(env.AWS_REGION).toBe('eu-west-1');
    expect(env.AWS_LAMBDA_FUNCTION_NAME).toBe('ingest');
  });
});

describe('Lambda names', () => {
  it('builds the default log group, a per-environment log stream and the unqualified ARN', () => {
    expect(logGroupNameFor('ingest')).toBe('/aws/lambda/ingest');
    expect(newLogStreamName(new Date('2026-03-04T05:06:07Z'))).toMatch(/^2026\/03\/04\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(newLogStreamName()).not.toBe(newLogStreamName());
    expect(functionArn('us-east-1', '000000000000', 'ingest')).toBe('arn:aws:lambda:us-east-1:000000000000:function:ingest');
  });
});
