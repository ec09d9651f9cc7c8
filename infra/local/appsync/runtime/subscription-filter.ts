import { copyJsonValue, definedEntries, isRecord } from './values';

/**
 * `util.transform.toSubscriptionFilter(filter, ignoredFields?, rules?)`: a filter object to the
 * `{ filterGroup: [{ filters: [{ fieldName, operator, value }] }] }` form that
 * `extensions.setSubscriptionFilter` takes — groups are OR-ed, the filters in a group AND-ed.
 * https://docs.aws.amazon.com/appsync/latest/devguide/transformation-helpers-in-utils-transform-js.html
 *
 * AppSync's behaviour (recorded from AWS by the localstack/appsync-utils test suite):
 * - each operator of a field, each member of an `or` and each rule is an alternative, so groups
 *   multiply out in key order (`{ a: { eq: 1, ne: 2 } }` gives two groups);
 * - `and` members are combined into every group; `not` is not special (it is read as a field name);
 * - operators and values are carried through unchecked, field paths ("loc.addr.country") as written;
 * - `ignoredFields` drops those field names at any depth of the first object (not from `rules`);
 * - groups left empty are dropped (`{}` gives `{ filterGroup: [] }`), while rules alone still
 *   make groups;
 * - anything but an object (null, an array, a JSON string) gives null.
 */

/** One filter of a subscription filter group. */
export interface SubscriptionFilterEntry {
  fieldName: string;
  operator: string;
  value: unknown;
}

/** The object `extensions.setSubscriptionFilter` takes. */
export interface SubscriptionFilterObject {
  filterGroup: { filters: SubscriptionFilterEntry[] }[];
}

/** Alternatives in disjunctive normal form: OR of groups, each an AND of filters. */
type Alternatives = SubscriptionFilterEntry[][];

class UnreadableFilter extends Error {}

function product(left: Alternatives, right: Alternatives): Alternatives {
  return left.flatMap((group) => right.map((other) => [...group, ...other]));
}

function fieldAlternatives(fieldName: string, operators: unknown): Alternatives {
  if (!isRecord(operators)) throw new UnreadableFilter();
  return definedEntries(operators).map(([operator, value]) => [{ fieldName, operator, value: copyJsonValue(value) }]);
}

function members(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new UnreadableFilter();
  return value as unknown[];
}

function alternativesOf(filter: unknown, ignored: ReadonlySet<string>): Alternatives {
  if (!isRecord(filter)) throw new UnreadableFilter();
  let alternatives: Alternatives = [[]];
  for (const [key, value] of definedEntries(filter)) {
    if (ignored.has(key)) continue;
    switch (key) {
      case 'and':
        alternatives = members(value).reduce<Alternatives>(
          (combined, member) => product(combined, alternativesOf(member, ignored)),
          alternatives,
        );
        break;
      case 'or':
        alternatives = product(
          alternatives,
          members(value).flatMap((member) => alternativesOf(member, ignored)),
        );
        break;
      default:
        alternatives = product(alternatives, fieldAlternatives(key, value));
    }
  }
  return alternatives;
}

/** The subscription filter for `filter`, or null when `filter` (or `rules`) is not a filter object. */
export function toSubscriptionFilter(filter: unknown, ignoredFields?: unknown, rules?: unknown): SubscriptionFilterObject | null {
  const ignored = new Set(Array.isArray(ignoredFields) ? (ignoredFields as unknown[]).map(String) : []);
  try {
    let alternatives = alternativesOf(filter, ignored);
    if (isRecord(rules)) {
      const ruleAlternatives = definedEntries(rules).flatMap(([fieldName, operators]) =>
        fieldAlternatives(fieldName, operators),
      );
      if (ruleAlternatives.length > 0) alternatives = product(alternatives, ruleAlternatives);
    } else if (rules !== undefined && rules !== null) {
      return null;
    }
    return { filterGroup: alternatives.filter((group) => group.length > 0).map((filters) => ({ filters })) };
  } catch (error) {
    if (error instanceof UnreadableFilter) return null;
    throw error;
  }
}
