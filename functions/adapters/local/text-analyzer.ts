/**
 * TextAnalyzer that runs offline (the local runtime's stand-in for Amazon Comprehend), from
 * models that ship inside npm packages (see text/text-models.ts):
 * - language: eld (60 languages);
 * - sentiment: VADER lexicon + clause, negation and contrast rules over wink-nlp's tags
 *   (text/sentiment.ts), four classes with scores like DetectSentiment;
 * - key phrases: ranked noun phrases from wink-nlp's part-of-speech tags;
 * - entities: compromise + rules for organisations, dates and quantities.
 * English only for sentiment, phrases and entities; other languages raise UnsupportedLanguageError.
 * Long texts are analysed in pieces of whole sentences and merged (text/merge-analyses.ts).
 * Quality and speed: `npm run bench:analysis` (test/bench/analysis/text-eval.ts).
 */
import type { TextAnalysis, TextAnalyzer } from '../../ports/text-analyzer';
import { documentSentiment, scoreSentence } from './text/sentiment';
import { findEntities } from './text/entities';
import { extractKeyPhrases } from './text/key-phrases';
import { detectLanguage } from './text/language';
import { mergeTextAnalyses } from './text/merge-analyses';
import { splitText } from './text/split-text';
import { loadTextModels, type TextModels } from './text/text-models';
import { tagSentences, type TaggedSentence } from './text/tokens';
import { UnsupportedLanguageError } from './text/unsupported-language-error';

/** Settings of the local text analyzer. */
export interface LocalTextAnalyzerOptions {
  /**
   * Largest piece analysed at once, in characters (compromise's tagger is the slow part; pieces
   * bound its memory and let a long transcript report steady progress).
   * @default 4000
   */
  readonly maxPieceChars?: number;
  /** Below this confidence a non-English detection is not trusted (short texts). @default 0.5 */
  readonly minLanguageConfidence?: number;
  /** Models to use instead of the shared ones (tests). */
  readonly models?: TextModels;
}

const EMPTY: TextAnalysis = {
  language: { code: 'und', confidence: 0 },
  sentiment: { value: 'NEUTRAL', scores: { POSITIVE: 0, NEGATIVE: 0, NEUTRAL: 1, MIXED: 0 } },
  keyPhrases: [],
  entities: [],
};

/** Words that make a lower-case sentence worth running the entity tagger on. */
const TIME_OR_NUMBER_WORDS =
  /\b(?:yesterday|today|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|spring|summer|autumn|fall|winter|week|month|year|decade|century|hundred|thousand|million|billion|dozen|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b/i;

/**
 * Sentences that can hold an entity: a capital letter after the first character, a digit, or a
 * time or number word. Skipping the rest keeps compromise (≈ 4 ms a sentence) off most of a
 * plain transcript.
 */
const mayHoldEntities = (sentence: TaggedSentence): boolean =>
  /\p{Lu}/u.test(sentence.text.trim().slice(1)) || /\d/.test(sentence.text) || TIME_OR_NUMBER_WORDS.test(sentence.text);

function analysePiece(models: TextModels, piece: string, language: TextAnalysis['language']): TextAnalysis {
  const sentences = tagSentences(models.wink, piece);
  const sentiment = documentSentiment(sentences.map((sentence) => scoreSentence(sentence.tokens, models.lexicon)));
  const entityText = sentences.filter(mayHoldEntities).map((sentence) => sentence.text).join(' ');
  const round = (value: number) => Number(value.toFixed(4));
  return {
    language,
    sentiment: { value: sentiment.value, scores: { POSITIVE: round(sentiment.scores.POSITIVE), NEGATIVE: round(sentiment.scores.NEGATIVE), NEUTRAL: round(sentiment.scores.NEUTRAL), MIXED: round(sentiment.scores.MIXED) } },
    keyPhrases: extractKeyPhrases(sentences),
    entities: entityText ? findEntities(models.compromise, entityText).map(({ text, type, confidence }) => ({ text, type, confidence })) : [],
  };
}

/**
 * Creates the analyzer. Models load on the first `analyze` (about 1 s) and stay loaded.
 * @returns a TextAnalyzer for English text
 * @example
 * const analyzer = createLocalTextAnalyzer();
 * const { sentiment } = await analyzer.analyze('The service was not good.'); // sentiment.value === 'NEGATIVE'
 */
export function createLocalTextAnalyzer(options: LocalTextAnalyzerOptions = {}): TextAnalyzer {
  const maxPieceChars = options.maxPieceChars ?? 4_000;
  const minLanguageConfidence = options.minLanguageConfidence ?? 0.5;
  return {
    async analyze(text: string): Promise<TextAnalysis> {
      if (!text.trim()) {
        return EMPTY;
      }
      const models = options.models ?? (await loadTextModels());
      const language = detectLanguage(models.languageDetector, text);
      if (language.code !== 'en' && language.code !== 'und' && language.confidence >= minLanguageConfidence) {
        throw new UnsupportedLanguageError(language, ['en']);
      }
      const pieces = splitText(text, { maxChars: maxPieceChars });
      return mergeTextAnalyses(pieces.map((piece) => ({ analysis: analysePiece(models, piece, language), weight: piece.length })));
    },
  };
}
