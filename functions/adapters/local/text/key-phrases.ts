/**
 * Key phrases as Comprehend returns them: noun phrases ("the new iPhone", "battery life"), here
 * found from part-of-speech patterns — optional modifiers (adjectives, numbers, nouns) ending in
 * one or more nouns — and ranked by how often they occur, their length and whether they name
 * something. Leading articles and possessives are dropped, so phrases double as tags.
 */
import type { TaggedSentence, TaggedToken } from './tokens';

/** A phrase with a 0–1 confidence that it is a key phrase of the text. */
export interface KeyPhrase {
  readonly text: string;
  readonly confidence: number;
}

const HEAD_POS: ReadonlySet<string> = new Set(['NOUN', 'PROPN']);
const MODIFIER_POS: ReadonlySet<string> = new Set(['ADJ', 'NUM', 'NOUN', 'PROPN']);
/** Time words end a phrase and are no key phrase themselves ("Tokyo last month" → "Tokyo"); dates are entities. */
const TIME_WORDS: ReadonlySet<string> = new Set(['today', 'yesterday', 'tomorrow', 'tonight', 'morning', 'evening', 'afternoon', 'night', 'week', 'weekend', 'month', 'year', 'decade', 'century', 'last', 'next', 'welcome', 'hello', 'thanks']);
/** Quantifiers tagged as adjectives that are not part of what a phrase names ("most people"). */
const QUANTIFIERS: ReadonlySet<string> = new Set(['most', 'many', 'much', 'several', 'some', 'other', 'such', 'few', 'more', 'less', 'own', 'same', 'certain', 'various', 'enough', 'all', 'every', 'each']);
/** Nouns too general to be a key phrase on their own. */
const VAGUE_NOUNS: ReadonlySet<string> = new Set(['thing', 'things', 'lot', 'lots', 'way', 'ways', 'kind', 'sort', 'bit', 'something', 'anything', 'everything', 'nothing', 'one', 'ones', 'time', 'times', 'day', 'people', 'stuff', 'part', 'end']);

interface Candidate {
  readonly tokens: readonly TaggedToken[];
  readonly position: number;
}

const isWordy = (token: TaggedToken): boolean => /[\p{L}\p{N}]/u.test(token.value);

function candidatesOf(sentence: TaggedSentence, start: number): Candidate[] {
  const found: Candidate[] = [];
  let run: TaggedToken[] = [];
  const flush = () => {
    // Trim trailing modifiers: a phrase ends in its head noun.
    let end = run.length;
    while (end > 0 && !HEAD_POS.has(run[end - 1]!.pos)) {
      end -= 1;
    }
    const phrase = run.slice(0, end);
    if (phrase.length > 0 && !(phrase.length === 1 && VAGUE_NOUNS.has(phrase[0]!.normal))) {
      found.push({ tokens: phrase, position: start + found.length });
    }
    run = [];
  };
  for (const token of sentence.tokens) {
    const joinsHyphenated = token.value === '-' && run.length > 0;
    if (run.length === 0 && QUANTIFIERS.has(token.normal)) {
      continue;
    }
    if ((MODIFIER_POS.has(token.pos) && isWordy(token) && !TIME_WORDS.has(token.normal)) || joinsHyphenated) {
      run.push(token);
    } else {
      flush();
    }
  }
  flush();
  return found;
}

const phraseText = (tokens: readonly TaggedToken[]): string => tokens.map((token) => token.value).join(' ').replace(/ - /g, '-');
const phraseKey = (tokens: readonly TaggedToken[]): string => tokens.map((token) => (HEAD_POS.has(token.pos) ? token.lemma : token.normal)).join(' ');

/**
 * Extracts and ranks key phrases.
 * @returns distinct phrases, most salient first, at most `limit`
 */
export function extractKeyPhrases(sentences: readonly TaggedSentence[], limit = 30): KeyPhrase[] {
  const byKey = new Map<string, { text: string; count: number; first: number; words: number; proper: boolean; modified: boolean }>();
  let position = 0;
  for (const sentence of sentences) {
    const candidates = candidatesOf(sentence, position);
    position += candidates.length + 1;
    for (const { tokens, position: at } of candidates) {
      const key = phraseKey(tokens);
      const entry = byKey.get(key);
      if (entry) {
        entry.count += 1;
        continue;
      }
      byKey.set(key, {
        text: phraseText(tokens),
        count: 1,
        first: at,
        words: tokens.filter((token) => token.value !== '-').length,
        proper: tokens.some((token) => token.pos === 'PROPN'),
        modified: tokens.some((token) => token.pos === 'ADJ' || token.pos === 'NUM'),
      });
    }
  }
  const total = Math.max(1, position);
  const scored = [...byKey.values()].map((entry) => {
    const salience = entry.count * (1 + 0.25 * Math.min(3, entry.words - 1)) + (entry.proper ? 0.5 : 0) + (entry.modified ? 0.2 : 0) + 0.3 * (1 - entry.first / total);
    return { text: entry.text, salience };
  });
  scored.sort((a, b) => b.salience - a.salience || a.text.localeCompare(b.text));
  // Confidence that this is a key phrase: rises with salience, about 0.6 for a single plain noun.
  return scored.slice(0, limit).map(({ text, salience }) => ({ text, confidence: Number((1 - 0.5 * Math.exp(-salience / 2.5)).toFixed(4)) }));
}
