import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { locateDynamoDbLocal } from '../../../../../infra/local/dynamodb/emulator';

describe('Function: locateDynamoDbLocal', () => {
  it('finds the DynamoDB Local jar and its native libraries in node_modules', () => {
    const installation = locateDynamoDbLocal();

    expect(installation.jarPath).toMatch(/amplify-dynamodb-simulator[\\/]emulator[\\/]DynamoDBLocal\.jar$/);
    expect(existsSync(installation.jarPath)).toBe(true);
    expect(existsSync(installation.libraryPath)).toBe(true);
  });
});
