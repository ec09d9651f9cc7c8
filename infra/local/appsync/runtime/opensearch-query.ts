import { copyJsonValue, definedEntries, isRecord } from './values';

/**
 * `util.transform.toElasticsearchQueryDSL`: a filter object to an OpenSearch bool query, returned
 * as a JSON string. AppSync's documented example — `{ upvotes: { ne: 15, range: [10, 20] },
 * title: { eq: "hihihi", wildcard: "h*i" } }` — gives a `bool.must` of one clause per field, a
 * field with several operators being its own `bool.must`.
 * https://docs.aws.amazon.com/appsync/latest/devguide/transformation-helpers-in-utils-transform-js.html
 * Mediagraph has no OpenSearch data source; this exists so resolvers written for one still run.
 */

type Clause = Record<string, unknown>;

class UnrenderableQuery extends Error {}

const termLevel: Record<string, string> = {
  match: 'match',
  matchPhrase: 'match_phrase',
  matchPhrasePrefix: 'match_phrase_prefix',
  wildcard: 'wildcard',
  regexp: 'regexp',
};

function operatorClause(field: string, operator: string, argument: unknown): Clause {
  const value = copyJsonValue(argument);
  const queryName = termLevel[operator];
  if (queryName !== undefined) return { [queryName]: { [field]: value } };
  switch (operator) {
    case 'eq':
      return { term: { [field]: value } };
    case 'ne':
      return { bool: { must_not: { term: { [field]: value } } } };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { range: { [field]: { [operator]: value } } };
    case 'range': {
      if (!Array.isArray(value) || value.length < 2) throw new UnrenderableQuery();
      return { range: { [field]: { gte: value[0], lte: value[1] } } };
    }
    case 'multiMatch':
      return { multi_match: { query: value, fields: [field] } };
    case 'exists':
      return value === false ? { bool: { must_not: { exists: { field } } } } : { exists: { field } };
    default:
      throw new UnrenderableQuery();
  }
}

function memberClauses(key: string, value: unknown): Clause {
  switch (key) {
    case 'and':
    case 'or': {
      if (!Array.isArray(value)) throw new UnrenderableQuery();
      const clauses = (value as unknown[]).map((member) => queryOf(member));
      return { bool: { [key === 'and' ? 'must' : 'should']: clauses } };
    }
    case 'not':
      return { bool: { must_not: queryOf(value) } };
    default: {
      if (!isRecord(value)) throw new UnrenderableQuery();
      const clauses = definedEntries(value).map(([operator, argument]) => operatorClause(key, operator, argument));
      return clauses.length === 1 ? (clauses[0] as Clause) : { bool: { must: clauses } };
    }
  }
}

function queryOf(filter: unknown): Clause {
  if (!isRecord(filter)) throw new UnrenderableQuery();
  return { bool: { must: definedEntries(filter).map(([key, value]) => memberClauses(key, value)) } };
}

/** The OpenSearch query DSL for `filter` as a JSON string, or null when `filter` cannot be rendered. */
export function toElasticsearchQueryDSL(filter: unknown): string | null {
  try {
    return JSON.stringify(queryOf(filter));
  } catch (error) {
    if (error instanceof UnrenderableQuery) return null;
    throw error;
  }
}
