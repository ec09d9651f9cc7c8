import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime, type TestUser } from '../../support/runtime';

const CREATE_TAG = /* GraphQL */ `mutation T($input: CreateTagInput!) { createTag(input: $input) { id name path parentId } }`;
const CREATE_MEDIA = /* GraphQL */ `
  mutation M($input: CreateMediaInput!) { createMedia(input: $input) { id } }
`;
const ADD = /* GraphQL */ `
  mutation A($mediaId: ID!, $tagIds: [ID!]!) {
    addTags(mediaId: $mediaId, tagIds: $tagIds) { id tags { tag { id path } source confidence } }
  }
`;
const SEARCH = /* GraphQL */ `
  query S($tags: TagSearch!, $nextToken: String) { searchMedia(tags: $tags, limit: 50, nextToken: $nextToken) { items { id } nextToken } }
`;

type Tag = { id: string; name: string; path: string; parentId: string | null };

describe('Tags in a hierarchy, and search by tag', () => {
  let api: TestRuntime;
  let alice: TestUser;
  const tags: Record<string, Tag> = {};
  const media: Record<string, string> = {};

  const tag = async (name: string, parent?: string) => {
    const { createTag } = await alice.run<{ createTag: Tag }>(CREATE_TAG, { input: { name, parentId: parent ? tags[parent]!.id : null } });
    tags[createTag.path] = createTag;
    return createTag;
  };
  const search = async (terms: { allOf?: string[]; anyOf?: string[] }, user: TestUser = alice) => {
    const ids: string[] = [];
    let nextToken: string | null = null;
    do {
      const page: { searchMedia: { items: { id: string }[]; nextToken: string | null } } = await user.run(SEARCH, {
        tags: { allOf: terms.allOf?.map((p) => tags[p]!.id), anyOf: terms.anyOf?.map((p) => tags[p]!.id) },
        nextToken,
      });
      ids.push(...page.searchMedia.items.map((m) => m.id));
      nextToken = page.searchMedia.nextToken;
    } while (nextToken);
    return Object.entries(media)
      .filter(([, id]) => ids.includes(id))
      .map(([name]) => name)
      .sort();
  };

  beforeAll(async () => {
    api = await startTestRuntime();
    alice = await api.signIn('alice');
    await tag('Animal');
    await tag('Mammal', 'Animal');
    await tag('Dog', 'Animal/Mammal');
    await tag('Cat', 'Animal/Mammal');
    await tag('Bird', 'Animal');
    await tag('Outdoor');
    for (const name of ['dog.jpg', 'cat.jpg', 'bird.jpg', 'park-dog.jpg', 'street.jpg']) {
      const { createMedia } = await alice.run<{ createMedia: { id: string } }>(CREATE_MEDIA, {
        input: { name, contentType: 'image/jpeg', mediaType: 'IMAGE' },
      });
      media[name] = createMedia.id;
    }
    const put = (name: string, paths: string[]) => alice.run(ADD, { mediaId: media[name], tagIds: paths.map((p) => tags[p]!.id) });
    await put('dog.jpg', ['Animal/Mammal/Dog']);
    await put('cat.jpg', ['Animal/Mammal/Cat']);
    await put('bird.jpg', ['Animal/Bird']);
    await put('park-dog.jpg', ['Animal/Mammal/Dog', 'Outdoor']);
    await put('street.jpg', ['Outdoor']);
  });
  afterAll(() => api?.close());

  it('builds materialised paths and refuses duplicate sibling names', async () => {
    expect(tags['Animal/Mammal/Dog']).toMatchObject({ name: 'Dog', parentId: tags['Animal/Mammal']!.id });
    const duplicate = await alice.client.request({ query: CREATE_TAG, variables: { input: { name: 'dog', parentId: tags['Animal/Mammal']!.id } } });
    expect(duplicate.errors?.[0]?.errorType).toBe('Conflict');
    const slash = await alice.client.request({ query: CREATE_TAG, variables: { input: { name: 'a/b' } } });
    expect(slash.errors?.[0]?.errorType).toBe('BadRequest');
  });

  it('adds tags idempotently with source USER and counts media per tag', async () => {
    const again = await alice.run<{ addTags: { tags: { tag: { path: string }; source: string; confidence: number }[] } }>(ADD, {
      mediaId: media['park-dog.jpg'],
      tagIds: [tags['Outdoor']!.id],
    });
    expect(again.addTags.tags.map((t) => t.tag.path).sort()).toEqual(['Animal/Mammal/Dog', 'Outdoor']);
    expect(again.addTags.tags.every((t) => t.source === 'USER' && t.confidence === 1)).toBe(true);
    const counted = await alice.run<{ getTag: { mediaCount: number } }>('query G($id: ID!) { getTag(id: $id) { mediaCount } }', { id: tags['Outdoor']!.id });
    expect(counted.getTag.mediaCount).toBe(2);
  });

  it('finds media by a parent tag through its descendants', async () => {
    expect(await search({ anyOf: ['Animal'] })).toEqual(['bird.jpg', 'cat.jpg', 'dog.jpg', 'park-dog.jpg']);
    expect(await search({ anyOf: ['Animal/Mammal'] })).toEqual(['cat.jpg', 'dog.jpg', 'park-dog.jpg']);
    expect(await search({ anyOf: ['Animal/Mammal/Dog'] })).toEqual(['dog.jpg', 'park-dog.jpg']);
  });

  it('combines terms with AND and OR', async () => {
    expect(await search({ allOf: ['Animal', 'Outdoor'] })).toEqual(['park-dog.jpg']);
    expect(await search({ anyOf: ['Animal/Bird', 'Outdoor'] })).toEqual(['bird.jpg', 'park-dog.jpg', 'street.jpg']);
    expect(await search({ allOf: ['Outdoor'], anyOf: ['Animal/Mammal/Cat', 'Animal/Mammal/Dog'] })).toEqual(['park-dog.jpg']);
  });

  it('moves a tag with its subtree; search follows the new hierarchy', async () => {
    // Prepare
    const pets = await tag('Pets');
    // Act
    const moved = await alice.run<{ moveTag: Tag }>('mutation M($id: ID!, $parentId: ID) { moveTag(id: $id, parentId: $parentId) { id path parentId } }', {
      id: tags['Animal/Mammal']!.id,
      parentId: pets.id,
    });
    // Assess
    expect(moved.moveTag).toMatchObject({ path: 'Pets/Mammal', parentId: pets.id });
    const dog = await alice.run<{ getTag: Tag }>('query G($id: ID!) { getTag(id: $id) { path parent { name } } }', { id: tags['Animal/Mammal/Dog']!.id });
    expect(dog.getTag).toMatchObject({ path: 'Pets/Mammal/Dog', parent: { name: 'Mammal' } });
    expect(await search({ anyOf: ['Pets'] })).toEqual(['cat.jpg', 'dog.jpg', 'park-dog.jpg']);
    expect(await search({ anyOf: ['Animal'] })).toEqual(['bird.jpg']);
    const tree = await alice.run<{ tagTree: { name: string; children: { name: string; children: { name: string }[] }[] }[] }>(
      '{ tagTree { name children { name children { name } } } }',
    );
    expect(tree.tagTree.map((t) => t.name)).toEqual(['Animal', 'Outdoor', 'Pets']);
    expect(tree.tagTree.find((t) => t.name === 'Pets')?.children[0]?.children.map((c) => c.name)).toEqual(['Cat', 'Dog']);
  });

  it('refuses to move a tag under its own descendant', async () => {
    const response = await alice.client.request({
      query: 'mutation M($id: ID!, $parentId: ID) { moveTag(id: $id, parentId: $parentId) { id } }',
      variables: { id: tags['Pets']!.id, parentId: tags['Animal/Mammal/Dog']!.id },
    });
    expect(response.errors?.[0]?.errorType).toBe('BadRequest');
  });

  it('renames a tag and its descendants\' paths follow', async () => {
    await alice.run('mutation R($id: ID!, $name: String!) { renameTag(id: $id, name: $name) { path } }', { id: tags['Animal/Mammal']!.id, name: 'Mammals' });
    const listed = await alice.run<{ listTags: { items: { path: string }[] } }>('query { listTags(pathPrefix: "Pets") { items { path } } }');
    expect(listed.listTags.items.map((t) => t.path)).toEqual(['Pets', 'Pets/Mammals', 'Pets/Mammals/Cat', 'Pets/Mammals/Dog']);
  });

  it('removes tags, and search no longer finds the media', async () => {
    await alice.run('mutation R($mediaId: ID!, $tagIds: [ID!]!) { removeTags(mediaId: $mediaId, tagIds: $tagIds) { id } }', {
      mediaId: media['dog.jpg'],
      tagIds: [tags['Animal/Mammal/Dog']!.id],
    });
    expect(await search({ anyOf: ['Pets'] })).toEqual(['cat.jpg', 'park-dog.jpg']);
  });

  it('keeps each user\'s tags and media apart', async () => {
    const bob = await api.signIn('bob');
    const bobs = await bob.client.request({ query: 'query G($id: ID!) { getTag(id: $id) { id } }', variables: { id: tags['Outdoor']!.id } });
    expect(bobs.errors?.[0]?.errorType).toBe('Unauthorized');
    const foreignTerm = await bob.client.request({ query: SEARCH, variables: { tags: { anyOf: [tags['Outdoor']!.id] } } });
    expect(foreignTerm.errors?.[0]?.errorType).toBe('NotFound');
    const tagging = await bob.client.request({ query: ADD, variables: { mediaId: media['street.jpg'], tagIds: [tags['Outdoor']!.id] } });
    expect(tagging.errors?.[0]?.errorType).toBe('Unauthorized');
    const tree = await bob.run<{ tagTree: unknown[] }>('{ tagTree { id } }');
    expect(tree.tagTree).toEqual([]);
  });
});
