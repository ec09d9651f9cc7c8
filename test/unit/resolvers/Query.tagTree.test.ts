import { beforeAll, describe, expect, it } from 'vitest';
import { S, callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { ALICE_SUB, alice, dynamoError, tagItem, worker } from './fixtures';

type Node = { id: string; children: Node[] };

/** Shows a tree as `id(child(...),...)` so a wrong shape reads plainly in a failure. */
function shape(nodes: Node[]): string {
  return nodes.map((n) => (n.children.length > 0 ? `${n.id}(${shape(n.children)})` : n.id)).join(',');
}

/**
 * Query.tagTree — all of the caller's tags from one byOwner Query (path order), assembled into
 * root tags with their `children` preloaded.
 */
describe('Resolver: Query.tagTree', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Query.tagTree.ts');
  });

  it("queries all of the caller's tags in one request", () => {
    // Act
    const request = valueOf(callRequest(resolver, { identity: alice }));

    // Assess
    expect(request).toStrictEqual({
      operation: 'Query',
      index: 'byOwner',
      query: { expression: 'gsi1pk = :pk', expressionValues: { ':pk': S(`OWNER#${ALICE_SUB}#TAG`) } },
      limit: 2000,
    });
  });

  it('refuses an IAM caller', () => {
    expect(errorOf(callRequest(resolver, { identity: worker })).errorType).toBe('Unauthorized');
  });

  it('nests tags under their parents, roots first, each level in path order', () => {
    // Prepare: in path order, as the byOwner index returns them
    const items = [
      tagItem('animal', 'Animal', null),
      tagItem('bird', 'Animal/Bird', 'animal'),
      tagItem('mammal', 'Animal/Mammal', 'animal'),
      tagItem('dog', 'Animal/Mammal/Dog', 'mammal'),
      tagItem('place', 'Place', null),
      tagItem('beach', 'Place/Beach', 'place'),
    ];

    // Act
    const roots = valueOf(callResponse(resolver, { identity: alice, result: { items } })) as Node[];

    // Assess
    expect(shape(roots)).toBe('animal(bird,mammal(dog)),place(beach)');
    expect(roots[0]).toMatchObject({ id: 'animal', path: 'Animal', name: 'Animal' });
  });

  it('gives leaf tags an empty children list, so Tag.children needs no further request', () => {
    // Act
    const roots = valueOf(callResponse(resolver, { identity: alice, result: { items: [tagItem('solo', 'Solo', null)] } })) as Node[];

    // Assess
    expect(roots).toHaveLength(1);
    expect(roots[0]?.children).toEqual([]);
  });

  it('returns an empty tree for a caller without tags', () => {
    expect(valueOf(callResponse(resolver, { identity: alice, result: { items: [] } }))).toEqual([]);
  });

  it('raises a data source failure with its DynamoDB type', () => {
    expect(errorOf(callResponse(resolver, { identity: alice, result: null, error: dynamoError('InternalServerError', 'x') })).errorType).toBe(
      'DynamoDB:InternalServerError',
    );
  });
});
