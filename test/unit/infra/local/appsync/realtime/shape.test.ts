import { buildSchema, Kind, parse } from 'graphql';
import type { FragmentDefinitionNode, OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compilePayloadShaper, InvalidSubscriptionSelectionError } from '../../../../../../infra/local/appsync/realtime/shape';

const schema = buildSchema(/* GraphQL */ `
  scalar AWSDateTime
  directive @aws_subscribe(mutations: [String!]!) on FIELD_DEFINITION
  interface Node { id: ID! }
  type Todo implements Node { id: ID! name: String! created: AWSDateTime! owner: User tags: [String!] comments: [Comment] }
  type User implements Node { id: ID! name: String }
  type Comment { text: String! }
  type Query { todo: Todo }
  type Mutation { addTodo(name: String!): Todo strict(name: String!): Todo! node: Node }
  type Subscription {
    newTodo: Todo @aws_subscribe(mutations: ["addTodo"])
    strictTodo: Todo! @aws_subscribe(mutations: ["strict"])
    onNode: Node @aws_subscribe(mutations: ["node"])
  }
`);

function shaperFor(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('no operation');
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return compilePayloadShaper({ schema, operation, fragments, variables });
}

const published = {
  id: 't1',
  name: 'todo1',
  created: '2024-01-01T00:00:00.000Z',
  owner: { id: 'u1', name: 'Ann' },
  tags: ['a', 'b'],
  comments: [{ text: 'hi' }, null],
};

describe('Function: compilePayloadShaper', () => {
  it('returns only the subscriber’s selection from the published value', () => {
    // Prepare
    const shaper = shaperFor('subscription { newTodo { id name } }');
    // Act
    const payload = shaper.shape(published);
    // Assess
    expect(payload).toEqual({ data: { newTodo: { id: 't1', name: 'todo1' } } });
    expect(shaper.fieldName).toBe('newTodo');
  });

  it('honours aliases on the root field and inside it, and __typename', () => {
    const shaper = shaperFor('subscription S { created: newTodo { key: id __typename who: owner { n: name __typename } } }');
    expect(shaper.responseKey).toBe('created');
    expect(shaper.shape(published)).toEqual({
      data: { created: { key: 't1', __typename: 'Todo', who: { n: 'Ann', __typename: 'User' } } },
    });
  });

  it('returns null for fields the mutation did not select (nullable fields)', () => {
    // Prepare: the mutation selected only id, name, created.
    const shaper = shaperFor('subscription { newTodo { id owner { id name } tags } }');
    // Act & Assess
    expect(shaper.shape({ id: 't1', name: 'todo1', created: 'x' })).toEqual({ data: { newTodo: { id: 't1', owner: null, tags: null } } });
  });

  it('gives AppSync’s error and nulls the nearest nullable parent when a non-null field is missing', () => {
    // Prepare: graphql-on-aws-appsync-book "Event fields": the mutation did not select `created`.
    const shaper = shaperFor('subscription { newTodo { created id name } }');
    // Act
    const payload = shaper.shape({ id: 't1', name: 'todo2' });
    // Assess
    expect(payload).toEqual({
      data: { newTodo: null },
      errors: [
        {
          message: "Cannot return null for non-nullable type: 'AWSDateTime' within parent 'Todo' (/newTodo/created)",
          path: ['newTodo', 'created'],
        },
      ],
    });
  });

  it('nulls the whole data when the subscription field itself is non-null', () => {
    const payload = shaperFor('subscription { strictTodo { created } }').shape({ id: 't1' });
    expect(payload.data).toBeNull();
    expect(payload.errors).toHaveLength(1);
  });

  it('shapes lists element by element and keeps nullable null elements', () => {
    const shaper = shaperFor('subscription { newTodo { tags comments { text } } }');
    expect(shaper.shape(published)).toEqual({ data: { newTodo: { tags: ['a', 'b'], comments: [{ text: 'hi' }, null] } } });
  });

  it('bubbles a null inside a list item to the item when the item is nullable', () => {
    const shaper = shaperFor('subscription { newTodo { comments { text } } }');
    const payload = shaper.shape({ comments: [{ text: null }, { text: 'ok' }] });
    expect(payload.data).toEqual({ newTodo: { comments: [null, { text: 'ok' }] } });
    expect(payload.errors?.[0]?.path).toEqual(['newTodo', 'comments', 0, 'text']);
  });

  it('applies fragments, inline fragments and merges repeated fields', () => {
    const shaper = shaperFor(`
      subscription { newTodo { ...Basics ... on Todo { owner { id } } owner { name } } }
      fragment Basics on Todo { id name }
    `);
    expect(shaper.shape(published)).toEqual({ data: { newTodo: { id: 't1', name: 'todo1', owner: { id: 'u1', name: 'Ann' } } } });
  });

  it('applies @skip and @include with variables', () => {
    const shaper = shaperFor('subscription ($withName: Boolean!) { newTodo { id name @include(if: $withName) tags @skip(if: true) } }', {
      withName: false,
    });
    expect(shaper.shape(published)).toEqual({ data: { newTodo: { id: 't1' } } });
  });

  it('resolves abstract types from __typename in the published value', () => {
    const shaper = shaperFor('subscription { onNode { id __typename ... on User { name } ... on Todo { tags } } }');
    expect(shaper.shape({ __typename: 'User', id: 'u1', name: 'Ann' })).toEqual({
      data: { onNode: { id: 'u1', __typename: 'User', name: 'Ann' } },
    });
    expect(shaper.shape({ id: 'u1' })).toEqual({ data: { onNode: null } });
  });

  it('never runs resolvers: values come only from the published object', () => {
    // Prepare: a field whose value would be computed by a resolver is simply absent.
    const shaper = shaperFor('subscription { newTodo { owner { name } } }');
    expect(shaper.shape({ owner: { id: 'u1' } })).toEqual({ data: { newTodo: { owner: { name: null } } } });
  });

  it('refuses a subscription on a field the schema does not define', () => {
    expect(() => shaperFor('subscription { nope { id } }')).toThrow(InvalidSubscriptionSelectionError);
  });
});
