/**
 * Lexicon-and-rules sentiment (in the manner of VADER) over part-of-speech-tagged tokens, with the
 * rules that matter for short reviews and transcripts: negation within a clause ("not good",
 * "no complaints", "never fails"), "could not be happier", boosters and dampeners ("very",
 * "a bit"), "too" + adjective as a complaint, negated expectation verbs ("never answered"), and
 * contrast ("…, but …") both for weighting and for recognising MIXED sentiment.
 *
 * Scores follow Comprehend's DetectSentiment: four classes whose scores sum to 1.
 */
import type { Sentiment } from '../../../ports/text-analyzer';
import { BOOSTERS, CONTRAST_WORDS, DAMPENERS, EXPECTATION_VERBS, NEGATORS, REMEDY_VERBS, type Lexicon } from './sentiment-lexicon';

/** One token as the tagger gives it. `pos` is a Universal POS tag (ADJ, NOUN, VERB, …). */
export interface SentimentToken {
  readonly normal: string;
  readonly lemma: string;
  readonly pos: string;
}

/** Sentiment found in one sentence: sums of positive and negative valence, raw and contrast-weighted. */
export interface SentencePolarity {
  readonly positive: number;
  readonly negative: number;
  readonly weightedPositive: number;
  readonly weightedNegative: number;
  /** Number of word tokens (the sentence's weight in a document). */
  readonly length: number;
}

export type SentimentScores = Record<Sentiment, number>;

/** VADER's scalar for a negated word (Hutto & Gilbert 2014). */
const NEGATION_SCALAR = -0.74;
/** Least strength of a negated praise word. */
const NEGATED_PRAISE_FLOOR = 0.9;
const NOUN_WEIGHT = 0.6;
/** How many tokens after a negator it still applies to (within the clause). */
const NEGATION_SCOPE = 4;
const NOT_RATED_POS: ReadonlySet<string> = new Set(['DET', 'ADP', 'PRON', 'CCONJ', 'SCONJ', 'PART', 'PUNCT', 'NUM', 'AUX', 'PROPN', 'SPACE']);
const CLAUSE_PUNCTUATION: ReadonlySet<string> = new Set([',', ';', ':', '—', '–', '-', '(', ')']);
/** Contrast words after which the *following* clause carries the weight (VADER's "but" rule). */
const FORWARD_CONTRAST: ReadonlySet<string> = new Set(['but', 'yet', 'however', 'except']);
const MODALS: ReadonlySet<string> = new Set(['could', 'can', 'couldn', 'ca']);

interface ClauseState {
  negationLeft: number;
  factor: number;
  factorLeft: number;
  /** Tokens left in which a negative word is the object of a remedy verb ("fixed the bug"). */
  remedyLeft: number;
}

const freshClause = (): ClauseState => ({ negationLeft: 0, factor: 1, factorLeft: 0, remedyLeft: 0 });

/** Capitalised adjectives opening a sentence are often tagged as proper nouns ("Friendly staff, …"). */
const rated = (token: SentimentToken, index: number): boolean =>
  !NOT_RATED_POS.has(token.pos) || (token.pos === 'PROPN' && index === 0);

const isComparative = (token: SentimentToken): boolean =>
  (token.pos === 'ADJ' || token.pos === 'ADV') && (/(?:er|ier)$/.test(token.normal) && token.lemma !== token.normal || token.normal === 'better');

/**
 * Scores one sentence.
 * @returns positive and negative valence sums, raw and with contrast weighting
 */
export function scoreSentence(tokens: readonly SentimentToken[], lexicon: Lexicon): SentencePolarity {
  const valences: { value: number; clause: number }[] = [];
  const clauseWeights: number[] = [1];
  let clause = 0;
  let state = freshClause();
  let words = 0;

  const newClause = () => {
    clause += 1;
    clauseWeights.push(1);
    state = freshClause();
  };

  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    const next = tokens[index + 1];
    const normal = token.normal;
    if (token.pos !== 'PUNCT') {
      words += 1;
    }
    if (CLAUSE_PUNCTUATION.has(normal)) {
      newClause();
      continue;
    }
    if (CONTRAST_WORDS.has(normal) && (token.pos === 'CCONJ' || token.pos === 'SCONJ' || token.pos === 'ADV')) {
      if (FORWARD_CONTRAST.has(normal)) {
        // VADER: sentiment before "but" is halved, after it is raised by half.
        for (let earlier = 0; earlier <= clause; earlier += 1) {
          clauseWeights[earlier] = clauseWeights[earlier]! * 0.5;
        }
        newClause();
        clauseWeights[clause] = 1.5;
      } else {
        // "although …", "though …": the clause they introduce is the concession.
        newClause();
        clauseWeights[clause] = 0.5;
      }
      continue;
    }
    const pair = next ? `${normal} ${next.normal}` : '';
    const pairDampener = DAMPENERS.get(pair);
    if (pairDampener !== undefined) {
      state.factor = pairDampener;
      state.factorLeft = 3;
      index += 1;
      continue;
    }
    if (NEGATORS.has(normal) || normal === "n't") {
      state.negationLeft = NEGATION_SCOPE;
      // "could not be happier": negated comparative after a modal is the highest praise.
      const previous = tokens[index - 1];
      const afterBe = tokens[index + 1]?.normal === 'be' ? tokens[index + 2] : undefined;
      if (previous && MODALS.has(previous.normal) && afterBe && isComparative(afterBe)) {
        state.negationLeft = 0;
        state.factor = 1.3;
        state.factorLeft = 3;
      }
      if (normal === 'hardly' || normal === 'barely') {
        state.factor = 0.8;
      }
      continue;
    }
    const booster = BOOSTERS.get(normal);
    if (booster !== undefined && (token.pos === 'ADV' || token.pos === 'ADJ') && next && next.pos !== 'PUNCT') {
      state.factor = booster;
      state.factorLeft = 2;
      continue;
    }
    const dampener = DAMPENERS.get(normal);
    if (dampener !== undefined && token.pos === 'ADV') {
      state.factor = dampener;
      state.factorLeft = 2;
      continue;
    }
    if ((normal === 'too' || normal === 'overly') && next && (next.pos === 'ADJ' || next.pos === 'ADV')) {
      // "too small", "far too long": excess is a complaint whatever the adjective.
      const rated = lexicon.get(next.normal) ?? lexicon.get(next.lemma) ?? 0;
      const intensity = tokens[index - 1] && ['far', 'way', 'much'].includes(tokens[index - 1]!.normal) ? 1.25 : 1;
      const value = (rated < 0 ? Math.min(rated * 1.2, -1.5) : -1.5) * intensity * state.factor;
      valences.push({ value: state.negationLeft > 0 ? value * NEGATION_SCALAR : value, clause });
      state = { ...state, factor: 1, factorLeft: 0 };
      index += 1;
      words += 1;
      continue;
    }

    const kindOf = normal === 'kind' && (next?.normal === 'of' || tokens[index - 1]?.pos === 'DET');
    let value = rated(token, index) && !kindOf ? (lexicon.get(normal) ?? lexicon.get(token.lemma) ?? 0) : 0;
    if (token.pos === 'NOUN') {
      // Nouns name things more than they judge them ("customer support", "care"): weigh them less.
      value *= NOUN_WEIGHT;
    }
    const negated = state.negationLeft > 0;
    if (value < 0 && state.remedyLeft > 0 && token.pos === 'NOUN') {
      value = 0;
    }
    if (token.pos === 'VERB' && REMEDY_VERBS.has(token.lemma)) {
      state.remedyLeft = 4;
    }
    if (value === 0 && negated && token.pos === 'VERB' && EXPECTATION_VERBS.has(token.lemma)) {
      valences.push({ value: -1.2, clause });
      state.negationLeft = 0;
      continue;
    }
    if (value !== 0) {
      if (state.factorLeft > 0) {
        value *= state.factor;
      }
      if (negated) {
        // The whole scope is negated: "did not seem interested in helping". A negated praise word
        // is a clear complaint ("not worth it", "not good"), however mild the word.
        value = value > 0 ? -Math.max(value * -NEGATION_SCALAR, NEGATED_PRAISE_FLOOR) : value * NEGATION_SCALAR;
      }
      valences.push({ value, clause });
      state.factor = 1;
      state.factorLeft = 0;
    } else {
      state.factorLeft = Math.max(0, state.factorLeft - 1);
    }
    state.negationLeft = Math.max(0, state.negationLeft - 1);
    state.remedyLeft = Math.max(0, state.remedyLeft - 1);
  }

  let positive = 0;
  let negative = 0;
  let weightedPositive = 0;
  let weightedNegative = 0;
  for (const { value, clause: at } of valences) {
    const weight = clauseWeights[at] ?? 1;
    if (value > 0) {
      positive += value;
      weightedPositive += value * weight;
    } else {
      negative -= value;
      weightedNegative -= value * weight;
    }
  }
  return { positive, negative, weightedPositive, weightedNegative, length: Math.max(1, words) };
}

const smoothstep = (x: number, low: number, high: number): number => {
  const t = Math.min(1, Math.max(0, (x - low) / (high - low)));
  return t * t * (3 - 2 * t);
};

/**
 * Turns valence sums into Comprehend-style class scores (summing to 1).
 * - evidence: how much sentiment there is at all (NEUTRAL is what remains);
 * - MIXED: both directions present and of comparable strength;
 * - POSITIVE/NEGATIVE share the rest by the contrast-weighted sums.
 * @returns scores per class
 */
export function sentimentScores(polarity: Pick<SentencePolarity, 'positive' | 'negative' | 'weightedPositive' | 'weightedNegative'>): SentimentScores {
  const { positive, negative, weightedPositive, weightedNegative } = polarity;
  const total = positive + negative;
  const evidence = 1 - Math.exp(-total / 1.0);
  const balance = total === 0 ? 0 : Math.min(positive, negative) / Math.max(positive, negative);
  const mixed = positive >= 0.8 && negative >= 0.8 ? evidence * smoothstep(balance, 0.2, 0.55) : 0;
  const weightedTotal = weightedPositive + weightedNegative;
  const positiveShare = weightedTotal === 0 ? 0.5 : weightedPositive / weightedTotal;
  return {
    POSITIVE: (evidence - mixed) * positiveShare,
    NEGATIVE: (evidence - mixed) * (1 - positiveShare),
    NEUTRAL: 1 - evidence,
    MIXED: mixed,
  };
}

/** The class with the highest score (ties: NEUTRAL, then MIXED, POSITIVE, NEGATIVE). */
export function topSentiment(scores: SentimentScores): Sentiment {
  const order: Sentiment[] = ['NEUTRAL', 'MIXED', 'POSITIVE', 'NEGATIVE'];
  return order.reduce((best, candidate) => (scores[candidate] > scores[best] ? candidate : best), order[0]!);
}

/**
 * A document's sentiment from its sentences: opinionated sentences weigh more than factual ones
 * (a review with one factual and one glowing sentence is positive), and a document with clearly
 * positive and clearly negative sentences is MIXED.
 * @returns the class and its scores
 */
export function documentSentiment(sentences: readonly SentencePolarity[]): { value: Sentiment; scores: SentimentScores } {
  if (sentences.length === 0) {
    return { value: 'NEUTRAL', scores: { POSITIVE: 0, NEGATIVE: 0, NEUTRAL: 1, MIXED: 0 } };
  }
  const perSentence = sentences.map((sentence) => ({ sentence, scores: sentimentScores(sentence) }));
  const sum: SentimentScores = { POSITIVE: 0, NEGATIVE: 0, NEUTRAL: 0, MIXED: 0 };
  let weights = 0;
  let positiveWeight = 0;
  let negativeWeight = 0;
  for (const { sentence, scores } of perSentence) {
    const weight = sentence.length * (0.2 + (1 - scores.NEUTRAL));
    weights += weight;
    for (const key of Object.keys(sum) as Sentiment[]) {
      sum[key] += scores[key] * weight;
    }
    const value = topSentiment(scores);
    if (value === 'POSITIVE') positiveWeight += weight;
    if (value === 'NEGATIVE') negativeWeight += weight;
  }
  const scores = Object.fromEntries((Object.keys(sum) as Sentiment[]).map((key) => [key, sum[key] / weights])) as SentimentScores;
  const bothWays = sentences.length > 1 && positiveWeight / weights >= 0.25 && negativeWeight / weights >= 0.25;
  if (!bothWays) {
    return { value: topSentiment(scores), scores };
  }
  // Opposed sentences: the opposed part of the mass is mixed sentiment, not two half-opinions.
  const opposed = Math.min(scores.POSITIVE, scores.NEGATIVE);
  const mixedScores = { ...scores, POSITIVE: scores.POSITIVE - opposed, NEGATIVE: scores.NEGATIVE - opposed, MIXED: scores.MIXED + 2 * opposed };
  return { value: topSentiment(mixedScores), scores: mixedScores };
}
