/**
 * forgetMediaFaces: a media item is being deleted (Mutation.deleteMedia), so its faces leave their
 * people first. Each person is counted down exactly as a re-analysis that found no face would
 * (planAssignment with zero faces: face count, media count, centroid and sample follow), and a person
 * left without any face is deleted — named or not, nothing of them is left in the library to show.
 *
 * Runs under the owner's people lock, retried when a person changed meanwhile. Idempotent: a run
 * after a successful one finds no faces and changes nothing, so a retried deleteMedia is safe.
 */
import { ConcurrentPeopleChangeError, type PeopleRepository } from '../../ports/people-repository';
import { applyPlan, loadReplacementSamples } from './assign-faces';
import { PeopleRequestError } from './people-request';
import { planAssignment } from './plan-assignment';

export interface ForgetMediaFacesRequest {
  owner: string;
  mediaId: string;
}

/** What the people function answers for `forget`. */
export interface ForgetMediaFacesResult {
  mediaId: string;
  /** Face items removed. */
  forgottenFaces: number;
  /** People who kept other faces (their counts, centroid and sample were updated). */
  updatedPeople: string[];
  /** People who had no face left and were deleted. */
  deletedPeople: string[];
  /** Provider face ids (Rekognition FaceIds) of the faces removed. */
  removedExternalFaceIds: string[];
}

export interface ForgetMediaFacesOptions {
  /**
   * Removes faces from the provider's collection (on AWS: DeleteFaces on the owner's Rekognition
   * collection), called before the stored faces go, so a face never matches after its item is gone.
   * Absent locally, where faces are matched by their stored embeddings.
   */
  removeExternalFaces?: (owner: string, externalFaceIds: readonly string[]) => Promise<void>;
  /** @default 4 */
  maxAttempts?: number;
  now?: () => Date;
}

const nothingCreated = (): string => {
  throw new Error('Forgetting faces never creates a person or a face');
};

/**
 * Removes every face of the media item from the owner's people.
 * @returns what changed
 * @throws PeopleRequestError NotFound when the media item exists and is another owner's
 * @example
 * await forgetMediaFaces({ owner, mediaId }, peopleRepository());
 */
export async function forgetMediaFaces(
  request: ForgetMediaFacesRequest,
  repository: PeopleRepository,
  options: ForgetMediaFacesOptions = {},
): Promise<ForgetMediaFacesResult> {
  const maxAttempts = options.maxAttempts ?? 4;
  return repository.withOwnerLock(request.owner, async () => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await attemptForget(request, repository, options);
      } catch (error) {
        if (!(error instanceof ConcurrentPeopleChangeError) || attempt >= maxAttempts) throw error;
      }
    }
  });
}

async function attemptForget(request: ForgetMediaFacesRequest, repository: PeopleRepository, options: ForgetMediaFacesOptions): Promise<ForgetMediaFacesResult> {
  const media = await repository.getMedia(request.mediaId);
  if (media && media.owner !== request.owner) throw new PeopleRequestError(`Media ${request.mediaId} not found`, 'NotFound');
  // The media item may be gone already (a retried delete): its leftover faces are still forgotten.
  const existing = (await repository.listMediaFaces(request.mediaId)).filter((face) => face.owner === request.owner);
  const none: ForgetMediaFacesResult = { mediaId: request.mediaId, forgottenFaces: 0, updatedPeople: [], deletedPeople: [], removedExternalFaceIds: [] };
  if (existing.length === 0) return none;

  const involved = [...new Set(existing.flatMap((face) => (face.personId ? [face.personId] : [])))];
  const people = new Map((await repository.getPeople(involved)).filter((person) => person.owner === request.owner).map((person) => [person.id, person]));
  // The shown version (or the latest faces' version): never stale, so every version's faces go.
  const version = Math.max(media?.version ?? 0, ...existing.map((face) => face.version));
  const plan = planAssignment(
    { owner: request.owner, mediaId: request.mediaId, version, faces: [] },
    {
      existing,
      shownVersion: version,
      groups: [],
      decisions: [],
      people,
      replacementSamples: await loadReplacementSamples(request.mediaId, existing, people.values(), repository),
      now: (options.now?.() ?? new Date()).toISOString(),
      newPersonId: nothingCreated,
      newFaceId: nothingCreated,
    },
  );
  // Only removals: a person reaches no faces in its last change. Unlike a re-analysis (where a named
  // person may get faces back from the next version), nothing can bring faces back here.
  const changes = plan.changes.map((change) => (change.person.faceCount === 0 ? { ...change, remove: true } : change));

  const removedExternalFaceIds = [...new Set(existing.flatMap((face) => (face.externalFaceId ? [face.externalFaceId] : [])))].sort();
  if (removedExternalFaceIds.length > 0 && options.removeExternalFaces) await options.removeExternalFaces(request.owner, removedExternalFaceIds);
  await applyPlan(request.mediaId, { ...plan, changes }, repository);

  const deleted = new Set(changes.filter((change) => change.remove).map((change) => change.person.id));
  return {
    mediaId: request.mediaId,
    forgottenFaces: existing.length,
    updatedPeople: [...new Set(changes.map((change) => change.person.id))].filter((id) => !deleted.has(id)).sort(),
    deletedPeople: [...deleted].sort(),
    removedExternalFaceIds,
  };
}
