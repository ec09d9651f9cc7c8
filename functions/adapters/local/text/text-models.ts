/**
 * The offline NLP models behind the local TextAnalyzer, loaded once per worker and kept warm:
 * - wink-nlp 2.4 with `wink-eng-lite-web-model` 1.8: sentence splitting, tokens, part of speech,
 *   lemmas (≈ 20k short documents/s);
 * - compromise 14: people, places and organisations, dates and values;
 * - eld 2 (Nito-ELD, "medium" n-gram set, 60 languages): language identification;
 * - the VADER lexicon from `vader-sentiment` (see sentiment-lexicon.ts).
 * All ship inside their npm packages; nothing is downloaded at run time.
 */
import type compromiseNlp from 'compromise';
import type { eld } from 'eld/medium';
import type { WinkMethods } from 'wink-nlp';
import { loadSentimentLexicon, type Lexicon } from './sentiment-lexicon';

/** compromise's entry point (`nlp(text)`). */
export type Compromise = typeof compromiseNlp;
/** eld's detector. */
export type LanguageDetector = Pick<typeof eld, 'detect'>;

/** The loaded models. */
export interface TextModels {
  readonly wink: WinkMethods;
  readonly compromise: Compromise;
  readonly languageDetector: LanguageDetector;
  readonly lexicon: Lexicon;
}

let loading: Promise<TextModels> | undefined;

/**
 * Loads the models on first use (about 1 s cold, mostly eld's n-gram tables and compromise's
 * lexicon) and returns the same instances afterwards.
 * @returns the models, shared by every analyzer in this process or worker
 */
export function loadTextModels(): Promise<TextModels> {
  loading ??= (async () => {
    const [{ default: winkNLP }, { default: model }, { default: compromise }, { eld: languageDetector }] = await Promise.all([
      import('wink-nlp'),
      import('wink-eng-lite-web-model'),
      import('compromise'),
      import('eld/medium'),
    ]);
    // Only the stages we read: sentence boundaries and part of speech (lemmas are computed on demand).
    const wink = winkNLP(model, ['sbd', 'pos']);
    return { wink, compromise, languageDetector, lexicon: loadSentimentLexicon() };
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
