import { describe, expect, it } from 'vitest';
import { renderDynamoDBFilter, toDynamoDBFilterExpression } from '../../../../../../infra/local/appsync/runtime/dynamodb-filter-expression';
import { createTransformUtils } from '../../../../../../infra/local/appsync/runtime/transform';

/**
 * Expected values are AppSync's own output, as recorded from AWS (EvaluateCode) by the
 * localstack/appsync-utils test suite (__tests__/transform.test.js and its snapshot). AppSync orders
 * expressionNames/expressionValues arbitrarily, so those are compared as maps; the expression
 * string is compared byte for byte.
 * Doc page: https://docs.aws.amazon.com/appsync/latest/devguide/transformation-helpers-in-utils-transform-js.html
 * (its VTL-era example prints "contains(#title, :title_contains)"; the runtime really answers
 * "(contains(#title,:title_contains))", which is what these tests pin).
 */

const transform = createTransformUtils();

function render(filter: unknown) {
  const rendered = renderDynamoDBFilter(filter);
  if (rendered === null) throw new Error('expected a rendered filter');
  return rendered;
}

describe('Function: util.transform.toDynamoDBFilterExpression', () => {
  it('returns the JSON string AppSync returns for the documented contains example', () => {
    // Act
    const result = transform.toDynamoDBFilterExpression({ title: { contains: 'Hello World' } });

    // Assess
    expect(result).toBe(
      '{"expression":"(contains(#title,:title_contains))","expressionNames":{"#title":"title"},"expressionValues":{":title_contains":{"S":"Hello World"}}}',
    );
  });

  it.each([
    ['eq', '(#v = :v_eq)'],
    ['ne', '(#v <> :v_ne)'],
    ['lt', '(#v < :v_lt)'],
    ['le', '(#v <= :v_le)'],
    ['gt', '(#v > :v_gt)'],
    ['ge', '(#v >= :v_ge)'],
    ['contains', '(contains(#v,:v_contains))'],
    ['notContains', '(NOT contains(#v,:v_notContains))'],
    ['beginsWith', '(begins_with(#v,:v_beginsWith))'],
  ])('renders %s as AppSync does', (operator, expression) => {
    const rendered = render({ v: { [operator]: 'x' } });
    expect(rendered).toEqual({
      expression,
      expressionNames: { '#v': 'v' },
      expressionValues: { [`:v_${operator}`]: { S: 'x' } },
    });
  });

  it('types operands with util.dynamodb.toDynamoDB: numbers stay numbers, null is NULL, objects M, lists L', () => {
    expect(render({ v: { eq: 10 } }).expressionValues).toEqual({ ':v_eq': { N: 10 } });
    expect(render({ v: { eq: 1.5 } }).expressionValues).toEqual({ ':v_eq': { N: 1.5 } });
    expect(render({ v: { eq: true } }).expressionValues).toEqual({ ':v_eq': { BOOL: true } });
    expect(render({ v: { eq: null } }).expressionValues).toEqual({ ':v_eq': { NULL: null } });
    expect(render({ v: { eq: { a: 1 } } }).expressionValues).toEqual({ ':v_eq': { M: { a: { N: 1 } } } });
    expect(render({ v: { eq: [1, 2] } }).expressionValues).toEqual({ ':v_eq': { L: [{ N: 1 }, { N: 2 }] } });
  });

  it('names between bounds start and end and ignores a third bound', () => {
    const rendered = render({ v: { between: ['1', '9', '3'] } });
    expect(rendered.expression).toBe('(#v BETWEEN :v_between_start AND :v_between_end)');
    expect(rendered.expressionValues).toEqual({ ':v_between_start': { S: '1' }, ':v_between_end': { S: '9' } });
  });

  it('separates in values with a comma and a space, and renders an empty in as (null)', () => {
    expect(render({ v: { in: ['a', 'b'] } }).expression).toBe('(#v IN (:v_in_0, :v_in_1))');
    expect(render({ v: { in: ['a', 'b'] } }).expressionValues).toEqual({ ':v_in_0': { S: 'a' }, ':v_in_1': { S: 'b' } });
    expect(render({ v: { in: [] } })).toEqual({ expression: '(null)', expressionNames: { '#v': 'v' }, expressionValues: {} });
  });

  it('renders attributeExists and every attributeType name with its DynamoDB type code', () => {
    expect(render({ v: { attributeExists: true } }).expression).toBe('(attribute_exists(#v))');
    expect(render({ v: { attributeExists: false } })).toEqual({
      expression: '(attribute_not_exists(#v))',
      expressionNames: { '#v': 'v' },
      expressionValues: {},
    });
    const rendered = render({
      a: { attributeType: '_null' },
      b: { attributeType: 'string' },
      c: { attributeType: 'stringSet' },
      d: { attributeType: 'number' },
      e: { attributeType: 'numberSet' },
      f: { attributeType: 'binary' },
      g: { attributeType: 'binarySet' },
      h: { attributeType: 'boolean' },
      i: { attributeType: 'list' },
      j: { attributeType: 'map' },
    });
    expect(rendered.expression).toBe(
      '(attribute_type(#a,:a_attributeType)) AND (attribute_type(#b,:b_attributeType)) AND (attribute_type(#c,:c_attributeType)) AND (attribute_type(#d,:d_attributeType)) AND (attribute_type(#e,:e_attributeType)) AND (attribute_type(#f,:f_attributeType)) AND (attribute_type(#g,:g_attributeType)) AND (attribute_type(#h,:h_attributeType)) AND (attribute_type(#i,:i_attributeType)) AND (attribute_type(#j,:j_attributeType))',
    );
    expect(Object.values(rendered.expressionValues)).toEqual(
      ['NULL', 'S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'L', 'M'].map((code) => ({ S: code })),
    );
  });

  it('renders size comparisons, ranges, functions and nested size as AppSync does', () => {
    expect(render({ v: { size: { gt: 2 } } })).toEqual({
      expression: '(size(#v) > :v_size_gt)',
      expressionNames: { '#v': 'v' },
      expressionValues: { ':v_size_gt': { N: 2 } },
    });
    expect(render({ v: { size: { between: [1, 3] } } }).expression).toBe(
      '(size(#v) BETWEEN :v_size_between_start AND :v_size_between_end)',
    );
    expect(render({ v: { size: { contains: 'x' } } }).expression).toBe('(contains(size(#v),:v_size_contains))');
    expect(render({ v: { size: { attributeExists: true } } }).expression).toBe('(attribute_exists(size(#v)))');
    expect(render({ v: { size: { gt: 2, lt: 5 } } }).expression).toBe('((size(#v) > :v_size_gt) AND (size(#v) < :v_size_lt))');
    expect(render({ v: { size: { size: { gt: 1 } } } })).toEqual({
      expression: '(size(#v) > :v_size_size_gt)',
      expressionNames: { '#v': 'v' },
      expressionValues: { ':v_size_size_gt': { N: 1 } },
    });
  });

  describe('grouping', () => {
    it.each([
      ['two fields at the top level, joined without wrapping', { a: { eq: 1 }, b: { eq: 2 } }, '(#a = :a_eq) AND (#b = :b_eq)'],
      ['a field carrying two operators, wrapped', { v: { ge: 1, le: 5 } }, '((#v >= :v_ge) AND (#v <= :v_le))'],
      ['an and of one member, not wrapped', { and: [{ a: { eq: 1 } }] }, '(#a = :and_0_a_eq)'],
      ['an and of two members', { and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, '((#a = :and_0_a_eq) AND (#b = :and_1_b_eq))'],
      ['an or of two members', { or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, '((#a = :or_0_a_eq) OR (#b = :or_1_b_eq))'],
      ['not of a comparison', { not: { a: { eq: 1 } } }, '(NOT (#a = :not_a_eq))'],
      [
        'not of a group',
        { not: { and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] } },
        '(NOT ((#a = :not_and_0_a_eq) AND (#b = :not_and_1_b_eq)))',
      ],
      ['not of a not', { not: { not: { a: { eq: 1 } } } }, '(NOT (NOT (#a = :not_not_a_eq)))'],
      [
        'not inside an and',
        { and: [{ not: { a: { eq: 1 } } }, { b: { eq: 2 } }] },
        '((NOT (#a = :and_0_not_a_eq)) AND (#b = :and_1_b_eq))',
      ],
      [
        'an and inside an or',
        { or: [{ and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, { c: { eq: 3 } }] },
        '(((#a = :or_0_and_0_a_eq) AND (#b = :or_0_and_1_b_eq)) OR (#c = :or_1_c_eq))',
      ],
      [
        'an or inside an and',
        { and: [{ or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, { c: { eq: 3 } }] },
        '(((#a = :and_0_or_0_a_eq) OR (#b = :and_0_or_1_b_eq)) AND (#c = :and_1_c_eq))',
      ],
      ['value names carrying every level', { and: [{ or: [{ and: [{ a: { eq: 1 } }] }] }] }, '(#a = :and_0_or_0_and_0_a_eq)'],
      ['a field beside a group', { a: { eq: 1 }, and: [{ b: { eq: 2 } }] }, '(#a = :a_eq) AND (#b = :and_0_b_eq)'],
      ['a dotted field name, used verbatim', { 'a.b': { eq: 1 } }, '(#a.b = :a.b_eq)'],
    ])('renders %s', (_name, filter, expression) => {
      expect(render(filter).expression).toBe(expression);
    });

    it('names values after the group path for an Amplify-style update condition', () => {
      const rendered = render({ and: [{ id: { attributeExists: true } }, { _version: { eq: 1 } }] });
      expect(rendered).toEqual({
        expression: '((attribute_exists(#id)) AND (#_version = :and_1__version_eq))',
        expressionNames: { '#id': 'id', '#_version': '_version' },
        expressionValues: { ':and_1__version_eq': { N: 1 } },
      });
    });
  });

  describe('filters that render no expression', () => {
    it.each([
      ['an empty filter', {}, '', {}],
      ['an empty group', { and: [] }, '', {}],
      ['a field without operators (keeps its name)', { v: {} }, '', { '#v': 'v' }],
      ['a size without operators', { v: { size: {} } }, '', { '#v': 'v' }],
      ['not of an empty filter', { not: {} }, '(NOT )', {}],
      ['an empty field beside a comparison (dangling joiner)', { a: { eq: 1 }, b: {} }, '(#a = :a_eq) AND ', { '#a': 'a', '#b': 'b' }],
      ['an empty member of a group (dangling joiner)', { and: [{ a: { eq: 1 } }, {}] }, '((#a = :and_0_a_eq) AND )', { '#a': 'a' }],
    ])('renders %s as AppSync does', (_name, filter, expression, names) => {
      const rendered = render(filter);
      expect(rendered.expression).toBe(expression);
      expect(rendered.expressionNames).toEqual(names);
    });
  });

  describe('filters that cannot be rendered', () => {
    it.each([
      ['no filter at all', undefined],
      ['null', null],
      ['an array', []],
      ['a string', 'string'],
      ['an unknown operator', { v: { foo: 1 } }],
      ['a field holding a value instead of operators', { v: 'x' }],
      ['a field nested in a field', { a: { b: { eq: 1 } } }],
      ['an and given a map', { and: { a: { eq: 1 } } }],
      ['an and given null', { and: null }],
      ['a group holding a null member', { and: [{ a: { eq: 1 } }, null] }],
      ['a not given a list', { not: [{ a: { eq: 1 } }] }],
      ['a range with a single bound', { v: { between: [1] } }],
      ['a range that is not a list', { v: { between: 'x' } }],
      ['an in that is not a list', { v: { in: 'x' } }],
      ['attributeExists given a string', { v: { attributeExists: 'yes' } }],
      ['attributeType given a type code', { v: { attributeType: 'S' } }],
      ['attributeType given an unknown name', { v: { attributeType: 'bogus' } }],
      ['size given a value', { v: { size: 3 } }],
    ])('answers null for %s, as AppSync does', (_name, filter) => {
      expect(toDynamoDBFilterExpression(filter)).toBeNull();
    });
  });

  it('skips operators whose value is undefined (absent in AppSync JSON), but keeps explicit null', () => {
    expect(render({ v: { eq: undefined, ne: null } }).expression).toBe('(#v <> :v_ne)');
  });
});

describe('Function: util.transform.toDynamoDBConditionExpression', () => {
  it('renders conditions exactly like filters (the Amplify create guard)', () => {
    // Prepare
    const condition = { and: [{ id: { attributeExists: false } }] };

    // Act
    const result = transform.toDynamoDBConditionExpression(condition);

    // Assess
    expect(result).toBe('{"expression":"(attribute_not_exists(#id))","expressionNames":{"#id":"id"},"expressionValues":{}}');
    expect(result).toBe(transform.toDynamoDBFilterExpression(condition));
  });

  it('renders a negated range condition as AppSync does', () => {
    const result = JSON.parse(transform.toDynamoDBConditionExpression({ not: { id: { between: ['1', '9'] } } }) ?? 'null');
    expect(result.expression).toBe('(NOT (#id BETWEEN :not_id_between_start AND :not_id_between_end))');
  });
});
