/**
 * `ctx.info.selectionSetList` / `ctx.info.selectionSetGraphQL` against AWS's documented example.
 * https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference-js.html#aws-appsync-resolver-context-reference-info-js
 */
import {
  buildSchema,
  getNamedType,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectionSetGraphQL, selectionSetList } from '../../../../../infra/local/appsync/selection-set';

/** A schema the documented queries are valid against. */
const schema = buildSchema(/* GraphQL */ `
  type Query {
    getPost(id: ID!): Post
    node(id: ID!): Node
    search(text: String!): SearchResult
  }
  interface Node {
    id: ID
  }
  type Post implements Node {
    id: ID
    postId: ID
    title: String
    content: String
    author(id: ID): Author
    secondAuthor(id: ID): Author
    comments: [Comment]
  }
  type Blog implements Node {
    id: ID
    title: String
    category: String
  }
  type Author {
    authorId: ID
    name: String
  }
  type Comment {
    id: ID
  }
  union SearchResult = Post | Blog
`);

/**
 * AWS's example query. The page's text has two typos that make it unparseable
 * (`inlineFrag: comments: {` and `postFrag: comments: {`); its documented selectionSetList names
 * the aliases `inlineFragComments` and `postFragComments`, which is what is used here.
 */
const documentedQuery = /* GraphQL */ `
  query ($postId: ID!, $authorId: ID) {
    getPost(id: $postId) {
      postId
      title
      secondTitle: title
      content
      author(id: $authorId) {
        authorId
        name
      }
      secondAuthor(id: "789") {
        authorId
      }
      ... on Post {
        inlineFragComments: comments {
          id
        }
      }
      ...postFrag
    }
  }

  fragment postFrag on Post {
    postFragComments: comments {
      id
    }
  }
`;

/** The root field `fieldName` of a validated document, and its fragments, as graphql-js hands them to a resolver. */
function resolvedField(query: string, fieldName: string) {
  const document: DocumentNode = parse(query);
  expect(validate(schema, document)).toEqual([]);
  const fragments: Record<string, FragmentDefinitionNode> = {};
  const fieldNodes: FieldNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments[definition.name.value] = definition;
    }
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      for (const selection of definition.selectionSet.selections) {
        if (selection.kind === Kind.FIELD && selection.name.value === fieldName) {
          fieldNodes.push(selection);
        }
      }
    }
  }
  const type = getNamedType(schema.getQueryType()!.getFields()[fieldName]!.type);
  return { fieldNodes, fragments, type };
}

describe('Function: selectionSetList', () => {
  it("matches AWS's documented list: aliases only, nested paths with '/', fields of inline fragments and fragment spreads", () => {
    // Prepare
    const { fieldNodes, fragments } = resolvedField(documentedQuery, 'getPost');

    // Act
    const list = selectionSetList(fieldNodes, fragments);

    // Assess: the documented value, in order.
    expect(list).toEqual([
      'postId',
      'title',
      'secondTitle',
      'content',
      'author',
      'author/authorId',
      'author/name',
      'secondAuthor',
      'secondAuthor/authorId',
      'inlineFragComments',
      'inlineFragComments/id',
      'postFragComments',
      'postFragComments/id',
    ]);
  });

  it('names an aliased field by its alias only ("Fields that are aliased are referenced only by the alias name")', () => {
    const { fieldNodes, fragments } = resolvedField('{ getPost(id: "1") { headline: title } }', 'getPost');
    expect(selectionSetList(fieldNodes, fragments)).toEqual(['headline']);
  });

  it('lists a field selected twice once, and merges the selections of a field requested twice', () => {
    const { fieldNodes, fragments } = resolvedField(
      '{ getPost(id: "1") { title title author { name } } getPost(id: "1") { author { authorId } } }',
      'getPost',
    );
    expect(fieldNodes).toHaveLength(2);
    expect(selectionSetList(fieldNodes, fragments)).toEqual(['title', 'author', 'author/name', 'author/authorId']);
  });

  it('is empty for a field without a selection set', () => {
    const document = parse('{ getPost(id: "1") { title } }');
    const operation = document.definitions[0];
    if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error('expected an operation');
    const getPost = operation.selectionSet.selections[0] as FieldNode;
    const title = getPost.selectionSet?.selections[0] as FieldNode;
    expect(selectionSetList([title], {})).toEqual([]);
  });

  // AWS: "selectionSetList
  // exposes only fields that belong to the current type. If the current type is an interface or
  // union, only selected fields that belong to the interface are exposed" — for this query
  // "only `id` is exposed".
  it("exposes only the interface's own fields for an interface-typed field (AWS's Node example)", () => {
    const { fieldNodes, fragments, type } = resolvedField(
      `query {
        node(id: "post1") {
          id
          ... on Post { title }
          ... on Blog { title }
        }
      }`,
      'node',
    );
    expect(selectionSetList(fieldNodes, fragments, type)).toEqual(['id']);
  });

  // Union case: AppSync gives an empty list for a union selected only through inline
  // fragments (observed: github.com/aws/aws-appsync-community/issues/358).
  it('is empty for a union-typed field selected only through inline fragments', () => {
    const { fieldNodes, fragments, type } = resolvedField(
      '{ search(text: "x") { ... on Post { id title } ... on Blog { category } } }',
      'search',
    );
    expect(selectionSetList(fieldNodes, fragments, type)).toEqual([]);
  });
});

describe('Function: selectionSetGraphQL', () => {
  it("prints the field's selection set with arguments and aliases, inline fragments kept and fragment spreads not expanded", () => {
    // Prepare
    const { fieldNodes } = resolvedField(documentedQuery, 'getPost');

    // Act
    const text = selectionSetGraphQL(fieldNodes);

    // Assess: "Although fragments aren't merged into the selection set, inline fragments are
    // preserved". Real AppSync sends the field's own selection set (`{\n  variableA\n ...}`,
    // github.com/serverless-appsync/serverless-appsync-simulator/issues/49) and keeps spreads as
    // `...FooFrag` without their definitions (github.com/aws/aws-appsync-community/issues/142).
    expect(text).toBe(
      [
        '{',
        '  postId',
        '  title',
        '  secondTitle: title',
        '  content',
        '  author(id: $authorId) {',
        '    authorId',
        '    name',
        '  }',
        '  secondAuthor(id: "789") {',
        '    authorId',
        '  }',
        '  ... on Post {',
        '    inlineFragComments: comments {',
        '      id',
        '    }',
        '  }',
        '  ...postFrag',
        '}',
      ].join('\n'),
    );
    expect(text).not.toContain('fragment postFrag');
  });

  it('is an empty string for a leaf field', () => {
    const document = parse('{ getPost(id: "1") { title } }');
    const operation = document.definitions[0];
    if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error('expected an operation');
    const getPost = operation.selectionSet.selections[0] as FieldNode;
    expect(selectionSetGraphQL([getPost.selectionSet?.selections[0] as FieldNode])).toBe('');
    expect(selectionSetGraphQL([])).toBe('');
  });
});
