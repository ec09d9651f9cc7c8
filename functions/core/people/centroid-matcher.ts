/**
 * The local FaceMatcher: faces carry embeddings (the local face detector's descriptors), a person is
 * the mean of its faces' embeddings, and similarity is the cosine between a group's mean and each
 * person's mean, both centred first.
 *
 * Why centred: @vladmandic/human's face descriptor (faceres) ends in a ReLU, so every value is ≥ 0
 * and any two faces point roughly the same way — raw cosines of different people measured 0.43
 * (median) to 0.67 (max) on the packaged photos, overlapping the same person's. Subtracting the mean
 * descriptor of a population of faces (faceres-centre.json, made by test/bench/analysis/people-eval.ts
 * from faces in @vladmandic/human's screenshots) brings different people to about 0 (max 0.38) while
 * the same person stays 0.36–0.70. Stored embeddings stay as the detector gave them; centring is
 * linear, so centring a mean equals the mean of the centred faces.
 */
import type { StoredPerson } from '../../ports/people-repository';
import { cosineSimilarity, meanOf, normalise } from './embeddings';
import { decideMatch, type FaceMatcher, type MatchPolicy, type NewFace, type PersonCandidate } from './face-matcher';
import faceresCentre from './faceres-centre.json';

/** The mean descriptor of the local face model (1024 values), from faceres-centre.json. */
export const FACERES_CENTRE: readonly number[] = faceresCentre.values;

/**
 * The vector as compared: centred on `centre` when it is a raw descriptor of that model (same length,
 * no negative value — a vector centred already has some), then unit length.
 */
export function centred(vector: readonly number[], centre: readonly number[] | null): number[] {
  if (!centre || vector.length !== centre.length || vector.some((value) => value < 0)) return normalise(vector);
  return normalise(vector.map((value, i) => value - centre[i]!));
}

/** The frame a face was seen in: its keyframe time, or the image itself. */
const frameOf = (face: NewFace) => face.at ?? null;

/**
 * Clusters a media item's faces among themselves: in order of confidence, each face joins the most
 * similar group (by the same threshold-and-margin rule as people) that has no face of its frame yet,
 * or starts a group.
 * @returns groups of indexes into `faces`; faces without an embedding are left out
 */
export function groupByEmbedding(faces: readonly NewFace[], policy: MatchPolicy, centre: readonly number[] | null = FACERES_CENTRE): number[][] {
  const order = faces
    .map((face, index) => ({ face, index }))
    .filter((entry) => entry.face.embedding !== null && entry.face.embedding.length > 0)
    .sort((a, b) => b.face.confidence - a.face.confidence || a.index - b.index);
  const groups: { members: number[]; frames: Set<number | null>; embeddings: number[][] }[] = [];
  for (const { face, index } of order) {
    const embedding = face.embedding!;
    const compared = centred(embedding, centre);
    const candidates: PersonCandidate[] = [];
    groups.forEach((group, groupIndex) => {
      if (group.frames.has(frameOf(face))) return;
      const similarity = cosineSimilarity(centred(meanOf(group.embeddings)!, centre), compared);
      if (similarity !== null) candidates.push({ personId: String(groupIndex), similarity });
    });
    const decision = decideMatch(candidates, policy);
    if (decision.kind === 'join') {
      const group = groups[Number(decision.personId)]!;
      group.members.push(index);
      group.frames.add(frameOf(face));
      group.embeddings.push(embedding);
    } else {
      groups.push({ members: [index], frames: new Set([frameOf(face)]), embeddings: [embedding] });
    }
  }
  return groups.map((group) => group.members.sort((a, b) => a - b));
}

/**
 * People ranked by cosine similarity of their centroid to the faces' centroid.
 * @returns candidates best first; people without a comparable centroid are left out
 */
export function rankByCentroid(faces: readonly NewFace[], people: readonly StoredPerson[], centre: readonly number[] | null = FACERES_CENTRE): PersonCandidate[] {
  const mean = meanOf(faces.flatMap((face) => (face.embedding ? [face.embedding] : [])));
  if (!mean) return [];
  const centroid = centred(mean, centre);
  return people
    .flatMap((person) => {
      const similarity = person.embeddingMean ? cosineSimilarity(centroid, centred(person.embeddingMean, centre)) : null;
      return similarity === null ? [] : [{ personId: person.id, similarity }];
    })
    .sort((a, b) => b.similarity - a.similarity);
}

/**
 * The local strategy over the owner's people, loaded once per assignment.
 * @param options.centre the descriptor model's mean (null: plain cosine); @default FACERES_CENTRE
 * @example
 * const matcher = createCentroidMatcher(() => repository.listPeople(owner));
 */
export function createCentroidMatcher(loadPeople: () => Promise<StoredPerson[]>, options: { centre?: readonly number[] | null } = {}): FaceMatcher {
  const centre = options.centre === undefined ? FACERES_CENTRE : options.centre;
  let people: Promise<StoredPerson[]> | undefined;
  const centroids = new Map<string, number[] | null>();
  return {
    group: (faces, policy) => groupByEmbedding(faces, policy, centre),
    async rank(faces) {
      people ??= loadPeople();
      const loaded = await people;
      for (const person of loaded) if (!centroids.has(person.id)) centroids.set(person.id, person.embeddingMean ? centred(person.embeddingMean, centre) : null);
      return rankByCentroid(faces, loaded, centre);
    },
    alike(personA, personB, policy) {
      const a = centroids.get(personA);
      const b = centroids.get(personB);
      return !!a && !!b && (cosineSimilarity(a, b) ?? -1) >= policy.threshold;
    },
  };
}
