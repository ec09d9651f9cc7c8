import { toDynamoDB } from './dynamodb-conversions';
import type { TypedValue } from './dynamodb-conversions';
import { definedEntries, isRecord } from './values';

/**
 * `util.transform.toDynamoDBFilterExpression` / `toDynamoDBConditionExpression`: a filter object
 * such as `{ title: { contains: "Hello World" } }` to a DynamoDB expression with `#name` and
 * `:value` placeholders. https://docs.aws.amazon.com/appsync/latest/devguide/transformation-helpers-in-utils-transform-js.html
 *
 * AppSync's exact output (recorded from AWS by the localstack/appsync-utils test suite, whose
 * snapshots these rules reproduce):
 * - each comparison is wrapped: `(#v = :v_eq)`, `(contains(#v,:v_contains))` (no space after the comma),
 *   `(NOT contains(#v,:v_notContains))`, `(begins_with(#v,:v_beginsWith))`,
 *   `(#v BETWEEN :v_between_start AND :v_between_end)`, `(#v IN (:v_in_0, :v_in_1))`,
 *   `(attribute_exists(#v))`/`(attribute_not_exists(#v))`, `(attribute_type(#v,:v_attributeType))`;
 * - a field with several operators is `((…) AND (…))`; the members of one object are joined with
 *   ` AND ` and not wrapped; `and`/`or` of two or more members are wrapped, of one member not;
 *   `not` is `(NOT …)`;
 * - value names carry the path of groups: `:and_0_or_1_a_eq`, `:not_a_eq`; `size` keeps `size(#v)`
 *   as the operand and adds `size_` to value names;
 * - an empty member still takes its place (`(#a = :a_eq) AND `), an empty `in` renders `(null)`;
 * - input that is not such a filter object (null, an array, an unknown operator, `and` without a
 *   list, …) gives null instead of an expression.
 */

/** The parsed form of what the transforms return as JSON. */
export interface DynamoDBExpressionJson {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, TypedValue>;
}

/** Internal: the filter object cannot be rendered; the transform answers null. */
class UnrenderableFilter extends Error {}

const comparisonOperators: Record<string, string> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };
const functionOperators: Record<string, string> = {
  contains: 'contains',
  notContains: 'NOT contains',
  beginsWith: 'begins_with',
};

/** The `attributeType` names AppSync accepts and the DynamoDB type codes they stand for. */
const attributeTypeCodes: Record<string, string> = {
  _null: 'NULL',
  string: 'S',
  stringSet: 'SS',
  number: 'N',
  numberSet: 'NS',
  binary: 'B',
  binarySet: 'BS',
  boolean: 'BOOL',
  list: 'L',
  map: 'M',
};

class ExpressionBuilder {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, TypedValue> = {};

  name(field: string): string {
    const placeholder = `#${field}`;
    this.names[placeholder] = field;
    return placeholder;
  }

  value(placeholder: string, value: unknown): string {
    this.values[placeholder] = toDynamoDB(value);
    return placeholder;
  }

  /** One object's members joined with AND (not wrapped). */
  renderObject(filter: unknown, prefix: string): string {
    if (!isRecord(filter)) throw new UnrenderableFilter();
    return definedEntries(filter)
      .map(([key, value]) => this.renderMember(key, value, prefix))
      .join(' AND ');
  }

  private renderMember(key: string, value: unknown, prefix: string): string {
    switch (key) {
      case 'and':
      case 'or': {
        if (!Array.isArray(value)) throw new UnrenderableFilter();
        const members = (value as unknown[]).map((member, index) => this.renderObject(member, `${prefix}${key}_${index}_`));
        if (members.length <= 1) return members[0] ?? '';
        return `(${members.join(key === 'and' ? ' AND ' : ' OR ')})`;
      }
      case 'not':
        return `(NOT ${this.renderObject(value, `${prefix}not_`)})`;
      default: {
        if (!isRecord(value)) throw new UnrenderableFilter();
        const placeholder = this.name(key);
        return this.renderOperators(key, placeholder, value, `:${prefix}${key}_`);
      }
    }
  }

  /** The operators on one operand (`#v` or `size(#v)`), wrapped as AppSync wraps them. */
  private renderOperators(field: string, operand: string, operators: Record<string, unknown>, valuePrefix: string): string {
    const parts = definedEntries(operators).map(([operator, argument]) =>
      this.renderOperator(field, operand, operator, argument, valuePrefix),
    );
    if (parts.length <= 1) return parts[0] ?? '';
    return `(${parts.join(' AND ')})`;
  }

  private renderOperator(field: string, operand: string, operator: string, argument: unknown, valuePrefix: string): string {
    const comparison = comparisonOperators[operator];
    if (comparison !== undefined) {
      return `(${operand} ${comparison} ${this.value(`${valuePrefix}${operator}`, argument)})`;
    }
    const functionName = functionOperators[operator];
    if (functionName !== undefined) {
      return `(${functionName}(${operand},${this.value(`${valuePrefix}${operator}`, argument)}))`;
    }
    switch (operator) {
      case 'between': {
        if (!Array.isArray(argument) || argument.length < 2) throw new UnrenderableFilter();
        const start = this.value(`${valuePrefix}between_start`, argument[0]);
        const end = this.value(`${valuePrefix}between_end`, argument[1]);
        return `(${operand} BETWEEN ${start} AND ${end})`;
      }
      case 'in': {
        if (!Array.isArray(argument)) throw new UnrenderableFilter();
        if (argument.length === 0) return '(null)';
        const placeholders = (argument as unknown[]).map((item, index) => this.value(`${valuePrefix}in_${index}`, item));
        return `(${operand} IN (${placeholders.join(', ')}))`;
      }
      case 'attributeExists':
        if (typeof argument !== 'boolean') throw new UnrenderableFilter();
        return `(${argument ? 'attribute_exists' : 'attribute_not_exists'}(${operand}))`;
      case 'attributeType': {
        const code = typeof argument === 'string' ? attributeTypeCodes[argument] : undefined;
        if (code === undefined) throw new UnrenderableFilter();
        return `(attribute_type(${operand},${this.value(`${valuePrefix}attributeType`, code)}))`;
      }
      case 'size':
        if (!isRecord(argument)) throw new UnrenderableFilter();
        return this.renderOperators(field, `size(#${field})`, argument, `${valuePrefix}size_`);
      default:
        throw new UnrenderableFilter();
    }
  }
}

/** The expression for `filter`, or null when AppSync would answer null (not a renderable filter object). */
export function renderDynamoDBFilter(filter: unknown): DynamoDBExpressionJson | null {
  const builder = new ExpressionBuilder();
  try {
    const expression = builder.renderObject(filter, '');
    return { expression, expressionNames: builder.names, expressionValues: builder.values };
  } catch (error) {
    if (error instanceof UnrenderableFilter) return null;
    throw error;
  }
}

/** The transforms' return value: the expression as a JSON string, or null. */
export function toDynamoDBFilterExpression(filter: unknown): string | null {
  const rendered = renderDynamoDBFilter(filter);
  return rendered === null ? null : JSON.stringify(rendered);
}
