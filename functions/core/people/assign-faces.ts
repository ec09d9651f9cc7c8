/**
 * Face assignment: the faces detected in one version of a media item join the owner's people or start
 * new ones. Called by the analyzers after face detection (image: one frame; video: its keyframes,
 * clustered among themselves first because they are one media item).
 *
 * Runs under the owner's people lock, so an owner's faces are clustered one media item at a time, and
 * retries when a person changed between read and write. Idempotent per (mediaId, version): a re-run
 * replaces that version's faces instead of adding them again.
 */
import { randomUUID } from 'node:crypto';
import { ConcurrentPeopleChangeError, type PeopleRepository, type StoredFace, type StoredPerson } from '../../ports/people-repository';
import { createCentroidMatcher } from './centroid-matcher';
import { DEFAULT_MATCH_POLICY, decideGroups, type FaceMatcher, type MatchPolicy, type NewFace } from './face-matcher';
import { bestFace } from './person-summary';
import { planAssignment, type AssignmentPlan } from './plan-assignment';

export interface AssignFacesRequest {
  owner: string;
  mediaId: string;
  /** The media version the faces were detected in. */
  version: number;
  faces: NewFace[];
}

export interface AssignFacesResult {
  /** Ids of the stored faces, in the order of `faces`. */
  faceIds: string[];
  /** The person of each face, in the order of `faces` (null: the face could not be matched). */
  personIds: (string | null)[];
  /** People this run created. */
  created: string[];
  /** True when the run came too late (a later version is shown or stored) and changed nothing. */
  stale: boolean;
  /**
   * Provider face ids (`externalFaceId`) of the faces this run replaced: on AWS, the caller deletes
   * them from the Rekognition collection (DeleteFaces) so they stop matching.
   */
  removedExternalFaceIds: string[];
}

export interface AssignFacesOptions {
  /** How faces find people. @default the local centroid matcher over the owner's people */
  matcher?: FaceMatcher;
  /** @default DEFAULT_MATCH_POLICY (tuned for the local face descriptor; a collection needs its own) */
  policy?: Partial<MatchPolicy>;
  /** @default 4 */
  maxAttempts?: number;
  now?: () => Date;
  newId?: () => string;
}

/** The request cannot be carried out (unknown media, another owner's media, malformed faces). */
export class FaceAssignmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaceAssignmentError';
  }
}

const inUnit = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= -0.001 && value <= 1.001;

/** Checks the faces the analyzers hand over. @throws FaceAssignmentError naming the first bad face */
export function validateNewFaces(faces: readonly NewFace[]): void {
  faces.forEach((face, index) => {
    const box = face.box;
    if (!box || ![box.left, box.top, box.width, box.height, face.confidence].every(inUnit)) {
      throw new FaceAssignmentError(`Face ${index}: box and confidence must be fractions between 0 and 1`);
    }
    if (face.at !== undefined && face.at !== null && !(Number.isFinite(face.at) && face.at >= 0)) {
      throw new FaceAssignmentError(`Face ${index}: at must be a number of seconds ≥ 0`);
    }
    if (face.embedding !== null && !(Array.isArray(face.embedding) && face.embedding.every((value) => Number.isFinite(value)))) {
      throw new FaceAssignmentError(`Face ${index}: embedding must be finite numbers or null`);
    }
  });
}

/**
 * Stores the faces of one media version and matches each to a person of the owner.
 * @returns the stored face ids and their people, in the order given, and the people created
 * @throws FaceAssignmentError for unknown or foreign media and malformed faces
 * @example
 * const { faceIds, personIds, created } = await assignFaces(
 *   { owner, mediaId, version, faces: detected.map((f) => ({ box: f.box, confidence: f.confidence, embedding: f.embedding })) },
 *   peopleRepository(),
 * );
 */
export async function assignFaces(request: AssignFacesRequest, repository: PeopleRepository, options: AssignFacesOptions = {}): Promise<AssignFacesResult> {
  validateNewFaces(request.faces);
  const policy = { ...DEFAULT_MATCH_POLICY, ...options.policy };
  const maxAttempts = options.maxAttempts ?? 4;
  return repository.withOwnerLock(request.owner, async () => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await attemptAssignment(request, repository, policy, options);
      } catch (error) {
        if (!(error instanceof ConcurrentPeopleChangeError) || attempt >= maxAttempts) throw error;
      }
    }
  });
}

async function attemptAssignment(
  request: AssignFacesRequest,
  repository: PeopleRepository,
  policy: MatchPolicy,
  options: AssignFacesOptions,
): Promise<AssignFacesResult> {
  const media = await repository.getMedia(request.mediaId);
  if (!media || media.owner !== request.owner) throw new FaceAssignmentError(`Media ${request.mediaId} of owner ${request.owner} not found`);
  const existing = await repository.listMediaFaces(request.mediaId);
  const matcher = options.matcher ?? createCentroidMatcher(() => repository.listPeople(request.owner));

  const groups = await matcher.group(request.faces, policy);
  const candidates = await Promise.all(
    groups.map((group) => matcher.rank(group.map((index) => request.faces[index]!), { owner: request.owner, mediaId: request.mediaId })),
  );
  const decisions = decideGroups(candidates, policy, matcher.alike ? (a, b) => matcher.alike!(a, b, policy) : undefined);

  const involved = new Set<string>();
  for (const decision of decisions) if (decision.kind === 'join') involved.add(decision.personId);
  for (const face of existing) if (face.personId) involved.add(face.personId);
  const people = new Map((await repository.getPeople([...involved])).filter((person) => person.owner === request.owner).map((person) => [person.id, person]));

  const replacementSamples = await loadReplacementSamples(request.mediaId, existing, people.values(), repository);

  const newId = options.newId ?? randomUUID;
  const plan = planAssignment(request, {
    existing,
    shownVersion: media.version,
    groups,
    decisions,
    people,
    replacementSamples,
    now: (options.now?.() ?? new Date()).toISOString(),
    newPersonId: newId,
    newFaceId: newId,
  });
  if (!plan.stale) await applyPlan(request.mediaId, plan, repository);
  return {
    faceIds: plan.faces.map((face) => face.id),
    personIds: plan.faces.map((face) => face.personId),
    created: plan.created,
    stale: plan.stale,
    removedExternalFaceIds: plan.stale
      ? []
      : existing.flatMap((face) => (face.externalFaceId && !plan.faces.some((kept) => kept.externalFaceId === face.externalFaceId) ? [face.externalFaceId] : [])),
  };
}

/**
 * For the people whose sample face is one of the media item's faces about to be replaced: their best
 * face in other media items (null when they have none), as planAssignment's `replacementSamples`.
 */
export async function loadReplacementSamples(
  mediaId: string,
  existing: readonly StoredFace[],
  people: Iterable<StoredPerson>,
  repository: PeopleRepository,
): Promise<Map<string, StoredFace | null>> {
  const replacementSamples = new Map<string, StoredFace | null>();
  for (const person of people) {
    if (person.sample?.mediaId === mediaId && existing.some((face) => face.personId === person.id)) {
      const elsewhere = (await repository.listPersonFaces(person.id)).filter((face) => face.mediaId !== mediaId);
      replacementSamples.set(person.id, bestFace(elsewhere));
    }
  }
  return replacementSamples;
}

/** Person changes first (each atomic with its faces), then unmatched faces, then the media's people. */
export async function applyPlan(mediaId: string, plan: AssignmentPlan, repository: PeopleRepository): Promise<void> {
  for (const change of plan.changes) await repository.applyPersonChange(change);
  if (plan.unmatchedDeletes.length > 0) await repository.deleteFaces(plan.unmatchedDeletes);
  if (plan.unmatchedPuts.length > 0) await repository.putFaces(plan.unmatchedPuts);
  await repository.setMediaPeople(mediaId, plan.mediaPersonIds);
}
