/**
 * Tagging: what the analyzers found, as tag candidates — a path in the owner's tag hierarchy, a
 * confidence and the kind that found it. Pure; core/analysis/apply-tags.ts stores them through the
 * TagRepository port (reusing the owner's own tags of the same names).
 *
 * | finding | path |
 * |---|---|
 * | label "Dog" with parents Mammal › Animal | `Animal/Mammal/Dog` |
 * | faces | `People` |
 * | text in an image | `Text` |
 * | moderation label "Nudity" under "Explicit Nudity" | `Moderation/Explicit Nudity/Nudity` |
 * | key phrase "harbour seals" | `Keywords/harbour seals` |
 * | entity PERSON / LOCATION / ORGANIZATION / DATE | `People/…`, `Places/…`, `Organizations/…`, `Dates/…` |
 *
 * Below its threshold a finding is not a tag; paths that differ only in case are one tag (the most
 * confident wins); a tag implied by a more specific one (`Animal` next to `Animal/Mammal/Dog`) is
 * left out, since search by a tag already finds its descendants; the count is bounded.
 */
import type { TextAnalysis } from '../ports/text-analyzer';
import type { AnalysisKind } from './analysis/kinds';

/** One tag an analyzer proposes. */
export interface TagCandidate {
  /** Names from the root, e.g. ['Animal', 'Mammal', 'Dog']. */
  path: string[];
  /** 0–1. */
  confidence: number;
  source: 'AUTO';
  /** The kind whose result proposed it: re-running that kind replaces its tags. */
  kind: AnalysisKind;
}

/** What the analyzers found, as tagging needs it (every part optional: each media type has some). */
export interface TaggingFindings {
  labels?: readonly { name: string; confidence: number; parents: readonly string[] }[];
  faces?: readonly { confidence: number }[];
  textLines?: readonly { text: string; confidence: number }[];
  moderation?: readonly { name: string; parent: string | null; confidence: number }[];
  textAnalysis?: Pick<TextAnalysis, 'keyPhrases' | 'entities'>;
}

/** Minimum confidence (0–1) for a finding to become a tag. */
export interface TaggingThresholds {
  labels: number;
  faces: number;
  text: number;
  moderation: number;
  keyPhrases: number;
  entities: number;
}

export interface TaggingOptions {
  thresholds: TaggingThresholds;
  /** Most tags per media item. @default 40 */
  maxTags: number;
  /** Most `Keywords/…` tags. @default 10 */
  maxKeyPhrases: number;
  /** Most entity tags (all types together). @default 10 */
  maxEntities: number;
}

/** Defaults, tuned for Rekognition/Comprehend-like confidences (the local runtime lowers labels; see analysis/settings.ts). */
export const defaultTaggingOptions: TaggingOptions = {
  thresholds: { labels: 0.6, faces: 0.8, text: 0.8, moderation: 0.6, keyPhrases: 0.8, entities: 0.8 },
  maxTags: 40,
  maxKeyPhrases: 10,
  maxEntities: 10,
};

/** Root tags the analyzers file their findings under. */
export const tagRoots = {
  people: 'People',
  text: 'Text',
  moderation: 'Moderation',
  keywords: 'Keywords',
  places: 'Places',
  organizations: 'Organizations',
  dates: 'Dates',
} as const;

/** Comprehend entity types that become tags, and the root each goes under. */
const ENTITY_ROOTS: Readonly<Record<string, string>> = {
  PERSON: tagRoots.people,
  LOCATION: tagRoots.places,
  ORGANIZATION: tagRoots.organizations,
  DATE: tagRoots.dates,
};

/** As resolvers/lib/tags.ts: names are 1–64 characters, paths at most 10 deep. */
const MAX_NAME_LENGTH = 64;
const MAX_DEPTH = 10;

const LEADING_DETERMINER = /^(?:the|a|an|this|that|these|those|my|our|your|his|her|their|its)\s+/i;

/**
 * A finding's text as a tag name the API would accept: `/` (the path separator) becomes `-`,
 * control characters and runs of white space become one space, trimmed, at most 64 characters
 * (never cutting a character in two).
 * @returns the name, or null when nothing is left
 */
export function tagName(raw: string): string | null {
  // Control characters (below U+0020, and DEL) become spaces, as white space does.
  const spaced = Array.from(raw, (character) => (character < ' ' || character === '\u007f' ? ' ' : character)).join('');
  const cleaned = spaced.replace(/\//g, '-').replace(/\s+/g, ' ').trim();
  let name = '';
  for (const character of cleaned) {
    if (name.length + character.length > MAX_NAME_LENGTH) {
      break;
    }
    name += character;
  }
  name = name.trim();
  return name.length > 0 ? name : null;
}

/** The case-insensitive identity of a path (sibling names are unique case-insensitively). */
export function pathKey(path: readonly string[]): string {
  return path.map((name) => name.toLowerCase()).join('/');
}

/** The candidates for what was found (see the table above), most confident first. */
export function tagCandidates(findings: TaggingFindings, options: TaggingOptions = defaultTaggingOptions): TagCandidate[] {
  const { thresholds } = options;
  const proposed: TagCandidate[] = [];
  const propose = (names: readonly string[], confidence: number, kind: AnalysisKind) => {
    const path = cleanPath(names);
    if (path) {
      proposed.push({ path, confidence: clampConfidence(confidence), source: 'AUTO', kind });
    }
  };

  for (const label of findings.labels ?? []) {
    if (label.confidence >= thresholds.labels) {
      propose([...label.parents].reverse().concat(label.name), label.confidence, 'labels');
    }
  }
  const faceConfidence = maxConfidence((findings.faces ?? []).filter((face) => face.confidence >= thresholds.faces));
  if (faceConfidence !== null) {
    propose([tagRoots.people], faceConfidence, 'faces');
  }
  const textConfidence = maxConfidence((findings.textLines ?? []).filter((line) => line.confidence >= thresholds.text && line.text.trim().length > 0));
  if (textConfidence !== null) {
    propose([tagRoots.text], textConfidence, 'text');
  }
  for (const label of findings.moderation ?? []) {
    if (label.confidence >= thresholds.moderation) {
      propose(label.parent ? [tagRoots.moderation, label.parent, label.name] : [tagRoots.moderation, label.name], label.confidence, 'moderation');
    }
  }

  const keyPhrases = (findings.textAnalysis?.keyPhrases ?? [])
    .filter((phrase) => phrase.confidence >= thresholds.keyPhrases)
    .map((phrase) => ({ ...phrase, text: phrase.text.replace(LEADING_DETERMINER, '') }));
  for (const phrase of bestDistinct(keyPhrases, options.maxKeyPhrases, (p) => p.text.toLowerCase())) {
    propose([tagRoots.keywords, phrase.text], phrase.confidence, 'text-analysis');
  }
  const entities = (findings.textAnalysis?.entities ?? []).filter((entity) => entity.confidence >= thresholds.entities && ENTITY_ROOTS[entity.type]);
  for (const entity of bestDistinct(entities, options.maxEntities, (e) => `${e.type}/${e.text.toLowerCase()}`)) {
    propose([ENTITY_ROOTS[entity.type]!, entity.text], entity.confidence, 'text-analysis');
  }

  return withoutImpliedAncestors(mostConfidentPerPath(proposed))
    .sort(byConfidence)
    .slice(0, Math.max(0, options.maxTags));
}

function cleanPath(names: readonly string[]): string[] | null {
  const path = names.map(tagName).filter((name): name is string => name !== null);
  if (path.length === 0) {
    return null;
  }
  // Keep the root-most levels and the leaf when a provider's hierarchy runs deeper than tags may.
  return path.length > MAX_DEPTH ? [...path.slice(0, MAX_DEPTH - 1), path[path.length - 1]!] : path;
}

function clampConfidence(confidence: number): number {
  return Number.isFinite(confidence) ? Math.min(1, Math.max(0, confidence)) : 0;
}

function maxConfidence(items: readonly { confidence: number }[]): number | null {
  return items.length > 0 ? Math.max(...items.map((item) => item.confidence)) : null;
}

/** The `limit` most confident items, one per key. */
function bestDistinct<T extends { confidence: number }>(items: readonly T[], limit: number, key: (item: T) => string): T[] {
  const best = new Map<string, T>();
  for (const item of items) {
    const existing = best.get(key(item));
    if (!existing || item.confidence > existing.confidence) {
      best.set(key(item), item);
    }
  }
  return [...best.values()].sort((a, b) => b.confidence - a.confidence).slice(0, Math.max(0, limit));
}

function mostConfidentPerPath(candidates: readonly TagCandidate[]): TagCandidate[] {
  const best = new Map<string, TagCandidate>();
  for (const candidate of candidates) {
    const key = pathKey(candidate.path);
    const existing = best.get(key);
    if (!existing || candidate.confidence > existing.confidence) {
      best.set(key, candidate);
    }
  }
  return [...best.values()];
}

function withoutImpliedAncestors(candidates: readonly TagCandidate[]): TagCandidate[] {
  const keys = candidates.map((candidate) => pathKey(candidate.path));
  return candidates.filter((_, index) => !keys.some((other) => other.startsWith(`${keys[index]}/`)));
}

function byConfidence(a: TagCandidate, b: TagCandidate): number {
  return b.confidence - a.confidence || pathKey(a.path).localeCompare(pathKey(b.path));
}
