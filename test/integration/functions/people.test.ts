/**
 * People end to end on the run's DynamoDB Local: the DynamoDB repository under face assignment, the
 * people Lambda handler (merge, split), and the API a user sees (people, getPerson, namePerson,
 * mergePeople, splitPerson, Media.faces, searchMedia(personId)).
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDynamoDbPeopleRepository } from '../../../functions/adapters/aws/dynamodb-people-repository';
import { assignFaces } from '../../../functions/core/people/assign-faces';
import { handlePeopleRequest } from '../../../functions/core/people/handle-people-request';
import { normalise } from '../../../functions/core/people/embeddings';
import { ConcurrentPeopleChangeError, type PeopleRepository } from '../../../functions/ports/people-repository';
import { createLocalDynamoDbClient } from '../../../infra/local/dynamodb/client';
import { ensureTable } from '../../../infra/local/dynamodb/table';
import { entity, faceKey, indexes, mediaKey, ownerMediaPartition, ownerMediaSort, ownerPeoplePartition, personKey, personRankSort, table } from '../../../infra/table';
import { startTestRuntime, type TestRuntime, type TestUser } from '../../support/runtime';

const DIMENSIONS = 64;
/** A unit vector for identity `axis`, with a little deterministic noise (`seed`). */
const embedding = (axis: number, seed: number) =>
  normalise(Array.from({ length: DIMENSIONS }, (_, i) => (i === axis ? 1 : 0) + Math.sin(seed * 7.3 + i * 1.7) * 0.08));
const face = (axis: number, seed: number, extra: { at?: number; size?: number } = {}) => ({
  box: { left: 0.1, top: 0.2, width: extra.size ?? 0.2, height: extra.size ?? 0.25 },
  confidence: 0.97,
  ...(extra.at !== undefined ? { at: extra.at } : {}),
  embedding: embedding(axis, seed),
});

const documentClientFor = (client: DynamoDBClient) => DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

describe('DynamoDB people repository and the people handler', () => {
  let client: DynamoDBClient;
  let documents: DynamoDBDocumentClient;
  let repository: PeopleRepository;
  let TableName: string;

  const putMedia = async (id: string, owner = 'alice', version = 1) => {
    const now = new Date().toISOString();
    await documents.send(
      new PutCommand({
        TableName,
        Item: { ...mediaKey(id), gsi1pk: ownerMediaPartition(owner), gsi1sk: ownerMediaSort(now, id), entity: entity.media, id, owner, name: `${id}.jpg`, version, createdAt: now, updatedAt: now },
      }),
    );
  };
  const getItem = async (key: Record<string, string>) => (await documents.send(new GetCommand({ TableName, Key: key, ConsistentRead: true }))).Item;

  beforeAll(async () => {
    client = createLocalDynamoDbClient(inject('dynamodbEndpoint'));
    documents = documentClientFor(client);
    TableName = `people-${randomUUID()}`;
    await ensureTable(client, table, TableName);
    repository = createDynamoDbPeopleRepository(documents, TableName, { lockLeaseMs: 5_000, lockWaitMs: 10_000 });
  });

  afterAll(() => client?.destroy());

  it('stores faces under their media, indexed under their person; people ranked on byOwner; media carry personIds', async () => {
    // Prepare
    await putMedia('photo-1');
    await putMedia('photo-2');
    // Act
    const first = await assignFaces({ owner: 'alice', mediaId: 'photo-1', version: 1, faces: [face(0, 1), face(1, 2)] }, repository);
    const second = await assignFaces({ owner: 'alice', mediaId: 'photo-2', version: 1, faces: [face(0, 3, { size: 0.4 })] }, repository);
    // Assess
    const [ann, bob] = first.personIds as string[];
    expect(second.personIds).toEqual([ann]);
    const faceItem = await getItem(faceKey('photo-2', second.faceIds[0]!));
    expect(faceItem).toMatchObject({ entity: 'Face', mediaId: 'photo-2', personId: ann, gsi2pk: `PERSONFACES#${ann}`, version: 1, confidence: 0.97 });
    expect(faceItem!.embedding).toBeInstanceOf(Uint8Array);
    expect((faceItem!.embedding as Uint8Array).byteLength).toBe(DIMENSIONS * 4);
    const person = await getItem(personKey(ann!));
    expect(person).toMatchObject({ entity: 'Person', owner: 'alice', faceCount: 2, mediaCount: 2, gsi1pk: ownerPeoplePartition('alice'), gsi1sk: personRankSort(2, ann!) });
    expect(person!.sample).toMatchObject({ id: second.faceIds[0], mediaId: 'photo-2', personId: ann });
    expect((await getItem(mediaKey('photo-1')))!.personIds).toEqual(new Set([ann, bob]));
    const ranked = await documents.send(
      new QueryCommand({ TableName, IndexName: indexes.byOwner, KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': ownerPeoplePartition('alice') } }),
    );
    expect(ranked.Items!.map((item) => item.id)).toEqual([ann, bob]);
    expect((await repository.getFaces([{ mediaId: 'photo-2', id: second.faceIds[0]! }, { mediaId: 'photo-2', id: 'no-such-face' }])).map((f) => f.id)).toEqual([second.faceIds[0]]);
    const faces = await repository.listPersonFaces(ann!);
    expect(faces.map((f) => f.mediaId).sort()).toEqual(['photo-1', 'photo-2']);
    faces[0]!.embedding!.forEach((value, i) => expect(value).toBeCloseTo(embedding(0, faces[0]!.mediaId === 'photo-1' ? 1 : 3)[i]!, 5));
  });

  it('replaces the faces of a re-run version instead of adding them again', async () => {
    await putMedia('video-1');
    const request = { owner: 'alice', mediaId: 'video-1', version: 1, faces: [face(5, 1, { at: 0 }), face(5, 2, { at: 2 }), face(6, 3, { at: 2 })] };
    const first = await assignFaces(request, repository);
    const again = await assignFaces(request, repository);
    expect(again.created).toEqual([]);
    expect(again.personIds).toEqual(first.personIds);
    expect(await repository.listMediaFaces('video-1')).toHaveLength(3);
    expect(await getItem(personKey(first.personIds[0]!))).toMatchObject({ faceCount: 2, mediaCount: 1, revision: 2 });
  });

  it("keeps a name the user gave while faces are assigned, and refuses a stale revision", async () => {
    await putMedia('photo-3');
    const { personIds } = await assignFaces({ owner: 'alice', mediaId: 'photo-3', version: 1, faces: [face(9, 1)] }, repository);
    const personId = personIds[0]!;
    // What namePerson does: an UpdateItem that leaves the revision alone.
    await documents.send(new UpdateCommand({ TableName, Key: personKey(personId), UpdateExpression: 'SET #name = :name', ExpressionAttributeNames: { '#name': 'name' }, ExpressionAttributeValues: { ':name': 'Nina' } }));
    await putMedia('photo-4');
    await assignFaces({ owner: 'alice', mediaId: 'photo-4', version: 1, faces: [face(9, 2)] }, repository);
    expect(await getItem(personKey(personId))).toMatchObject({ name: 'Nina', faceCount: 2 });
    const [stored] = await repository.getPeople([personId]);
    await expect(
      repository.applyPersonChange({ person: { ...stored!, faceCount: 99, revision: stored!.revision + 1 }, expectedRevision: stored!.revision - 1, remove: false, putFaces: [], deleteFaces: [] }),
    ).rejects.toBeInstanceOf(ConcurrentPeopleChangeError);
  });

  it('serialises concurrent assignments of one owner, so one new person is created once', async () => {
    await putMedia('burst-1');
    await putMedia('burst-2');
    await putMedia('burst-3');
    const results = await Promise.all(
      ['burst-1', 'burst-2', 'burst-3'].map((mediaId, seed) => assignFaces({ owner: 'alice', mediaId, version: 1, faces: [face(20, seed)] }, repository)),
    );
    expect(new Set(results.map((result) => result.personIds[0])).size).toBe(1);
    expect(results.flatMap((result) => result.created)).toHaveLength(1);
    expect(await getItem(personKey(results[0]!.personIds[0]!))).toMatchObject({ faceCount: 3, mediaCount: 3 });
    expect(await getItem({ pk: 'PEOPLELOCK#alice', sk: 'LOCK' })).toBeUndefined();
  });

  it('merges and splits through the handler logic, keeping counts and media personIds right', async () => {
    // Prepare: the same person found twice (axes 30 and 31) in two photos; photo-b also shows axis 32.
    await putMedia('merge-a');
    await putMedia('merge-b');
    const a = await assignFaces({ owner: 'alice', mediaId: 'merge-a', version: 1, faces: [face(30, 1)] }, repository);
    const b = await assignFaces({ owner: 'alice', mediaId: 'merge-b', version: 1, faces: [face(31, 2), face(32, 3)] }, repository);
    const [target, other] = [a.personIds[0]!, b.personIds[0]!];
    // Act
    const merged = await handlePeopleRequest({ action: 'merge', owner: 'alice', personId: target, otherIds: [other] }, repository);
    // Assess
    expect(merged).toMatchObject({ id: target, faceCount: 2, mediaCount: 2 });
    expect(await getItem(personKey(other))).toBeUndefined();
    expect((await getItem(mediaKey('merge-b')))!.personIds).toEqual(new Set([target, b.personIds[1]]));
    expect(await getItem(faceKey('merge-b', b.faceIds[0]!))).toMatchObject({ personId: target, gsi2pk: `PERSONFACES#${target}` });

    const split = await handlePeopleRequest({ action: 'split', owner: 'alice', personId: target, faceIds: [b.faceIds[0]!] }, repository);
    expect(split).toMatchObject({ faceCount: 1, mediaCount: 1, sample: { id: b.faceIds[0], mediaId: 'merge-b', personId: split.id } });
    expect(await getItem(personKey(target))).toMatchObject({ faceCount: 1, mediaCount: 1 });
    expect((await getItem(mediaKey('merge-b')))!.personIds).toEqual(new Set([split.id, b.personIds[1]]));
    await expect(handlePeopleRequest({ action: 'merge', owner: 'mallory', personId: target, otherIds: [split.id] }, repository)).rejects.toMatchObject({ errorType: 'NotFound' });
  });
});

describe('People over the API', () => {
  let api: TestRuntime;
  let alice: TestUser;
  let mallory: TestUser;
  let repository: PeopleRepository;

  const PEOPLE = /* GraphQL */ `query { people(limit: 10) { items { id owner name faceCount mediaCount sample { id mediaId confidence personId person { id } } createdAt updatedAt } nextToken } }`;
  const PERSON_FIELDS = 'id name faceCount mediaCount sample { id mediaId }';

  beforeAll(async () => {
    api = await startTestRuntime();
    alice = await api.signIn('alice');
    mallory = await api.signIn('mallory');
    repository = createDynamoDbPeopleRepository(documentClientFor(createLocalDynamoDbClient(api.runtime.dynamodbEndpoint)), api.runtime.tableName);
  });
  afterAll(() => api?.close());

  const createMedia = async (name: string) =>
    (
      await alice.run<{ createMedia: { id: string } }>('mutation C($input: CreateMediaInput!) { createMedia(input: $input) { id } }', {
        input: { name, contentType: 'image/jpeg', mediaType: 'IMAGE', size: 10 },
      })
    ).createMedia.id;

  it('lists, names, merges and splits people, and finds media by person', async () => {
    // Prepare: three photos; Ann in 1 and 2, found again as a second cluster in 3 with Bob.
    const [m1, m2, m3] = [await createMedia('one.jpg'), await createMedia('two.jpg'), await createMedia('three.jpg')];
    const one = await assignFaces({ owner: alice.sub, mediaId: m1!, version: 1, faces: [face(0, 1, { size: 0.5 })] }, repository);
    await assignFaces({ owner: alice.sub, mediaId: m2!, version: 1, faces: [face(0, 2)] }, repository);
    const three = await assignFaces({ owner: alice.sub, mediaId: m3!, version: 1, faces: [face(1, 3), face(2, 4)] }, repository);
    const [ann, annAgain, bob] = [one.personIds[0]!, three.personIds[0]!, three.personIds[1]!];

    // people: most photographed first, with a sample face that resolves its person.
    const listed = (await alice.run<{ people: { items: { id: string; faceCount: number; sample: { person: { id: string } } }[] } }>(PEOPLE)).people.items;
    expect(listed[0]).toMatchObject({ id: ann, owner: alice.sub, name: null, faceCount: 2, mediaCount: 2, sample: { mediaId: m1, personId: ann, person: { id: ann } } });
    expect(listed.map((person) => person.id).sort()).toEqual([ann, annAgain, bob].sort());
    expect((await mallory.run<{ people: { items: unknown[] } }>(PEOPLE)).people.items).toEqual([]);

    // Media.faces shows the faces with their people.
    const faces = await alice.run<{ getMedia: { faces: { id: string; personId: string; box: { width: number }; person: { id: string } }[] } }>(
      'query G($id: ID!) { getMedia(id: $id) { faces { id personId box { width } person { id } } } }',
      { id: m3 },
    );
    expect(faces.getMedia.faces.map((f) => f.personId).sort()).toEqual([annAgain, bob].sort());

    const named = await alice.run<{ namePerson: { name: string } }>(`mutation N($id: ID!) { namePerson(id: $id, name: "Ann") { ${PERSON_FIELDS} } }`, { id: ann });
    expect(named.namePerson.name).toBe('Ann');

    // mergePeople: the second cluster joins Ann; m3 now shows Ann and Bob.
    const merged = await alice.run<{ mergePeople: { id: string; name: string; faceCount: number; mediaCount: number } }>(
      `mutation M($id: ID!, $others: [ID!]!) { mergePeople(id: $id, otherIds: $others) { ${PERSON_FIELDS} } }`,
      { id: ann, others: [annAgain] },
    );
    expect(merged.mergePeople).toMatchObject({ id: ann, name: 'Ann', faceCount: 3, mediaCount: 3 });
    const search = async (personId: string) =>
      (
        await alice.run<{ searchMedia: { items: { id: string }[] } }>('query S($p: ID) { searchMedia(personId: $p, limit: 50) { items { id } } }', { p: personId })
      ).searchMedia.items
        .map((m) => m.id)
        .sort();
    expect(await search(ann)).toEqual([m1, m2, m3].sort());
    expect(await search(bob)).toEqual([m3]);
    const gone = await alice.run<{ getPerson: unknown }>('query G($id: ID!) { getPerson(id: $id) { id } }', { id: annAgain });
    expect(gone.getPerson).toBeNull();

    // splitPerson: the face in m2 was not Ann after all.
    const m2Face = (await repository.listMediaFaces(m2!))[0]!;
    const split = await alice.run<{ splitPerson: { id: string; faceCount: number; sample: { id: string } } }>(
      `mutation S($id: ID!, $faces: [ID!]!) { splitPerson(id: $id, faceIds: $faces) { ${PERSON_FIELDS} } }`,
      { id: ann, faces: [m2Face.id] },
    );
    expect(split.splitPerson).toMatchObject({ faceCount: 1, mediaCount: 1, sample: { id: m2Face.id, mediaId: m2 } });
    expect(await search(ann)).toEqual([m1, m3].sort());
    expect(await search(split.splitPerson.id)).toEqual([m2]);
  });

  it('deleteMedia takes the faces out of their people: counts and sample follow, and a person with no face left is gone', async () => {
    // Prepare: Cara in two photos (the larger face, in the first, is her sample); Dan only in the first.
    const [first, second] = [await createMedia('cara-1.jpg'), await createMedia('cara-2.jpg')];
    const one = await assignFaces({ owner: alice.sub, mediaId: first, version: 1, faces: [face(50, 1, { size: 0.5 }), face(51, 2)] }, repository);
    const two = await assignFaces({ owner: alice.sub, mediaId: second, version: 1, faces: [face(50, 3)] }, repository);
    const [cara, dan] = one.personIds as string[];
    expect(two.personIds).toEqual([cara]);
    const person = async (id: string) =>
      (
        await alice.run<{ getPerson: { id: string; faceCount: number; mediaCount: number; sample: { id: string; mediaId: string; person: { id: string } } | null } | null }>(
          'query P($id: ID!) { getPerson(id: $id) { id faceCount mediaCount sample { id mediaId person { id } } } }',
          { id },
        )
      ).getPerson;
    expect(await person(cara!)).toMatchObject({ faceCount: 2, mediaCount: 2, sample: { mediaId: first } });
    const deleteMedia = (id: string) => alice.run<{ deleteMedia: { id: string } }>('mutation D($id: ID!) { deleteMedia(id: $id) { id } }', { id });

    // Act: delete the photo that holds Cara's sample and Dan's only face.
    expect((await deleteMedia(first)).deleteMedia.id).toBe(first);

    // Assess
    expect(await person(cara!)).toEqual({ id: cara, faceCount: 1, mediaCount: 1, sample: { id: two.faceIds[0], mediaId: second, person: { id: cara } } });
    expect(await person(dan!)).toBeNull();
    expect(await repository.listMediaFaces(first)).toEqual([]);
    const listed = (await alice.run<{ people: { items: { id: string }[] } }>(PEOPLE)).people.items.map((item) => item.id);
    expect(listed).toContain(cara);
    expect(listed).not.toContain(dan);

    // Act: delete the other photo too.
    await deleteMedia(second);

    // Assess: Cara is gone from people, with every face of hers.
    expect(await person(cara!)).toBeNull();
    expect((await alice.run<{ people: { items: { id: string }[] } }>(PEOPLE)).people.items.map((item) => item.id)).not.toContain(cara);
    expect(await repository.listPersonFaces(cara!)).toEqual([]);
    const gone = await alice.client.request({ query: 'query G($id: ID!) { getMedia(id: $id) { id } }', variables: { id: second } });
    expect(gone.data).toEqual({ getMedia: null });
  });

  it("deleteMedia of another user's media is refused before any face is forgotten", async () => {
    const m = await createMedia('ellen.jpg');
    const { personIds } = await assignFaces({ owner: alice.sub, mediaId: m, version: 1, faces: [face(60, 1)] }, repository);
    const refused = await mallory.client.request({ query: 'mutation D($id: ID!) { deleteMedia(id: $id) { id } }', variables: { id: m } });
    expect(refused.errors?.[0]).toMatchObject({ errorType: 'Unauthorized' });
    expect((await repository.getPeople([personIds[0]!]))[0]).toMatchObject({ faceCount: 1, mediaCount: 1 });
    expect(await repository.listMediaFaces(m)).toHaveLength(1);
  });

  it("refuses another user's people with the handler's error types", async () => {
    const m = await createMedia('four.jpg');
    const { personIds } = await assignFaces({ owner: alice.sub, mediaId: m, version: 1, faces: [face(40, 1), face(41, 2)] }, repository);
    const merge = await mallory.client.request({
      query: 'mutation M($id: ID!, $others: [ID!]!) { mergePeople(id: $id, otherIds: $others) { id } }',
      variables: { id: personIds[0], others: [personIds[1]] },
    });
    expect(merge.errors?.[0]).toMatchObject({ errorType: 'NotFound', message: `Person ${personIds[0]}, ${personIds[1]} not found` });
    const split = await alice.client.request({
      query: 'mutation S($id: ID!, $faces: [ID!]!) { splitPerson(id: $id, faceIds: $faces) { id } }',
      variables: { id: personIds[0], faces: ['no-such-face'] },
    });
    expect(split.errors?.[0]).toMatchObject({ errorType: 'NotFound' });
    const rename = await mallory.client.request({ query: 'mutation N($id: ID!) { namePerson(id: $id, name: "X") { id } }', variables: { id: personIds[0] } });
    expect(rename.errors?.[0]).toMatchObject({ errorType: 'NotFound' });
  });
});
