/**
 * The analyzers' tag repository against the real local runtime: what it writes must be exactly what
 * the API's tag resolvers write, so the API reads it back (tagTree, Media.tags, getTag counts,
 * searchMedia over the hierarchy) and its guards hold (a user cannot create a second "Dog" where the
 * analyzer made one, and the analyzer reuses the user's own "animal").
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbTagRepository } from '../../../../../functions/adapters/aws/dynamodb-tag-repository';
import type { StoredTag, TagRepository } from '../../../../../functions/ports/tag-repository';
import { startTestRuntime, type TestRuntime, type TestUser } from '../../../../support/runtime';

type TagView = { id: string; name: string; path: string; parentId: string | null; mediaCount: number };

describe('DynamoDB tag repository', () => {
  let api: TestRuntime;
  let alice: TestUser;
  let repository: TagRepository;

  const createMedia = async (name: string) => {
    const { createMedia } = await alice.run<{ createMedia: { id: string } }>(
      'mutation C($input: CreateMediaInput!) { createMedia(input: $input) { id } }',
      { input: { name, mediaType: 'IMAGE', contentType: 'image/jpeg' } },
    );
    return createMedia.id;
  };
  const mediaTags = async (id: string) => {
    const { getMedia } = await alice.run<{ getMedia: { tags: { tag: { path: string }; source: string; confidence: number }[] } }>(
      'query G($id: ID!) { getMedia(id: $id) { tags { tag { path } source confidence } } }',
      { id },
    );
    return getMedia.tags.map((t) => ({ path: t.tag.path, source: t.source, confidence: t.confidence })).sort((a, b) => a.path.localeCompare(b.path));
  };
  const getTag = async (id: string) => (await alice.run<{ getTag: TagView }>('query T($id: ID!) { getTag(id: $id) { id name path parentId mediaCount } }', { id })).getTag;
  const search = async (tagId: string) =>
    (await alice.run<{ searchMedia: { items: { id: string }[] } }>('query S($ids: [ID!]) { searchMedia(tags: { anyOf: $ids }) { items { id } } }', { ids: [tagId] })).searchMedia.items.map(
      (m) => m.id,
    );
  const ensurePath = async (owner: string, path: string[]): Promise<StoredTag> => {
    let parent: StoredTag | null = null;
    for (const name of path) {
      parent = await repository.ensureChild(owner, parent, name);
    }
    return parent!;
  };

  beforeAll(async () => {
    api = await startTestRuntime();
    alice = await api.signIn('alice');
    const documents = DynamoDBDocumentClient.from(api.runtime.dynamodb, { marshallOptions: { removeUndefinedValues: true } });
    repository = createDynamoDbTagRepository(documents, api.runtime.tableName);
  }, 120_000);
  afterAll(async () => {
    await api?.close();
  });

  it("reuses the user's own tag of the same name, creates the missing levels, and the API shows them in the tree", async () => {
    // Prepare
    const { createTag: animal } = await alice.run<{ createTag: TagView }>('mutation { createTag(input: { name: "animal" }) { id name path parentId mediaCount } }');

    // Act
    const dog = await ensurePath(alice.sub, ['Animal', 'Mammal', 'Dog']);

    // Assess
    expect(dog.path).toBe('animal/Mammal/Dog');
    const mammal = await getTag(dog.parentId!);
    expect(mammal).toMatchObject({ name: 'Mammal', path: 'animal/Mammal', parentId: animal.id });
    const { tagTree } = await alice.run<{ tagTree: { name: string; children: { name: string; children: { name: string }[] }[] }[] }>(
      '{ tagTree { name children { name children { name } } } }',
    );
    expect(tagTree.filter((t) => t.name.toLowerCase() === 'animal')).toEqual([{ name: 'animal', children: [{ name: 'Mammal', children: [{ name: 'Dog' }] }] }]);
    const { listTags } = await alice.run<{ listTags: { items: { path: string }[] } }>('{ listTags(pathPrefix: "animal/Mammal") { items { path } } }');
    expect(listTags.items.map((t) => t.path)).toEqual(['animal/Mammal', 'animal/Mammal/Dog']);
  });

  it('writes name guards the API honours: a user cannot create a second "dog" beside it', async () => {
    // Prepare
    const dog = await ensurePath(alice.sub, ['Animal', 'Mammal', 'Dog']);

    // Act
    const response = await alice.client.request({ query: 'mutation C($p: ID) { createTag(input: { name: "DOG", parentId: $p }) { id } }', variables: { p: dog.parentId } });

    // Assess
    expect(response.errors?.[0]).toMatchObject({ errorType: 'Conflict' });
  });

  it('finds or creates a tag once when writers race for the same name', async () => {
    // Act
    const tags = await Promise.all(Array.from({ length: 5 }, () => repository.ensureChild(alice.sub, null, 'Keywords')));

    // Assess
    expect(new Set(tags.map((t) => t.id)).size).toBe(1);
    const { tagTree } = await alice.run<{ tagTree: { name: string }[] }>('{ tagTree { name } }');
    expect(tagTree.filter((t) => t.name === 'Keywords')).toHaveLength(1);
  });

  it('assigns AUTO tags the API reads back, counts each once, and search by an ancestor finds the item', async () => {
    // Prepare
    const mediaId = await createMedia('dog.jpg');
    const dog = await ensurePath(alice.sub, ['Animal', 'Mammal', 'Dog']);
    const before = (await getTag(dog.id)).mediaCount;
    const animalId = (await ensurePath(alice.sub, ['Animal'])).id;

    // Act
    const first = await repository.syncAutoTags(alice.sub, mediaId, [{ tagId: dog.id, confidence: 0.91, kind: 'labels' }], ['labels']);
    const again = await repository.syncAutoTags(alice.sub, mediaId, [{ tagId: dog.id, confidence: 0.91, kind: 'labels' }], ['labels']);

    // Assess
    expect(first).toEqual({ added: [dog.id], updated: [], removed: [], keptUser: [] });
    expect(again).toEqual({ added: [], updated: [], removed: [], keptUser: [] });
    expect(await mediaTags(mediaId)).toEqual([{ path: 'animal/Mammal/Dog', source: 'AUTO', confidence: 0.91 }]);
    expect((await getTag(dog.id)).mediaCount).toBe(before + 1);
    expect(await search(animalId)).toContain(mediaId);
  });

  it('leaves a USER assignment alone and takes back only its own AUTO tags of the kinds that ran', async () => {
    // Prepare
    const mediaId = await createMedia('walk.jpg');
    const dog = await ensurePath(alice.sub, ['Animal', 'Mammal', 'Dog']);
    const text = await ensurePath(alice.sub, ['Text']);
    const people = await ensurePath(alice.sub, ['People']);
    await alice.run('mutation A($m: ID!, $t: [ID!]!) { addTags(mediaId: $m, tagIds: $t) { id } }', { m: mediaId, t: [people.id] });
    await repository.syncAutoTags(alice.sub, mediaId, [{ tagId: dog.id, confidence: 0.8, kind: 'labels' }, { tagId: text.id, confidence: 0.9, kind: 'text' }], ['labels', 'text']);
    const peopleCount = (await getTag(people.id)).mediaCount;
    const dogCount = (await getTag(dog.id)).mediaCount;

    // Act: the labels ran again and found nobody's dog; faces proposed People (already the user's).
    const changes = await repository.syncAutoTags(alice.sub, mediaId, [{ tagId: people.id, confidence: 0.97, kind: 'faces' }], ['labels', 'faces']);

    // Assess
    expect(changes).toEqual({ added: [], updated: [], removed: [dog.id], keptUser: [people.id] });
    expect(await mediaTags(mediaId)).toEqual([
      { path: 'People', source: 'USER', confidence: 1 },
      { path: 'Text', source: 'AUTO', confidence: 0.9 },
    ]);
    expect((await getTag(people.id)).mediaCount).toBe(peopleCount);
    expect((await getTag(dog.id)).mediaCount).toBe(dogCount - 1);
    expect(await search(dog.id)).not.toContain(mediaId);
  });

  it('updates the confidence of an AUTO tag found again', async () => {
    // Prepare
    const mediaId = await createMedia('cat.jpg');
    const cat = await ensurePath(alice.sub, ['Animal', 'Mammal', 'Cat']);
    await repository.syncAutoTags(alice.sub, mediaId, [{ tagId: cat.id, confidence: 0.7, kind: 'labels' }], ['labels']);

    // Act
    const changes = await repository.syncAutoTags(alice.sub, mediaId, [{ tagId: cat.id, confidence: 0.95, kind: 'labels' }], ['labels']);

    // Assess
    expect(changes?.updated).toEqual([cat.id]);
    expect(await mediaTags(mediaId)).toEqual([{ path: 'animal/Mammal/Cat', source: 'AUTO', confidence: 0.95 }]);
  });

  it('writes many tags in several transactions', async () => {
    // Prepare
    const mediaId = await createMedia('notes.txt');
    const tags = [];
    for (let i = 0; i < 20; i++) tags.push(await ensurePath(alice.sub, ['Keywords', `phrase ${i}`]));

    // Act
    const changes = await repository.syncAutoTags(alice.sub, mediaId, tags.map((t) => ({ tagId: t.id, confidence: 0.9, kind: 'text-analysis' })), ['text-analysis']);

    // Assess
    expect(changes?.added).toHaveLength(20);
    expect(await mediaTags(mediaId)).toHaveLength(20);
  });

  it('reports a deleted media item instead of writing to it', async () => {
    // Prepare
    const mediaId = await createMedia('gone.jpg');
    const dog = await ensurePath(alice.sub, ['Animal', 'Mammal', 'Dog']);
    const count = (await getTag(dog.id)).mediaCount;
    await alice.run('mutation D($id: ID!) { deleteMedia(id: $id) { id } }', { id: mediaId });

    // Act
    const changes = await repository.syncAutoTags(alice.sub, mediaId, [{ tagId: dog.id, confidence: 0.9, kind: 'labels' }], ['labels']);

    // Assess
    expect(changes).toBeNull();
    expect((await getTag(dog.id)).mediaCount).toBe(count);
  });
});
