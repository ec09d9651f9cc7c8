/**
 * Where AWS's DynamoDB Local jar lives: inside the npm package `amplify-dynamodb-simulator`
 * (folder `emulator/`: `DynamoDBLocal.jar` and its native libraries in `DynamoDBLocal_lib/`).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DynamoDbLocalNotInstalledError } from './errors';

export interface DynamoDbLocalInstallation {
  /** The `emulator/` folder. */
  readonly directory: string;
  readonly jarPath: string;
  /** Folder of sqlite4java native libraries, for `-Djava.library.path`. */
  readonly libraryPath: string;
}

/**
 * Finds the DynamoDB Local jar shipped in node_modules.
 * @returns its paths
 * @throws DynamoDbLocalNotInstalledError when the package or the jar is missing
 */
export function locateDynamoDbLocal(): DynamoDbLocalInstallation {
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    packageJson = require.resolve('amplify-dynamodb-simulator/package.json');
  } catch (error) {
    throw new DynamoDbLocalNotInstalledError('node_modules/amplify-dynamodb-simulator', { cause: error });
  }
  const directory = join(dirname(packageJson), 'emulator');
  const jarPath = join(directory, 'DynamoDBLocal.jar');
  if (!existsSync(jarPath)) throw new DynamoDbLocalNotInstalledError(jarPath);
  return { directory, jarPath, libraryPath: join(directory, 'DynamoDBLocal_lib') };
}
