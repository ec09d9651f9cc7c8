/**
 * Numbers in event patterns. EventBridge matches numerically only within ±5.0e9 with six digits
 * after the decimal point (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#filtering-numeric-matching);
 * a pattern number outside that range is refused with the engine's reason, an event number outside
 * it never matches a numeric condition.
 */
import { invalidPattern } from './pattern-errors';

export const NUMERIC_LIMIT = 5e9;

/** Numbers are compared at the engine's precision (micro-units), so 0.1 + 0.2 equals 0.3. */
export function toComparable(value: number): number {
  return Math.round(value * 1e6);
}

/**
 * Checks a pattern's numeric operand.
 * @throws {InvalidEventPatternError} when outside ±5.0e9 (`Value must be between -5.0E9 and 5.0E9, inclusive`)
 * @returns the comparable form
 */
export function comparableOperand(value: number): number {
  if (value < -NUMERIC_LIMIT || value > NUMERIC_LIMIT) {
    invalidPattern('Value must be between -5.0E9 and 5.0E9, inclusive');
  }
  return toComparable(value);
}

/** Whether an event value takes part in numeric matching. */
export function isComparableNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= -NUMERIC_LIMIT && value <= NUMERIC_LIMIT;
}
