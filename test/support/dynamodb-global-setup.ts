/**
 * Vitest global setup for the `integration` project: ONE in-memory DynamoDB Local for the whole
 * run (starting a JVM costs about two seconds), its endpoint handed to every test file through
 * `inject('dynamodbEndpoint')`. Test files create their own uniquely named tables (`ensureTable`),
 * so they never see each other's items.
 *
 * Vitest accepts a named `setup` whose returned function is the teardown (no default export needed).
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../infra/local/dynamodb/server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** e.g. `http://127.0.0.1:41234`: the run's DynamoDB Local (in memory, shared database). */
    dynamodbEndpoint: string;
  }
}

/**
 * Starts DynamoDB Local and provides its endpoint.
 * @returns the teardown, which stops the JVM
 */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamodb = await startDynamoDbLocal();
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  return () => dynamodb.stop();
}
