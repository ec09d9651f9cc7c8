import { DeleteFacesCommand, RekognitionClient, SearchFacesCommand, type SearchFacesCommandInput, type SearchFacesCommandOutput } from '@aws-sdk/client-rekognition';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  COLLECTION_MATCH_POLICY,
  createCollectionFaceRecorder,
  createRekognitionCollectionMatcher,
} from '../../../../../functions/adapters/aws/rekognition-collection-matcher';
import { createRekognitionFaceCollection } from '../../../../../functions/adapters/aws/rekognition-face-collection';
import { assignFaces } from '../../../../../functions/core/people/assign-faces';
import type { NewFace } from '../../../../../functions/core/people/face-matcher';
import { createInMemoryPeople } from '../../core/people/in-memory-people-repository';
import { NO_WAIT } from './aws-errors';

const rekognition = mockClient(RekognitionClient);
const client = new RekognitionClient({ region: 'us-east-1' });
const collection = () => createRekognitionFaceCollection({ collectionId: 'mediagraph-alice', client, retry: NO_WAIT });

/**
 * The collection as SearchFaces sees it: for each searched FaceId, the faces it resembles (FaceId,
 * the media id IndexFaces stored as ExternalImageId, Similarity in percent).
 */
type Resemblance = Record<string, { faceId: string; mediaId: string; similarity: number }[]>;

/**
 * SearchFaces answered in the shape of the API reference's example
 * (https://docs.aws.amazon.com/rekognition/latest/APIReference/API_SearchFaces.html): matches best
 * first, the searched face itself never among them, only those at or above FaceMatchThreshold.
 */
function collectionResembling(resemblance: Resemblance) {
  rekognition.on(SearchFacesCommand).callsFake((input: SearchFacesCommandInput): SearchFacesCommandOutput => {
    const matches = (resemblance[input.FaceId!] ?? [])
      .filter((match) => match.faceId !== input.FaceId && match.similarity >= (input.FaceMatchThreshold ?? 80))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, input.MaxFaces ?? 4096);
    return {
      $metadata: {},
      SearchedFaceId: input.FaceId,
      FaceModelVersion: '7.0',
      FaceMatches: matches.map((match) => ({
        Face: {
          BoundingBox: { Height: 0.3541669845581055, Left: 0.3376390039920807, Top: 0.2582240104675293, Width: 0.2476709932088852 },
          Confidence: 99.99909973144531,
          FaceId: match.faceId,
          ImageId: '11111111-2222-3333-4444-555555555555',
          ExternalImageId: match.mediaId,
        },
        Similarity: match.similarity,
      })),
    };
  });
}

const face = (externalFaceId: string | null, extra: Partial<NewFace> = {}): NewFace => ({
  box: { left: 0.1, top: 0.1, width: 0.2, height: 0.2 },
  confidence: 0.99,
  embedding: null,
  externalFaceId,
  ...extra,
});

beforeEach(() => {
  rekognition.reset();
});

describe('Function: createRekognitionCollectionMatcher', () => {
  it('joins a repeat face to the same person and starts a new person for a stranger', async () => {
    // Prepare: Ann in m1; Ann again in m2 (99.2%); a stranger in m3 who resembles Ann at 83%.
    const repository = createInMemoryPeople();
    for (const id of ['m1', 'm2', 'm3']) repository.addMedia(id);
    collectionResembling({
      'ann-2': [{ faceId: 'ann-1', mediaId: 'm1', similarity: 99.2 }],
      stranger: [
        { faceId: 'ann-1', mediaId: 'm1', similarity: 83.1 },
        { faceId: 'ann-2', mediaId: 'm2', similarity: 81.4 },
      ],
    });
    const assign = (mediaId: string, faceId: string) =>
      assignFaces({ owner: 'alice', mediaId, version: 1, faces: [face(faceId)] }, repository, {
        matcher: createRekognitionCollectionMatcher({ collection: collection(), repository, owner: 'alice' }),
        policy: COLLECTION_MATCH_POLICY,
      });

    // Act
    const first = await assign('m1', 'ann-1');
    const repeat = await assign('m2', 'ann-2');
    const stranger = await assign('m3', 'stranger');

    // Assess
    const ann = first.personIds[0]!;
    expect(first.created).toEqual([ann]);
    expect(repeat).toMatchObject({ personIds: [ann], created: [], faceIds: ['ann-2'] });
    expect(stranger.created).toHaveLength(1);
    expect(stranger.personIds[0]).not.toBe(ann);
    expect(repository.people.get(ann)).toMatchObject({ faceCount: 2, mediaCount: 2, embeddingMean: null });
    expect(rekognition.commandCalls(SearchFacesCommand)[1]!.args[0].input).toEqual({ CollectionId: 'mediagraph-alice', FaceId: 'ann-2', FaceMatchThreshold: 80, MaxFaces: 100 });
  });

  it("ranks people by their best match, counting only the owner's stored faces", async () => {
    // Prepare: matches to Bob's face (another owner) and to an orphan (indexed, never stored) count for nobody.
    const repository = createInMemoryPeople();
    repository.addMedia('m1');
    repository.addMedia('m2');
    repository.addMedia('bobs', 'bob');
    collectionResembling({});
    await assignFaces({ owner: 'alice', mediaId: 'm1', version: 1, faces: [face('a-1'), face('c-1')] }, repository, { matcher: createRekognitionCollectionMatcher({ collection: collection(), repository, owner: 'alice' }) });
    await assignFaces({ owner: 'bob', mediaId: 'bobs', version: 1, faces: [face('b-1')] }, repository, { matcher: createRekognitionCollectionMatcher({ collection: collection(), repository, owner: 'bob' }) });
    const [a, c] = ['m1/a-1', 'm1/c-1'].map((key) => repository.faces.get(key)!.personId!);
    rekognition.reset();
    collectionResembling({
      'new-1': [
        { faceId: 'b-1', mediaId: 'bobs', similarity: 99.9 },
        { faceId: 'orphan', mediaId: 'm2', similarity: 99.8 },
        { faceId: 'a-1', mediaId: 'm1', similarity: 97.5 },
        { faceId: 'c-1', mediaId: 'm1', similarity: 86 },
      ],
      'new-2': [{ faceId: 'a-1', mediaId: 'm1', similarity: 98.5 }],
    });
    const matcher = createRekognitionCollectionMatcher({ collection: collection(), repository, owner: 'alice' });

    // Act
    const ranked = await matcher.rank([face('new-1'), face('new-2'), face(null)], { owner: 'alice', mediaId: 'm2' });

    // Assess
    expect(ranked).toEqual([
      { personId: a, similarity: expect.closeTo(0.985, 6) },
      { personId: c, similarity: expect.closeTo(0.86, 6) },
    ]);
  });

  it('groups a video\'s keyframe faces by their matches among themselves, never two faces of one frame', async () => {
    // Prepare: k0 and k2a are one person (99%); k2b (same frame as k2a) resembles both strongly.
    collectionResembling({
      k0: [
        { faceId: 'k2a', mediaId: 'v', similarity: 99 },
        { faceId: 'k2b', mediaId: 'v', similarity: 95 },
      ],
      k2a: [
        { faceId: 'k0', mediaId: 'v', similarity: 99 },
        { faceId: 'k2b', mediaId: 'v', similarity: 96 },
      ],
      k2b: [{ faceId: 'k0', mediaId: 'v', similarity: 95 }],
      k4: [{ faceId: 'k0', mediaId: 'v', similarity: 84 }],
    });
    const matcher = createRekognitionCollectionMatcher({ collection: collection(), repository: createInMemoryPeople(), owner: 'alice' });
    const faces = [face('k0', { at: 0 }), face('k2a', { at: 2 }), face('k2b', { at: 2, confidence: 0.9 }), face('k4', { at: 4 }), face(null, { at: 4 })];

    // Act
    const groups = await matcher.group(faces, COLLECTION_MATCH_POLICY);

    // Assess: k2b cannot join k0's group (k2a holds that frame); k4 is below the threshold; the face
    // without a FaceId is left out. Groups come in order of their first face's confidence.
    expect(groups).toEqual([[0, 1], [3], [2]]);
  });

  it('holds back between two different-looking people and joins the best of two that both match', async () => {
    // Prepare: p and q in m1 and m2; a face close to both.
    const repository = createInMemoryPeople();
    for (const id of ['m1', 'm2', 'm3', 'm4']) repository.addMedia(id);
    collectionResembling({});
    const make = () => createRekognitionCollectionMatcher({ collection: collection(), repository, owner: 'alice' });
    const [p] = (await assignFaces({ owner: 'alice', mediaId: 'm1', version: 1, faces: [face('p-1')] }, repository, { matcher: make(), policy: COLLECTION_MATCH_POLICY })).personIds;
    const [q] = (await assignFaces({ owner: 'alice', mediaId: 'm2', version: 1, faces: [face('q-1')] }, repository, { matcher: make(), policy: COLLECTION_MATCH_POLICY })).personIds;
    rekognition.reset();
    collectionResembling({
      between: [
        { faceId: 'p-1', mediaId: 'm1', similarity: 92 },
        { faceId: 'q-1', mediaId: 'm2', similarity: 89 },
      ],
      both: [
        { faceId: 'p-1', mediaId: 'm1', similarity: 99.1 },
        { faceId: 'q-1', mediaId: 'm2', similarity: 98.9 },
      ],
    });

    // Act
    const between = await assignFaces({ owner: 'alice', mediaId: 'm3', version: 1, faces: [face('between')] }, repository, { matcher: make(), policy: COLLECTION_MATCH_POLICY });
    const both = await assignFaces({ owner: 'alice', mediaId: 'm4', version: 1, faces: [face('both')] }, repository, { matcher: make(), policy: COLLECTION_MATCH_POLICY });

    // Assess
    expect(between.created).toHaveLength(1);
    expect([p, q]).not.toContain(between.personIds[0]);
    expect(both).toMatchObject({ personIds: [p], created: [] });
  });
});

describe('Function: createCollectionFaceRecorder', () => {
  const recorderFor = (repository: ReturnType<typeof createInMemoryPeople>) => createCollectionFaceRecorder({ repository, collectionFor: () => collection() });

  it('deletes from the collection the faces a re-run replaced (DeleteFaces)', async () => {
    // Prepare
    const repository = createInMemoryPeople();
    repository.addMedia('m1');
    collectionResembling({ 'run2-a': [{ faceId: 'run1-a', mediaId: 'm1', similarity: 99.5 }] });
    rekognition.on(DeleteFacesCommand).resolves({ DeletedFaces: ['run1-a', 'run1-b'] });
    const record = recorderFor(repository);
    const first = await record({ owner: 'alice', mediaId: 'm1', version: 1, faces: [face('run1-a'), face('run1-b')] });

    // Act: the same version analysed again; Rekognition gave its faces new FaceIds.
    const again = await record({ owner: 'alice', mediaId: 'm1', version: 1, faces: [face('run2-a')] });

    // Assess: the person of run1-a is found again through its stored face; both old faces leave the collection.
    expect(again.personIds).toEqual([first.personIds[0]]);
    const deletions = rekognition.commandCalls(DeleteFacesCommand).map((call) => call.args[0].input);
    expect(deletions).toHaveLength(1);
    expect(deletions[0]!.CollectionId).toBe('mediagraph-alice');
    expect([...deletions[0]!.FaceIds!].sort()).toEqual(['run1-a', 'run1-b']);
    expect([...repository.faces.keys()]).toEqual(['m1/run2-a']);
  });

  it("deletes the run's own faces when it came too late (a later version is shown)", async () => {
    // Prepare
    const repository = createInMemoryPeople();
    repository.addMedia('m1', 'alice', 3);
    collectionResembling({});
    rekognition.on(DeleteFacesCommand).resolves({ DeletedFaces: ['late-1'] });

    // Act
    const result = await recorderFor(repository)({ owner: 'alice', mediaId: 'm1', version: 2, faces: [face('late-1'), face(null)] });

    // Assess
    expect(result.personIds).toEqual([]);
    expect(rekognition.commandCalls(DeleteFacesCommand).map((call) => call.args[0].input.FaceIds)).toEqual([['late-1']]);
  });

  it("deletes the run's own faces and rethrows when the media item is gone", async () => {
    // Prepare
    const repository = createInMemoryPeople();
    collectionResembling({});
    rekognition.on(DeleteFacesCommand).resolves({ DeletedFaces: ['gone-1'] });

    // Act / Assess
    await expect(recorderFor(repository)({ owner: 'alice', mediaId: 'deleted', version: 1, faces: [face('gone-1')] })).rejects.toThrow('Media deleted of owner alice not found');
    expect(rekognition.commandCalls(DeleteFacesCommand).map((call) => call.args[0].input.FaceIds)).toEqual([['gone-1']]);
  });

  it('leaves the collection alone when nothing was replaced', async () => {
    // Prepare
    const repository = createInMemoryPeople();
    repository.addMedia('m1');
    collectionResembling({});

    // Act
    await recorderFor(repository)({ owner: 'alice', mediaId: 'm1', version: 1, faces: [face('only-1')] });

    // Assess
    expect(rekognition.commandCalls(DeleteFacesCommand)).toEqual([]);
  });
});
