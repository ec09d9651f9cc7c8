/**
 * Sentences and tagged tokens from wink-nlp, as plain values the rest of the analyzer works on.
 */
import type { ItemSentence, ItsFunction, WinkMethods } from 'wink-nlp';
import type { SentimentToken } from './sentiment';

/** One token: its text as written, lower-case form, lemma and Universal POS tag. */
export interface TaggedToken extends SentimentToken {
  readonly value: string;
}

/** One sentence with its tokens. */
export interface TaggedSentence {
  readonly text: string;
  readonly tokens: readonly TaggedToken[];
}

/**
 * Splits `text` into sentences of tagged tokens.
 * @returns sentences in order; empty for blank text
 */
export function tagSentences(wink: WinkMethods, text: string): TaggedSentence[] {
  const { its } = wink;
  const sentences: TaggedSentence[] = [];
  wink.readDoc(text).sentences().each((sentence: ItemSentence) => {
    const tokens = sentence.tokens();
    const values = tokens.out(its.value) as string[];
    const normals = tokens.out(its.normal) as string[];
    // wink's typings declare lemma with a different signature than out() accepts; it works at run time.
    const lemmas = tokens.out(its.lemma as unknown as ItsFunction<string>) as string[];
    const tags = tokens.out(its.pos) as string[];
    const tagged = values.map((value, index) => ({ value, normal: normals[index] ?? value.toLowerCase(), lemma: lemmas[index] ?? value.toLowerCase(), pos: tags[index] ?? 'X' }));
    if (tagged.some((token) => token.pos !== 'PUNCT' && token.pos !== 'SPACE')) {
      sentences.push({ text: sentence.out(), tokens: tagged });
    }
  });
  return sentences;
}
