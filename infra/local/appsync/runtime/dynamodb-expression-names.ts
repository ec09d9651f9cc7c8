import { toDynamoDB } from './dynamodb-conversions';
import type { TypedValue } from './dynamodb-conversions';

/**
 * Placeholders for the expressions the dynamodb module writes (update, projection): one `#name`
 * per attribute name, one `:value` per value, both derived from the attribute path and made safe
 * for DynamoDB (letters, digits, underscore), with a numeric suffix when two would collide.
 */

/** One step of a document path: an attribute name or a list index. */
export type PathSegment = { kind: 'name'; name: string } | { kind: 'index'; index: number };

function sanitize(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9_]/g, '_');
  return safe === '' ? 'attr' : safe;
}

export class ExpressionPlaceholders {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, TypedValue> = {};
  private readonly placeholderOfName = new Map<string, string>();

  /** The `#placeholder` of an attribute name (the same name always gets the same placeholder). */
  name(attribute: string): string {
    const existing = this.placeholderOfName.get(attribute);
    if (existing !== undefined) return existing;
    const base = `#${sanitize(attribute)}`;
    let placeholder = base;
    for (let suffix = 1; Object.hasOwn(this.names, placeholder); suffix += 1) placeholder = `${base}_${suffix}`;
    this.names[placeholder] = attribute;
    this.placeholderOfName.set(attribute, placeholder);
    return placeholder;
  }

  /** A new `:placeholder` for `value` (typed with toDynamoDB), named after `path`. */
  value(path: PathSegment[], value: unknown): string {
    const base = `:${sanitize(path.map((segment) => (segment.kind === 'name' ? segment.name : String(segment.index))).join('_'))}`;
    let placeholder = base;
    for (let suffix = 1; Object.hasOwn(this.values, placeholder); suffix += 1) placeholder = `${base}_${suffix}`;
    this.values[placeholder] = toDynamoDB(value);
    return placeholder;
  }

  /** A document path in expression form: `#a.#b[2]`. */
  path(path: PathSegment[]): string {
    let text = '';
    for (const segment of path) {
      switch (segment.kind) {
        case 'name':
          text += `${text === '' ? '' : '.'}${this.name(segment.name)}`;
          break;
        case 'index':
          text += `[${segment.index}]`;
          break;
      }
    }
    return text;
  }
}

/** Splits a projection path such as "nested.object[1]" into segments. */
export function parseDocumentPath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const part of String(path).split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (match === null || match[1] === '') throw new TypeError(`Invalid attribute path ${JSON.stringify(path)}`);
    segments.push({ kind: 'name', name: match[1] as string });
    for (const index of (match[2] ?? '').matchAll(/\[(\d+)\]/g)) segments.push({ kind: 'index', index: Number(index[1]) });
  }
  return segments;
}
