import { describe, expect, it } from 'vitest';
import {
  matchesArgumentFilter,
  matchesFieldFilter,
  matchesSubscriptionFilter,
  parseSubscriptionFilter,
} from '../../../../../../infra/local/appsync/realtime/filters';
import type { FieldFilter, FilterOperator, SubscriptionFilter } from '../../../../../../infra/local/appsync/realtime/filters';

function parsed(raw: unknown): SubscriptionFilter {
  const result = parseSubscriptionFilter(raw);
  if (!result.ok) throw result.error;
  return result.filter;
}

/**
 * AWS's ticket example (aws-appsync-real-time-enhanced-filtering): onSpecialTicketCreated receives
 * tickets with severity ≥ 7 and priority high or medium, OR category security and group admin or
 * operators — what util.transform.toSubscriptionFilter makes of
 * `{or: [{severity: {ge: 7}, priority: {in: ['high','medium']}}, {category: {eq: 'security'}, group: {in: ['admin','operators']}}]}`.
 */
const SPECIAL_TICKET_FILTER = {
  filterGroup: [
    {
      filters: [
        { fieldName: 'severity', operator: 'ge', value: 7 },
        { fieldName: 'priority', operator: 'in', value: ['high', 'medium'] },
      ],
    },
    {
      filters: [
        { fieldName: 'category', operator: 'eq', value: 'security' },
        { fieldName: 'group', operator: 'in', value: ['admin', 'operators'] },
      ],
    },
  ],
};

const ticket = (fields: Record<string, unknown>) => ({
  id: 't1',
  createdAt: '2024-01-01T00:00:00Z',
  content: 'Printer on fire',
  severity: 1,
  priority: 'low',
  category: 'hardware',
  group: 'users',
  status: 'open',
  ...fields,
});

describe('Function: matchesSubscriptionFilter — AWS ticket examples', () => {
  const filter = parsed(SPECIAL_TICKET_FILTER);

  it.each([
    ['severity 7, priority high', ticket({ severity: 7, priority: 'high' }), true],
    ['severity 9, priority medium', ticket({ severity: 9, priority: 'medium' }), true],
    ['severity 9 but priority low', ticket({ severity: 9, priority: 'low' }), false],
    ['priority high but severity 6', ticket({ severity: 6, priority: 'high' }), false],
    ['security for admins', ticket({ category: 'security', group: 'admin' }), true],
    ['security for operators', ticket({ category: 'security', group: 'operators' }), true],
    ['security for users', ticket({ category: 'security', group: 'users' }), false],
    ['an admin hardware ticket', ticket({ category: 'hardware', group: 'admin' }), false],
  ])('%s → %s', (_name, payload, expected) => {
    expect(matchesSubscriptionFilter(filter, payload)).toBe(expected);
  });

  it('matches the extensions reference example: userId 1 OR group in Admin, Developer', () => {
    // Prepare
    const reference = parsed({
      filterGroup: [
        { filters: [{ fieldName: 'userId', operator: 'eq', value: 1 }] },
        { filters: [{ fieldName: 'group', operator: 'in', value: ['Admin', 'Developer'] }] },
      ],
    });
    // Act & Assess
    expect(matchesSubscriptionFilter(reference, { userId: 1, group: 'Sales' })).toBe(true);
    expect(matchesSubscriptionFilter(reference, { userId: 2, group: 'Developer' })).toBe(true);
    expect(matchesSubscriptionFilter(reference, { userId: 2, group: 'Sales' })).toBe(false);
  });

  it('accepts the filter as JSON text (what VTL templates hand over)', () => {
    expect(matchesSubscriptionFilter(parsed(JSON.stringify(SPECIAL_TICKET_FILTER)), ticket({ severity: 8, priority: 'high' }))).toBe(true);
  });

  it('places no condition with an empty filterGroup', () => {
    expect(matchesSubscriptionFilter(parsed({ filterGroup: [] }), ticket({}))).toBe(true);
  });
});

describe('Function: matchesFieldFilter — operators', () => {
  const check = (operator: FilterOperator, value: unknown, payload: unknown, fieldName = 'f'): boolean =>
    matchesFieldFilter({ fieldName, operator, value } as FieldFilter, payload);

  it.each<[FilterOperator, unknown, unknown, boolean]>([
    ['eq', 'a', { f: 'a' }, true],
    ['eq', 1, { f: '1' }, false],
    ['eq', true, { f: true }, true],
    ['eq', 'a', {}, false],
    ['ne', 'a', { f: 'b' }, true],
    ['ne', 'a', { f: 'a' }, false],
    ['ne', 'a', {}, true],
    ['le', 5, { f: 5 }, true],
    ['le', 5, { f: 6 }, false],
    ['lt', 5, { f: 5 }, false],
    ['lt', 5, { f: 4.5 }, true],
    ['ge', 5, { f: 5 }, true],
    ['gt', 5, { f: 5 }, false],
    ['gt', 'b', { f: 'c' }, true],
    ['gt', 5, { f: '6' }, false],
    ['lt', 5, {}, false],
    ['contains', 'fire', { f: 'Printer on fire' }, true],
    ['contains', 'ice', { f: 'Printer on fire' }, false],
    ['contains', 10, { f: [5, 10, 15] }, true],
    ['contains', 'x', { f: ['y'] }, false],
    ['notContains', 'ice', { f: 'Printer on fire' }, true],
    ['notContains', 10, { f: [5, 10] }, false],
    ['beginsWith', 'AWS', { f: 'AWS AppSync' }, true],
    ['beginsWith', 'App', { f: 'AWS AppSync' }, false],
    ['in', ['a', 'b'], { f: 'b' }, true],
    ['in', ['a', 'b'], { f: 'c' }, false],
    ['in', ['a'], {}, false],
    ['notIn', ['a', 'b'], { f: 'c' }, true],
    ['notIn', ['a', 'b'], { f: 'a' }, false],
    ['between', [1, 5], { f: 1 }, true],
    ['between', [1, 5], { f: 5 }, true],
    ['between', [1, 5], { f: 6 }, false],
    ['between', ['2024-01-01', '2024-12-31'], { f: '2024-06-01T00:00:00Z' }, true],
    ['containsAny', [10, 15], { f: [1, 15] }, true],
    ['containsAny', [10, 15], { f: [1, 2] }, false],
    ['containsAny', ['admin'], { f: 'admin' }, true],
    ['attributeExists', true, { f: 0 }, true],
    ['attributeExists', true, { f: null }, false],
    ['attributeExists', false, {}, true],
    ['attributeExists', false, { f: 'x' }, false],
  ])('%s %j on %j → %s', (operator, value, payload, expected) => {
    expect(check(operator, value, payload)).toBe(expected);
  });

  it('reads nested fields with dot notation (AppSync nested filtering)', () => {
    // Prepare: the GameEvent example from AWS's nested filtering announcement.
    const event = { id: 'e1', game: { id: 'g1' }, player: { id: 'p1', stats: { assists: 3, points: 30 } } };
    // Act & Assess
    expect(check('gt', 25, event, 'player.stats.points')).toBe(true);
    expect(check('eq', 'g2', event, 'game.id')).toBe(false);
    expect(check('attributeExists', false, event, 'player.stats.rebounds')).toBe(true);
    expect(check('eq', 'x', { player: 'flat' }, 'player.id')).toBe(false);
  });
});

describe('Function: parseSubscriptionFilter — AppSync limits', () => {
  const group = (count: number) => ({
    filters: Array.from({ length: count }, (_, index) => ({ fieldName: `f${index}`, operator: 'eq', value: index })),
  });

  it('accepts 10 groups of 5 filters', () => {
    expect(parseSubscriptionFilter({ filterGroup: Array.from({ length: 10 }, () => group(5)) }).ok).toBe(true);
  });

  it.each([
    ['11 filter groups', { filterGroup: Array.from({ length: 11 }, () => group(1)) }, 'maxGroups', /Filters combination exceed maximum limit/],
    ['6 filters in a group', { filterGroup: [group(6)] }, 'maxFiltersPerGroup', /Filters exceed maximum attributes limit/],
    [
      'one field twice in a group',
      {
        filterGroup: [
          {
            filters: [
              { fieldName: 'a', operator: 'ge', value: 1 },
              { fieldName: 'a', operator: 'le', value: 5 },
            ],
          },
        ],
      },
      'repeatedFieldName',
      /same fieldName multiple time/,
    ],
    [
      'six values for in',
      { filterGroup: [{ filters: [{ fieldName: 'a', operator: 'in', value: [1, 2, 3, 4, 5, 6] }] }] },
      'maxValues',
      /operator `in` exceeds maximum value limit of 5/,
    ],
    [
      'six values for notIn',
      { filterGroup: [{ filters: [{ fieldName: 'a', operator: 'notIn', value: ['1', '2', '3', '4', '5', '6'] }] }] },
      'maxValues',
      /notIn/,
    ],
    [
      '21 values for containsAny',
      { filterGroup: [{ filters: [{ fieldName: 'a', operator: 'containsAny', value: Array.from({ length: 21 }, (_, i) => i) }] }] },
      'maxValues',
      /limit of 20/,
    ],
    ['an unknown operator', { filterGroup: [{ filters: [{ fieldName: 'a', operator: 'like', value: 'x' }] }] }, 'unknownOperator', /"like"/],
    ['between with one value', { filterGroup: [{ filters: [{ fieldName: 'a', operator: 'between', value: [1] }] }] }, 'valueType', /exactly 2/],
    ['between of mixed types', { filterGroup: [{ filters: [{ fieldName: 'a', operator: 'between', value: [1, 'z'] }] }] }, 'valueType', /one type/],
    ['beginsWith a number', { filterGroup: [{ filters: [{ fieldName: 'a', operator: 'beginsWith', value: 1 }] }] }, 'valueType', /a string/],
    ['gt a boolean', { filterGroup: [{ filters: [{ fieldName: 'a', operator: 'gt', value: true }] }] }, 'valueType', /string or number/],
    ['eq an object', { filterGroup: [{ filters: [{ fieldName: 'a', operator: 'eq', value: {} }] }] }, 'valueType', /found object/],
    ['attributeExists a string', { filterGroup: [{ filters: [{ fieldName: 'a', operator: 'attributeExists', value: 'yes' }] }] }, 'valueType', /boolean/],
    ['in with no values', { filterGroup: [{ filters: [{ fieldName: 'a', operator: 'in', value: [] }] }] }, 'valueType', /at least one/],
    ['a field six levels deep', { filterGroup: [{ filters: [{ fieldName: 'a.b.c.d.e.f', operator: 'eq', value: 1 }] }] }, 'fieldName', /deeper than 5/],
    ['a 257-character field', { filterGroup: [{ filters: [{ fieldName: 'x'.repeat(257), operator: 'eq', value: 1 }] }] }, 'fieldName', /256/],
    ['an empty path segment', { filterGroup: [{ filters: [{ fieldName: 'a..b', operator: 'eq', value: 1 }] }] }, 'fieldName', /empty path segment/],
    ['no filterGroup', { filters: [] }, 'shape', /"filterGroup" array/],
    ['a group without filters', { filterGroup: [{}] }, 'shape', /"filters" array/],
    ['a filter that is a string', { filterGroup: [{ filters: ['a eq 1'] }] }, 'shape', /found string/],
    ['JSON text that does not parse', '{"filterGroup":', 'shape', /not valid JSON/],
  ])('refuses %s', (_name, raw, violation, message) => {
    // Act
    const result = parseSubscriptionFilter(raw);
    // Assess
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.violation).toBe(violation);
    expect(result.error.message).toMatch(message);
  });
});

describe('Function: matchesArgumentFilter', () => {
  it('requires every non-null argument to equal the top-level field of the same name', () => {
    // Prepare: onGroupTicketCreated(group: "admin")
    const payload = ticket({ group: 'admin', severity: 3 });
    // Act & Assess
    expect(matchesArgumentFilter({ group: 'admin' }, payload)).toBe(true);
    expect(matchesArgumentFilter({ group: 'operators' }, payload)).toBe(false);
    expect(matchesArgumentFilter({ group: 'admin', severity: 3 }, payload)).toBe(true);
    expect(matchesArgumentFilter({ group: 'admin', severity: 4 }, payload)).toBe(false);
  });

  it('ignores null and omitted arguments', () => {
    expect(matchesArgumentFilter({ group: null, severity: undefined }, ticket({}))).toBe(true);
    expect(matchesArgumentFilter({}, ticket({}))).toBe(true);
  });

  it('never matches a field the mutation did not select (it is absent or null)', () => {
    expect(matchesArgumentFilter({ mediaId: 'm1' }, { id: 'm1', owner: 'u1' })).toBe(false);
    expect(matchesArgumentFilter({ owner: 'u1' }, { id: 'm1', owner: null })).toBe(false);
  });

  it('compares ID arguments with numbers by their string form', () => {
    expect(matchesArgumentFilter({ id: '42' }, { id: 42 })).toBe(true);
  });
});
