/**
 * The error EventBridge answers PutRule / TestEventPattern with when a pattern does not compile:
 * `InvalidEventPatternException`, message `Event pattern is not valid. Reason: <reason>`.
 * The reasons are the ones EventBridge's matching engine (aws/event-ruler, JsonRuleCompiler) gives,
 * as recorded from AWS (localstack's test_events_patterns.snapshot.json). AWS appends the parser
 * location (`\n at [Source: …; line: 1, column: N]`); we leave that out.
 */
export class InvalidEventPatternError extends Error {
  /** The AWS error code (`__type` on the wire). */
  readonly code = 'InvalidEventPatternException';
  /** The engine's reason alone, without the `Event pattern is not valid.` prefix. */
  readonly reason: string;
  constructor(reason: string) {
    super(`Event pattern is not valid. Reason: ${reason}`);
    this.name = 'InvalidEventPatternError';
    this.reason = reason;
  }
}

/**
 * Stops compilation with EventBridge's reason.
 * @throws {InvalidEventPatternError} always
 */
export function invalidPattern(reason: string): never {
  throw new InvalidEventPatternError(reason);
}
