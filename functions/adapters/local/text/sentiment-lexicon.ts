/**
 * The word valences behind the local sentiment scorer: the VADER lexicon (Hutto & Gilbert 2014,
 * 7,500 entries rated −4…+4 by ten people each) as shipped in the `vader-sentiment` npm package,
 * plus a small supplement of review words VADER lacks (product, service, food and media
 * complaints such as "late", "buggy", "overpriced"), rated on the same scale.
 *
 * Why VADER and not wink-nlp's built-in AFINN-style scores: on the project's labelled set
 * (test/bench/analysis/sentiment-labelled.json) VADER's lexicon with our rules scores far better
 * on mild negatives and negations — see `npm run bench:analysis`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Valences (−4…+4) of words and emoticons, lower-case. */
export type Lexicon = ReadonlyMap<string, number>;

/** Words VADER does not rate that carry sentiment in reviews, transcripts and captions. */
const SUPPLEMENT: Readonly<Record<string, number>> = {
  // complaints
  late: -1.0,
  slow: -1.1,
  buggy: -1.6,
  laggy: -1.4,
  burnt: -1.2,
  bland: -1.2,
  stale: -1.2,
  soggy: -1.2,
  cramped: -1.2,
  smelly: -1.4,
  leaking: -1.1,
  leaky: -1.1,
  mediocre: -1.3,
  tedious: -1.3,
  unusable: -2.2,
  unreliable: -1.6,
  unhelpful: -1.7,
  unresponsive: -1.4,
  outdated: -0.9,
  lukewarm: -0.8,
  overcooked: -1.2,
  undercooked: -1.2,
  flimsy: -1.3,
  overpriced: -1.8,
  pricey: -0.7,
  expensive: -0.7,
  crash: -1.7,
  crashing: -1.7,
  crashes: -1.7,
  crashed: -1.7,
  blurry: -1.0,
  noisy: -1.1,
  // praise
  tasty: 1.9,
  cosy: 1.6,
  cozy: 1.6,
  knowledgeable: 1.5,
  affordable: 1.3,
  seamless: 1.5,
  reliable: 1.5,
  intuitive: 1.5,
  spacious: 1.4,
  vivid: 1.2,
  smooth: 1.1,
  quick: 1.0,
  polite: 1.4,
  crisp: 1.0,
};

/**
 * Words VADER rates that are, in ordinary prose, not sentiment: politeness ("please upload"),
 * the preposition "like", and everyday verbs ("the bus stops here").
 */
const NOT_SENTIMENT: ReadonlySet<string> = new Set(['please', 'like', 'stop', 'stops', 'well', 'yes', 'no', 'ok', 'okay']);

let cached: Lexicon | undefined;

/**
 * Loads the lexicon once (about 7,500 entries, a few milliseconds) from the `vader-sentiment`
 * package's `vader_lexicon.txt`: tab-separated token, mean valence, deviation, ratings.
 * @returns token → valence, lower-case
 */
export function loadSentimentLexicon(): Lexicon {
  if (cached) {
    return cached;
  }
  const require = createRequire(import.meta.url);
  const file = require.resolve('vader-sentiment/vader_lexicon.txt');
  const lexicon = new Map<string, number>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [token, mean] = line.split('\t');
    const valence = Number(mean);
    if (token && Number.isFinite(valence) && !NOT_SENTIMENT.has(token)) {
      lexicon.set(token.toLowerCase(), valence);
    }
  }
  for (const [token, valence] of Object.entries(SUPPLEMENT)) {
    lexicon.set(token, valence);
  }
  cached = lexicon;
  return lexicon;
}

/** Words that turn the sentiment of what follows (within a clause) around. */
export const NEGATORS: ReadonlySet<string> = new Set([
  'not',
  "n't",
  'never',
  'no',
  'nobody',
  'nothing',
  'none',
  'neither',
  'nor',
  'without',
  'cannot',
  'nowhere',
  'hardly',
  'barely',
]);

/** Adverbs that strengthen the next sentiment word, with the factor they apply. */
export const BOOSTERS: ReadonlyMap<string, number> = new Map([
  ['very', 1.3],
  ['really', 1.3],
  ['so', 1.25],
  ['extremely', 1.5],
  ['absolutely', 1.4],
  ['completely', 1.4],
  ['totally', 1.4],
  ['truly', 1.3],
  ['incredibly', 1.5],
  ['especially', 1.2],
  ['particularly', 1.2],
  ['highly', 1.3],
  ['deeply', 1.3],
  ['super', 1.3],
  ['utterly', 1.5],
  ['remarkably', 1.3],
  ['exceptionally', 1.4],
  ['terribly', 1.4],
  ['awfully', 1.4],
  ['painfully', 1.4],
  ['pretty', 1.1],
  ['quite', 1.1],
  ['definitely', 1.2],
]);

/** Words and two-word phrases that soften the next sentiment word ("a bit", "slightly"). */
export const DAMPENERS: ReadonlyMap<string, number> = new Map([
  ['slightly', 0.8],
  ['somewhat', 0.8],
  ['fairly', 0.85],
  ['rather', 0.9],
  ['marginally', 0.7],
  ['a bit', 0.8],
  ['a little', 0.8],
  ['kind of', 0.8],
  ['sort of', 0.8],
]);

/**
 * Verbs whose negation is a complaint even though the verb itself is neutral: "support never
 * answered", "the app doesn't load", "it did not arrive". Valence given to the negated verb.
 */
export const EXPECTATION_VERBS: ReadonlySet<string> = new Set([
  'work',
  'arrive',
  'answer',
  'respond',
  'reply',
  'help',
  'load',
  'start',
  'fit',
  'fix',
  'deliver',
  'return',
  'show',
  'call',
  'solve',
  'resolve',
]);

/** Verbs that remove what follows: "solved my problem" is good news, not a problem. */
export const REMEDY_VERBS: ReadonlySet<string> = new Set(['solve', 'fix', 'resolve', 'repair', 'remove', 'eliminate', 'prevent', 'avoid', 'cure', 'ease', 'relieve']);

/** Clause boundaries where sentiment may change direction ("great food, but slow service"). */
export const CONTRAST_WORDS: ReadonlySet<string> = new Set(['but', 'yet', 'although', 'though', 'however', 'whereas', 'while', 'except']);
