/**
 * EventBridge's `wildcard` operator: `*` matches any run of characters (including none); `\*` is a
 * literal asterisk and `\\` a literal backslash; any other escape, and two `*` in a row, are refused.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-wildcard-matching
 * Error positions are byte offsets in the value as the engine sees it: UTF-8, wrapped in quotes (so
 * the first character is at position 1) — AWS answered `Consecutive wildcard characters at pos 26`
 * for `arn:aws:events:us-east-1:**:event-bus/*`.
 */
import { invalidPattern } from './pattern-errors';

/**
 * Compiles a wildcard value to an anchored regular expression.
 * @throws {InvalidEventPatternError} for `**` or a bad escape
 * @returns a RegExp matching whole strings
 */
export function compileWildcard(value: string): RegExp {
  const characters = [...value]; // code points, so positions count whole characters
  let source = '';
  let bytePosition = 1; // the opening quote
  for (let index = 0; index < characters.length; index += 1) {
    const character = characters[index] as string;
    const next = characters[index + 1];
    if (character === '*') {
      if (next === '*') {
        invalidPattern(`Consecutive wildcard characters at pos ${bytePosition}`);
      }
      source += '[\\s\\S]*';
    } else if (character === '\\') {
      if (next !== '*' && next !== '\\') {
        invalidPattern(`Invalid escape character at pos ${bytePosition}`);
      }
      source += escapeRegExp(next);
      index += 1;
      bytePosition += 1;
    } else {
      source += escapeRegExp(character);
    }
    bytePosition += Buffer.byteLength(character, 'utf8');
  }
  return new RegExp(`^${source}$`, 'u');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
