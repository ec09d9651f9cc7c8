/**
 * Why DynamoDB Local could not be started or prepared. Each failure has its own class so callers
 * (`npm start`, the test global setup) can say what to install or fix.
 */

/** Base class: something went wrong starting or preparing DynamoDB Local. */
export class DynamoDbLocalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DynamoDbLocalError';
  }
}

/** The `java` executable could not be run (not installed, or not on PATH). */
export class JavaNotFoundError extends DynamoDbLocalError {
  readonly javaPath: string;
  constructor(javaPath: string, options?: { cause?: unknown }) {
    super(
      `Cannot run Java at "${javaPath}": DynamoDB Local needs a Java 11+ runtime ` +
        '(Debian: apt-get install -y openjdk-17-jre-headless), or pass javaPath.',
      options,
    );
    this.name = 'JavaNotFoundError';
    this.javaPath = javaPath;
  }
}

/** The DynamoDB Local jar is missing (the `amplify-dynamodb-simulator` package ships it). */
export class DynamoDbLocalNotInstalledError extends DynamoDbLocalError {
  constructor(expectedAt: string, options?: { cause?: unknown }) {
    super(`DynamoDB Local is not installed: expected ${expectedAt} (run npm ci).`, options);
    this.name = 'DynamoDbLocalNotInstalledError';
  }
}

/** The JVM exited before DynamoDB Local answered; `output` holds the tail of what it printed. */
export class DynamoDbLocalExitedError extends DynamoDbLocalError {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
  constructor(exitCode: number | null, signal: NodeJS.Signals | null, output: string) {
    const how = signal ? `signal ${signal}` : `exit code ${exitCode}`;
    super(`DynamoDB Local exited before it was ready (${how}). Its output:\n${output.trim() || '(nothing)'}`);
    this.name = 'DynamoDbLocalExitedError';
    this.exitCode = exitCode;
    this.signal = signal;
    this.output = output;
  }
}

/** DynamoDB Local did not answer ListTables within the allowed time; the JVM has been killed. */
export class DynamoDbLocalStartTimeoutError extends DynamoDbLocalError {
  readonly timeoutMs: number;
  readonly output: string;
  constructor(timeoutMs: number, output: string, options?: { cause?: unknown }) {
    super(
      `DynamoDB Local did not answer within ${timeoutMs} ms. Its output:\n${output.trim() || '(nothing)'}`,
      options,
    );
    this.name = 'DynamoDbLocalStartTimeoutError';
    this.timeoutMs = timeoutMs;
    this.output = output;
  }
}

/** An existing table's keys or indexes differ from the declaration in `infra/table.ts`. */
export class TableSchemaMismatchError extends DynamoDbLocalError {
  readonly tableName: string;
  constructor(tableName: string, difference: string) {
    super(
      `Table "${tableName}" exists but does not match infra/table.ts: ${difference}. ` +
        'Delete the local data directory (or the table) to recreate it.',
    );
    this.name = 'TableSchemaMismatchError';
    this.tableName = tableName;
  }
}
