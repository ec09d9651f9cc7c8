/**
 * The pure half of face assignment: given a media item's new faces, the decisions taken for their
 * groups, the faces stored for the item before and the people involved, what to write. Re-running a
 * version replaces the item's faces: every earlier face of the item is taken out of its person (count,
 * media count, centroid, sample) and the new ones are added, so nothing is counted twice.
 */
import type { FaceRef, PersonChange, StoredFace, StoredPerson } from '../../ports/people-repository';
import { addToMean, removeFromMean } from './embeddings';
import type { MatchDecision, NewFace } from './face-matcher';
import { bestFace, sampleScore, toSample } from './person-summary';

/** TransactWriteItems takes at most 100 actions: one for the person, the rest for its faces. */
export const FACES_PER_CHANGE = 99;

export interface AssignmentInput {
  owner: string;
  mediaId: string;
  version: number;
  faces: readonly NewFace[];
}

export interface AssignmentPlanContext {
  /** Every face stored under the media item before this run (all versions). */
  existing: readonly StoredFace[];
  /** The version the media item shows now. */
  shownVersion: number;
  /** Groups of indexes into `input.faces` (one person each) and the decision for each group. */
  groups: readonly (readonly number[])[];
  decisions: readonly MatchDecision[];
  /** Current state of every person named by a decision or by an existing face. */
  people: ReadonlyMap<string, StoredPerson>;
  /**
   * For people whose sample face is in this media item: their best face in other media items (null
   * when they have none), since the sample is about to be replaced.
   */
  replacementSamples: ReadonlyMap<string, StoredFace | null>;
  now: string;
  newPersonId: () => string;
  newFaceId: () => string;
}

export interface AssignmentPlan {
  /** True when a later version's faces are already stored: nothing to do. */
  stale: boolean;
  /** The new face items, matched or not. */
  faces: StoredFace[];
  /** Person changes to write in order (a person with many faces takes several, chained by revision). */
  changes: PersonChange[];
  /** Faces matched to no person: written and deleted outside any person's change. */
  unmatchedPuts: StoredFace[];
  unmatchedDeletes: FaceRef[];
  /** The media item's `personIds` after the run. */
  mediaPersonIds: string[];
  /** People created by this run. */
  created: string[];
}

const ref = (face: StoredFace): FaceRef => ({ mediaId: face.mediaId, id: face.id });

/**
 * Whether a run for `version` came too late: the item shows a later version, or (while a new version
 * is not shown yet) faces of an even later version are stored. A restored earlier version is shown
 * again, so its run replaces the later version's faces.
 */
export function isStale(version: number, shownVersion: number, existing: readonly StoredFace[]): boolean {
  return version < shownVersion || (version > shownVersion && existing.some((face) => face.version > version));
}

/**
 * Plans the writes of one assignment.
 * @returns the plan; `stale` (and nothing to write) when the run came too late (see isStale)
 */
export function planAssignment(input: AssignmentInput, context: AssignmentPlanContext): AssignmentPlan {
  if (isStale(input.version, context.shownVersion, context.existing)) {
    return { stale: true, faces: [], changes: [], unmatchedPuts: [], unmatchedDeletes: [], mediaPersonIds: [], created: [] };
  }
  const created: string[] = [];
  const personOfFace = new Map<number, string>();
  context.groups.forEach((group, groupIndex) => {
    const decision = context.decisions[groupIndex];
    const personId = decision?.kind === 'join' && context.people.has(decision.personId) ? decision.personId : context.newPersonId();
    if (!context.people.has(personId)) created.push(personId);
    for (const index of group) personOfFace.set(index, personId);
  });

  const faces: StoredFace[] = input.faces.map((face, index) => ({
    id: face.externalFaceId ?? context.newFaceId(),
    mediaId: input.mediaId,
    owner: input.owner,
    version: input.version,
    box: face.box,
    confidence: face.confidence,
    at: face.at ?? null,
    embedding: face.embedding,
    externalFaceId: face.externalFaceId ?? null,
    personId: personOfFace.get(index) ?? null,
    createdAt: context.now,
  }));

  const involved = new Set<string>();
  for (const face of [...context.existing, ...faces]) if (face.personId && (context.people.has(face.personId) || created.includes(face.personId))) involved.add(face.personId);

  const changes: PersonChange[] = [];
  for (const personId of [...involved].sort()) {
    const removed = context.existing.filter((face) => face.personId === personId);
    const added = faces.filter((face) => face.personId === personId);
    const current = context.people.get(personId) ?? newPerson(personId, input.owner, context.now);
    changes.push(...personChanges(current, context.people.has(personId), removed, added, input.mediaId, context));
  }
  return {
    stale: false,
    faces,
    changes,
    unmatchedPuts: faces.filter((face) => face.personId === null),
    unmatchedDeletes: context.existing.filter((face) => face.personId === null || !involved.has(face.personId)).map(ref),
    mediaPersonIds: [...new Set(faces.flatMap((face) => (face.personId ? [face.personId] : [])))].sort(),
    created,
  };
}

function newPerson(id: string, owner: string, now: string): StoredPerson {
  return { id, owner, name: null, faceCount: 0, mediaCount: 0, sample: null, embeddingMean: null, revision: 0, createdAt: now, updatedAt: now };
}

type Operation = { kind: 'remove'; face: StoredFace } | { kind: 'add'; face: StoredFace };

/**
 * Folds one person's removals then additions into changes of at most FACES_PER_CHANGE faces each,
 * every change a consistent state (so a crash between two leaves counts matching the stored faces).
 */
function personChanges(
  start: StoredPerson,
  exists: boolean,
  removed: readonly StoredFace[],
  added: readonly StoredFace[],
  mediaId: string,
  context: AssignmentPlanContext,
): PersonChange[] {
  const operations: Operation[] = [...removed.map((face) => ({ kind: 'remove' as const, face })), ...added.map((face) => ({ kind: 'add' as const, face }))];
  const changes: PersonChange[] = [];
  let person = start;
  let expectedRevision: number | null = exists ? start.revision : null;
  let inMedia = removed.length;
  // Faces of this item are about to go: the sample falls back to the best face elsewhere.
  const sampleInMedia = person.sample?.mediaId === mediaId;
  let sample = sampleInMedia ? (context.replacementSamples.get(person.id) ?? null) : null;
  const sampleFromStart = sampleInMedia ? null : person.sample;
  for (let offset = 0; offset < operations.length; offset += FACES_PER_CHANGE) {
    const chunk = operations.slice(offset, offset + FACES_PER_CHANGE);
    let { faceCount, mediaCount, embeddingMean } = person;
    for (const operation of chunk) {
      const embedding = operation.face.embedding;
      if (operation.kind === 'remove') {
        embeddingMean = embedding ? removeFromMean(embeddingMean, faceCount, embedding) : embeddingMean;
        faceCount -= 1;
        inMedia -= 1;
        if (inMedia === 0) mediaCount -= 1;
      } else {
        embeddingMean = embedding ? addToMean(embeddingMean, faceCount, embedding) : embeddingMean;
        faceCount += 1;
        if (inMedia === 0) mediaCount += 1;
        inMedia += 1;
        sample = bestFace([...(sample ? [sample] : []), operation.face]);
      }
    }
    if (faceCount <= 0) embeddingMean = null;
    const last = offset + FACES_PER_CHANGE >= operations.length;
    const chosen = chooseSample(sampleFromStart, sample, person.id);
    const next: StoredPerson = {
      ...person,
      faceCount: Math.max(0, faceCount),
      mediaCount: Math.max(0, mediaCount),
      embeddingMean,
      sample: faceCount > 0 ? chosen : null,
      revision: person.revision + 1,
      updatedAt: context.now,
    };
    changes.push({
      person: next,
      expectedRevision,
      remove: last && next.faceCount === 0 && next.name === null,
      putFaces: chunk.flatMap((operation) => (operation.kind === 'add' ? [operation.face] : [])),
      deleteFaces: chunk.flatMap((operation) => (operation.kind === 'remove' ? [ref(operation.face)] : [])),
    });
    person = next;
    expectedRevision = next.revision;
  }
  return changes;
}

/** The kept sample (from other media) against the best face of this run, by sample score. */
function chooseSample(kept: StoredPerson['sample'], candidate: StoredFace | null, personId: string): StoredPerson['sample'] {
  if (!candidate) return kept;
  if (!kept || sampleScore(candidate) > sampleScore(kept)) return toSample(candidate, personId);
  return kept;
}
