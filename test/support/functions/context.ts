/** Test handler: answers with the Lambda context it received and where its module lives. */
interface Context {
  awsRequestId: string;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
}

export async function handler(event: unknown, context: Context): Promise<Record<string, unknown>> {
  return {
    event,
    awsRequestId: context.awsRequestId,
    functionName: context.functionName,
    functionVersion: context.functionVersion,
    invokedFunctionArn: context.invokedFunctionArn,
    memoryLimitInMB: context.memoryLimitInMB,
    logGroupName: context.logGroupName,
    logStreamName: context.logStreamName,
    callbackWaitsForEmptyEventLoop: context.callbackWaitsForEmptyEventLoop,
    remainingTimeInMillis: context.getRemainingTimeInMillis(),
    moduleUrl: import.meta.url,
  };
}
