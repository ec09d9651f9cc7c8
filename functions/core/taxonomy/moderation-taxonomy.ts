/**
 * Unsafe-content categories the local moderation model can report, in Amazon Rekognition's
 * two-level style: a second-level label names its top-level category as parent, top-level labels
 * have none ("Labels at the top level of the hierarchy have the parent label \"\"",
 * API_ModerationLabel.html). Names are those of Rekognition's first moderation taxonomy
 * ("Explicit Nudity" › "Nudity", "Suggestive" › "Revealing Clothes"); Rekognition's current
 * taxonomy (moderation-api.html) renames some, e.g. top-level "Explicit" — the AWS adapter passes
 * its names through unchanged.
 */
export const MODERATION_PARENTS: Readonly<Record<string, string | null>> = {
  'Explicit Nudity': null,
  Nudity: 'Explicit Nudity',
  'Illustrated Explicit Nudity': 'Explicit Nudity',
  Suggestive: null,
  'Revealing Clothes': 'Suggestive',
};

/**
 * The parent category of a moderation label.
 * @returns the parent's name, or null for a top-level category or an unknown name
 */
export function moderationParent(name: string): string | null {
  return Object.hasOwn(MODERATION_PARENTS, name) ? (MODERATION_PARENTS[name] ?? null) : null;
}
