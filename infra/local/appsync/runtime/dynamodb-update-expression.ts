import { isMarkedSet } from './dynamodb-conversions';
import type { TypedValue } from './dynamodb-conversions';
import { ExpressionPlaceholders } from './dynamodb-expression-names';
import type { PathSegment } from './dynamodb-expression-names';
import { isUpdateOperation } from './dynamodb-operations';
import type { UpdateOperation } from './dynamodb-operations';
import { definedEntries, isRecord } from './values';

/**
 * The update expression of the dynamodb module's `update({ key, update })`. AppSync documents what
 * each form means (built-in modules, "update" and `operations`), not the expression text, so the
 * placeholders here are Mediagraph's own:
 * - a plain value sets the attribute (`SET #a = :a`); a plain object updates its members one by
 *   one (`SET #address.#city = :address_city`), leaving the others alone;
 * - `operations.add(v)` / `operations.replace(v)` set the whole attribute to `v`;
 * - `operations.remove()` is `REMOVE #a`;
 * - `operations.increment(n)` / `decrement(n)` are `ADD #a :a` with n / -n (DynamoDB's counter idiom,
 *   which also starts a missing counter from 0);
 * - `operations.append(list)` / `prepend(list)` are `SET #a = list_append(#a, :a)` / `list_append(:a, #a)`;
 * - a list of `operations.updateListItem(v, i)` sets those elements: `SET #a[1] = :a_1`.
 * https://docs.aws.amazon.com/appsync/latest/devguide/built-in-modules-js.html
 */

/** An update expression in AppSync's request form. */
export interface UpdateExpressionJson {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, TypedValue>;
}

class UpdateBuilder {
  readonly placeholders = new ExpressionPlaceholders();
  readonly setActions: string[] = [];
  readonly removeActions: string[] = [];
  readonly addActions: string[] = [];

  private set(path: PathSegment[], value: unknown): void {
    this.setActions.push(`${this.placeholders.path(path)} = ${this.placeholders.value(path, value)}`);
  }

  private operation(path: PathSegment[], operation: UpdateOperation): void {
    const target = this.placeholders.path(path);
    switch (operation._type) {
      case 'add':
      case 'replace':
        this.set(path, operation.value);
        return;
      case 'remove':
        this.removeActions.push(target);
        return;
      case 'increment':
        this.addActions.push(`${target} ${this.placeholders.value(path, operation.by)}`);
        return;
      case 'decrement':
        this.addActions.push(`${target} ${this.placeholders.value(path, -operation.by)}`);
        return;
      case 'append':
        this.setActions.push(`${target} = list_append(${target}, ${this.placeholders.value(path, operation.items)})`);
        return;
      case 'prepend':
        this.setActions.push(`${target} = list_append(${this.placeholders.value(path, operation.items)}, ${target})`);
        return;
      case 'updateListItem':
        this.set([...path, { kind: 'index', index: operation.index }], operation.value);
        return;
    }
  }

  walk(path: PathSegment[], value: unknown): void {
    if (value === undefined) return;
    if (isUpdateOperation(value)) {
      this.operation(path, value);
      return;
    }
    if (Array.isArray(value)) {
      const items = value as unknown[];
      const listItemUpdates = items.filter((item) => isUpdateOperation(item) && item._type === 'updateListItem');
      if (items.length > 0 && listItemUpdates.length === items.length) {
        for (const item of items) this.walk(path, item);
        return;
      }
      if (items.some((item) => isUpdateOperation(item))) {
        throw new TypeError('update: a list may hold either values or operations.updateListItem(...) entries, not both');
      }
      this.set(path, items);
      return;
    }
    if (isRecord(value) && !isMarkedSet(value)) {
      for (const [name, member] of definedEntries(value)) this.walk([...path, { kind: 'name', name }], member);
      return;
    }
    this.set(path, value);
  }

  expression(): string {
    const clauses: string[] = [];
    if (this.setActions.length > 0) clauses.push(`SET ${this.setActions.join(', ')}`);
    if (this.removeActions.length > 0) clauses.push(`REMOVE ${this.removeActions.join(', ')}`);
    if (this.addActions.length > 0) clauses.push(`ADD ${this.addActions.join(', ')}`);
    return clauses.join(' ');
  }
}

/** The update section for an `update` object of the dynamodb module. */
export function buildUpdateExpression(update: unknown): UpdateExpressionJson {
  if (!isRecord(update)) throw new TypeError('update: `update` must be an object of attributes to change');
  const builder = new UpdateBuilder();
  for (const [name, value] of definedEntries(update)) builder.walk([{ kind: 'name', name }], value);
  const expression = builder.expression();
  if (expression === '') throw new TypeError('update: `update` changes nothing');
  return {
    expression,
    expressionNames: builder.placeholders.names,
    expressionValues: builder.placeholders.values,
  };
}
