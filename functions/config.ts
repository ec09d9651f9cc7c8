/**
 * Function configuration, read once from the environment like Lambda's, validated up front so a
 * missing setting fails at cold start with its name — not at the first request that needs it.
 */

export interface FunctionConfig {
  /** `aws`: service endpoints from the SDK's defaults; `local`: the embedded runtime's servers. */
  readonly runtime: 'aws' | 'local';
  readonly region: string;
  readonly tableName: string;
  readonly bucket: string;
  readonly eventBusName: string;
  readonly appSyncUrl: string;
  /** Local API-compatible servers (only when runtime is `local`). */
  readonly endpoints: { readonly s3?: string; readonly dynamodb?: string; readonly eventBridge?: string };
  /** Where ingest keeps its temporary downloads. */
  readonly scratchDir: string;
}

export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

let cached: FunctionConfig | undefined;

/** The configuration of this function instance (read on first use, then kept). */
export function functionConfig(env: NodeJS.ProcessEnv = process.env): FunctionConfig {
  if (cached && env === process.env) {
    return cached;
  }
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) {
      throw new ConfigurationError(`Environment variable ${name} is required`);
    }
    return value;
  };
  const runtime = env.MEDIAGRAPH_RUNTIME === 'local' ? 'local' : 'aws';
  const config: FunctionConfig = {
    runtime,
    region: env.AWS_REGION?.trim() || 'us-east-1',
    tableName: required('TABLE_NAME'),
    bucket: required('MEDIA_BUCKET'),
    eventBusName: required('EVENT_BUS_NAME'),
    appSyncUrl: required('APPSYNC_URL'),
    endpoints:
      runtime === 'local'
        ? { s3: required('S3_ENDPOINT'), dynamodb: required('DYNAMODB_ENDPOINT'), eventBridge: required('EVENTBRIDGE_ENDPOINT') }
        : {},
    scratchDir: env.SCRATCH_DIR?.trim() || env.TMPDIR?.trim() || '/tmp',
  };
  if (env === process.env) {
    cached = config;
  }
  return config;
}
