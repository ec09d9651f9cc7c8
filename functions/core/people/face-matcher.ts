/**
 * How faces find their person. A `FaceMatcher` is the strategy (locally: cosine similarity to each
 * person's centroid, see centroid-matcher.ts; on AWS: a Rekognition collection search); the decision
 * to join a person or start a new one is the same for both and lives here, with its guard against
 * merging different people: join only when the best person is similar enough AND clearly better than
 * the second best. A face between two clusters starts a new person instead of chaining them together.
 */
import type { BoundingBox } from '../../ports/label-detector';

/** A face to assign, as the analyzers hand it over. */
export interface NewFace {
  box: BoundingBox;
  confidence: number;
  /** Seconds into a video (the keyframe); absent for images. */
  at?: number | null;
  /** Unit-length descriptor (local); null when the provider matches faces itself. */
  embedding: number[] | null;
  /** The face's id in the provider's collection (Rekognition FaceId from IndexFaces) when it has one. */
  externalFaceId?: string | null;
}

/** An existing person that may be the group's, with similarity 0–1 (higher is more alike). */
export interface PersonCandidate {
  personId: string;
  similarity: number;
}

/** When a group joins a person. */
export interface MatchPolicy {
  /** Minimum similarity to the best person. */
  threshold: number;
  /** Minimum lead of the best person over the second best. */
  margin: number;
}

/**
 * The local default (cosine of centred faceres descriptors), chosen for precision by
 * test/bench/analysis/people-eval.ts: on the packaged photos different people reach at most 0.50 face
 * to face (p99 0.40) while the same person measured 0.25–0.54, so 0.5 is the lowest threshold above
 * every different-people pair; it merged no two people in any of the three evaluation sets (pairwise
 * precision 100%), at the cost of recall (real photos 1 of 4 same-person pairs, augmented copies 88%,
 * synthetic 57%): a missed match leaves two people for the user to merge, a wrong one mixes strangers.
 * The margin changed no precision figure at this threshold and costs some recall (synthetic 62% with
 * none); it stays as the guard for look-alikes in libraries larger than the evaluation.
 */
export const DEFAULT_MATCH_POLICY: MatchPolicy = { threshold: 0.5, margin: 0.05 };

/** The strategy that groups a media item's faces and proposes people for each group. */
export interface FaceMatcher {
  /**
   * Groups the faces of one media item showing the same person (keyframes of a video); faces of
   * one frame (same `at`) are never grouped together: one person appears once per frame.
   * @returns groups of indexes into `faces`; faces that cannot be matched at all are left out
   */
  group(faces: readonly NewFace[], policy: MatchPolicy): number[][] | Promise<number[][]>;
  /**
   * The owner's existing people that may be the person of `faces` (one group), best first.
   * The media item's own earlier faces count (a re-run finds the same people again).
   */
  rank(faces: readonly NewFace[], context: { owner: string; mediaId: string }): Promise<PersonCandidate[]>;
  /**
   * Whether two people ranked by `rank` look like one person split in two (their centroids would
   * match each other). Such a pair is not a reason to hold back: the face joins the closer one.
   * Absent: every close second counts as ambiguous.
   */
  alike?(personA: string, personB: string, policy: MatchPolicy): boolean;
}

/** Join a person, or start a new one and why. */
export type MatchDecision =
  | { kind: 'join'; personId: string; similarity: number }
  | { kind: 'new'; reason: 'no-candidate' | 'below-threshold' | 'ambiguous' };

/**
 * Join the best candidate when it reaches the threshold and leads the second by the margin (or the
 * second is `alike` the best: one person found twice, not two people the face sits between).
 * @returns the decision; `ambiguous` when two different-looking people are too close to call
 */
export function decideMatch(
  candidates: readonly PersonCandidate[],
  policy: MatchPolicy,
  alike?: (personA: string, personB: string) => boolean,
): MatchDecision {
  const ranked = [...candidates].sort((a, b) => b.similarity - a.similarity);
  const best = ranked[0];
  if (!best) return { kind: 'new', reason: 'no-candidate' };
  if (best.similarity < policy.threshold) return { kind: 'new', reason: 'below-threshold' };
  const second = ranked.find((candidate) => candidate.personId !== best.personId);
  if (second && best.similarity - second.similarity < policy.margin && !alike?.(best.personId, second.personId)) return { kind: 'new', reason: 'ambiguous' };
  return { kind: 'join', personId: best.personId, similarity: best.similarity };
}

/**
 * Decides every group of one media item: groups are different people (they were kept apart within
 * the item), so two groups never join the same person. The most similar pairs are settled first; a
 * group whose person was taken by a closer group starts a new person.
 * @returns one decision per group, in the groups' order
 */
export function decideGroups(
  candidatesPerGroup: readonly (readonly PersonCandidate[])[],
  policy: MatchPolicy,
  alike?: (personA: string, personB: string) => boolean,
): MatchDecision[] {
  const decisions = candidatesPerGroup.map((candidates) => decideMatch(candidates, policy, alike));
  const order = decisions
    .map((decision, index) => ({ decision, index }))
    .filter((entry) => entry.decision.kind === 'join')
    .sort((a, b) => (b.decision as { similarity: number }).similarity - (a.decision as { similarity: number }).similarity);
  const taken = new Set<string>();
  for (const { decision, index } of order) {
    if (decision.kind !== 'join') continue;
    if (taken.has(decision.personId)) {
      decisions[index] = { kind: 'new', reason: 'ambiguous' };
    } else {
      taken.add(decision.personId);
    }
  }
  return decisions;
}
