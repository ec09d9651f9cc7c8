/**
 * A person's figures from its faces: counts, centroid and the sample face shown for it. Used
 * incrementally by face assignment and in full after a merge or split (recomputing from the faces
 * is exact and makes a retried merge or split land on the same result).
 */
import type { FaceSample, StoredFace, StoredPerson } from '../../ports/people-repository';
import { meanOf } from './embeddings';

/**
 * How good a face is as a person's picture: confident, then large. The square root of the area keeps
 * a big face from winning over a much more confident one.
 */
export function sampleScore(face: Pick<StoredFace, 'confidence' | 'box'>): number {
  return face.confidence * Math.sqrt(Math.max(0, face.box.width) * Math.max(0, face.box.height));
}

/** The GraphQL `Face` of a stored face matched to `personId`. */
export function toSample(face: StoredFace, personId: string): FaceSample {
  return { id: face.id, mediaId: face.mediaId, box: face.box, confidence: face.confidence, at: face.at, personId };
}

/** The face with the best sample score; ties by id so the choice is stable. */
export function bestFace<T extends Pick<StoredFace, 'id' | 'confidence' | 'box'>>(faces: readonly T[]): T | null {
  let best: T | null = null;
  for (const face of faces) {
    if (!best || sampleScore(face) > sampleScore(best) || (sampleScore(face) === sampleScore(best) && face.id < best.id)) best = face;
  }
  return best;
}

/** A person's figures as derived from all of its faces. */
export interface PersonFigures {
  faceCount: number;
  mediaCount: number;
  embeddingMean: number[] | null;
  sample: FaceSample | null;
}

/** Counts (each media item once), mean embedding and sample of `faces`, all of one person. */
export function summarisePerson(personId: string, faces: readonly StoredFace[]): PersonFigures {
  const best = bestFace(faces);
  return {
    faceCount: faces.length,
    mediaCount: new Set(faces.map((face) => face.mediaId)).size,
    embeddingMean: meanOf(faces.flatMap((face) => (face.embedding ? [face.embedding] : []))),
    sample: best ? toSample(best, personId) : null,
  };
}

/** The person with new figures, revision incremented, `updatedAt` = now. */
export function withFigures(person: StoredPerson, figures: PersonFigures, now: string): StoredPerson {
  return { ...person, ...figures, revision: person.revision + 1, updatedAt: now };
}
