/**
 * EventBridge event patterns, locally: compile (with EventBridge's validation) and match (with its
 * semantics). Pure: no I/O, no clock. The bus compiles each rule's pattern once at start-up, so a
 * pattern EventBridge would refuse fails `npm start` the way it fails `cdk deploy`.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 */
import { compilePatternTree } from './pattern-compile';
import { matchNode } from './pattern-match';
import type { PatternNode } from './pattern-types';

export { InvalidEventPatternError } from './pattern-errors';

/** A validated pattern, ready to match events. */
export interface CompiledEventPattern {
  /** The pattern as given (for logs and dead-letter records). */
  readonly source: unknown;
  readonly root: PatternNode;
}

/**
 * Validates and compiles a pattern (JSON text or a parsed object), as PutRule does.
 * @throws {InvalidEventPatternError} `Event pattern is not valid. Reason: …` when EventBridge would refuse it
 * @returns the compiled pattern
 * @example
 * const pattern = compileEventPattern({ source: ['aws.s3'], detail: { object: { key: [{ prefix: 'originals/' }] } } });
 * matchesEventPattern(pattern, event); // true for an upload under originals/
 */
export function compileEventPattern(pattern: unknown): CompiledEventPattern {
  const root = compilePatternTree(pattern);
  return { source: typeof pattern === 'string' ? (JSON.parse(pattern) as unknown) : pattern, root };
}

/**
 * Whether an event matches, as EventBridge decides it.
 * @returns true when the rule would deliver the event
 */
export function matchesEventPattern(pattern: CompiledEventPattern, event: unknown): boolean {
  return matchNode(pattern.root, event);
}

/**
 * TestEventPattern in one call: compiles, then matches.
 * @throws {InvalidEventPatternError} for a pattern EventBridge would refuse
 * @returns whether the event matches
 */
export function testEventPattern(pattern: unknown, event: unknown): boolean {
  return matchesEventPattern(compileEventPattern(pattern), event);
}
