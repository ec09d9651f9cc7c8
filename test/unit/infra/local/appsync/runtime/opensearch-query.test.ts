import { describe, expect, it } from 'vitest';
import { toElasticsearchQueryDSL } from '../../../../../../infra/local/appsync/runtime/opensearch-query';

describe('Function: util.transform.toElasticsearchQueryDSL', () => {
  it('gives the documented output for the documented input', () => {
    // https://docs.aws.amazon.com/appsync/latest/devguide/transformation-helpers-in-utils-transform-js.html
    // Act
    const result = toElasticsearchQueryDSL({ upvotes: { ne: 15, range: [10, 20] }, title: { eq: 'hihihi', wildcard: 'h*i' } });

    // Assess
    expect(JSON.parse(result ?? 'null')).toEqual({
      bool: {
        must: [
          {
            bool: {
              must: [{ bool: { must_not: { term: { upvotes: 15 } } } }, { range: { upvotes: { gte: 10, lte: 20 } } }],
            },
          },
          { bool: { must: [{ term: { title: 'hihihi' } }, { wildcard: { title: 'h*i' } }] } },
        ],
      },
    });
  });

  it('maps and/or/not to bool must/should/must_not', () => {
    const result = JSON.parse(toElasticsearchQueryDSL({ or: [{ a: { eq: 1 } }, { not: { b: { gt: 2 } } }] }) ?? 'null');
    expect(result).toEqual({
      bool: {
        must: [
          {
            bool: {
              should: [
                { bool: { must: [{ term: { a: 1 } }] } },
                { bool: { must: [{ bool: { must_not: { bool: { must: [{ range: { b: { gt: 2 } } }] } } } }] } },
              ],
            },
          },
        ],
      },
    });
  });

  it('answers null for input it cannot render', () => {
    expect(toElasticsearchQueryDSL(null)).toBeNull();
    expect(toElasticsearchQueryDSL({ a: { nope: 1 } })).toBeNull();
  });
});
