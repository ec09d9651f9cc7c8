/**
 * TextAnalyzer over Amazon Comprehend's real-time APIs: DetectDominantLanguage, then
 * DetectSentiment, DetectKeyPhrases and DetectEntities in the detected language.
 *
 * Limits honoured ("Guidelines and quotas": https://docs.aws.amazon.com/comprehend/latest/dg/guidelines-and-limits.html):
 * a document of a synchronous call or of a batch is at most 5,000 bytes of UTF-8 for sentiment
 * (and for every Batch* call), a batch at most 25 documents. Longer texts are split on sentence
 * boundaries into pieces of ≤ 5,000 bytes, sent with the BatchDetect* APIs 25 at a time, and merged:
 * sentiment by length-weighted scores, phrases and entities deduplicated (text/merge-analyses.ts).
 * Documents a batch reports in its ErrorList are sent again one by one, as the developer guide's
 * batch example does ("Using the batch APIs": https://docs.aws.amazon.com/comprehend/latest/dg/get-started-batch.html).
 */
import {
  BatchDetectDominantLanguageCommand,
  BatchDetectEntitiesCommand,
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
  ComprehendClient,
  DetectDominantLanguageCommand,
  DetectEntitiesCommand,
  DetectKeyPhrasesCommand,
  DetectSentimentCommand,
  type ComprehendClientConfig,
  type DominantLanguage,
  type Entity,
  type KeyPhrase,
  type LanguageCode,
  type SentimentScore,
  type SentimentType,
} from '@aws-sdk/client-comprehend';
import type { Sentiment, TextAnalysis, TextAnalyzer } from '../../ports/text-analyzer';
import { mergeTextAnalyses } from '../local/text/merge-analyses';
import { splitText } from '../local/text/split-text';
import { UnsupportedLanguageError } from '../local/text/unsupported-language-error';
import { callService } from './analysis-service-error';
import type { RetryOptions } from './retry';

/** Settings of the Comprehend adapter. */
export interface ComprehendTextAnalyzerOptions {
  /** @default process.env.AWS_REGION, else us-east-1 */
  readonly region?: string;
  readonly endpoint?: string;
  readonly credentials?: ComprehendClientConfig['credentials'];
  readonly client?: ComprehendClient;
  readonly retry?: RetryOptions;
  /** Largest piece sent in one document. @default 5000 (bytes of UTF-8) */
  readonly maxDocumentBytes?: number;
}

/** Languages Comprehend analyses for sentiment, key phrases and entities (https://docs.aws.amazon.com/comprehend/latest/dg/supported-languages.html). */
export const COMPREHEND_LANGUAGES: readonly string[] = ['en', 'es', 'fr', 'de', 'it', 'pt', 'ar', 'hi', 'ja', 'ko', 'zh', 'zh-TW'];
const BATCH_SIZE = 25;

const SENTIMENT_VALUES: Readonly<Record<SentimentType, Sentiment>> = { POSITIVE: 'POSITIVE', NEGATIVE: 'NEGATIVE', NEUTRAL: 'NEUTRAL', MIXED: 'MIXED' };

const toScores = (score: SentimentScore | undefined): Record<Sentiment, number> => ({
  POSITIVE: score?.Positive ?? 0,
  NEGATIVE: score?.Negative ?? 0,
  NEUTRAL: score?.Neutral ?? 0,
  MIXED: score?.Mixed ?? 0,
});
const toPhrases = (phrases: readonly KeyPhrase[] | undefined) => (phrases ?? []).flatMap((phrase) => (phrase.Text ? [{ text: phrase.Text, confidence: phrase.Score ?? 0 }] : []));
const toEntities = (entities: readonly Entity[] | undefined) =>
  (entities ?? []).flatMap((entity) => (entity.Text && entity.Type ? [{ text: entity.Text, type: entity.Type, confidence: entity.Score ?? 0 }] : []));
const topLanguage = (languages: readonly DominantLanguage[] | undefined) => {
  const best = [...(languages ?? [])].sort((a, b) => (b.Score ?? 0) - (a.Score ?? 0))[0];
  return best?.LanguageCode ? { code: best.LanguageCode, confidence: best.Score ?? 0 } : { code: 'und', confidence: 0 };
};

/** One piece's results from Comprehend, before merging. */
interface PieceResult {
  sentiment: TextAnalysis['sentiment'];
  keyPhrases: TextAnalysis['keyPhrases'];
  entities: TextAnalysis['entities'];
}

const EMPTY: TextAnalysis = {
  language: { code: 'und', confidence: 0 },
  sentiment: { value: 'NEUTRAL', scores: { POSITIVE: 0, NEGATIVE: 0, NEUTRAL: 1, MIXED: 0 } },
  keyPhrases: [],
  entities: [],
};

/**
 * Creates the analyzer.
 * @returns a TextAnalyzer; texts in languages Comprehend cannot analyse raise UnsupportedLanguageError
 * @example
 * const analysis = await createComprehendTextAnalyzer({ region: 'eu-west-1' }).analyze(transcript.text);
 */
export function createComprehendTextAnalyzer(options: ComprehendTextAnalyzerOptions = {}): TextAnalyzer {
  const client =
    options.client ??
    new ComprehendClient({
      region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      maxAttempts: 1,
    });
  const maxBytes = options.maxDocumentBytes ?? 5_000;
  const call = <T>(operation: string, send: () => Promise<T>) => callService('Comprehend', operation, send, options.retry);

  const single = async (Text: string, LanguageCode: LanguageCode): Promise<PieceResult> => {
    const [sentiment, phrases, entities] = await Promise.all([
      call('DetectSentiment', () => client.send(new DetectSentimentCommand({ Text, LanguageCode }))),
      call('DetectKeyPhrases', () => client.send(new DetectKeyPhrasesCommand({ Text, LanguageCode }))),
      call('DetectEntities', () => client.send(new DetectEntitiesCommand({ Text, LanguageCode }))),
    ]);
    return {
      sentiment: { value: SENTIMENT_VALUES[sentiment.Sentiment ?? 'NEUTRAL'], scores: toScores(sentiment.SentimentScore) },
      keyPhrases: toPhrases(phrases.KeyPhrases),
      entities: toEntities(entities.Entities),
    };
  };

  /** Up to 25 pieces through the Batch* APIs; items in an ErrorList are retried one by one. */
  const batch = async (TextList: string[], LanguageCode: LanguageCode): Promise<PieceResult[]> => {
    const [sentiments, phrases, entities] = await Promise.all([
      call('BatchDetectSentiment', () => client.send(new BatchDetectSentimentCommand({ TextList, LanguageCode }))),
      call('BatchDetectKeyPhrases', () => client.send(new BatchDetectKeyPhrasesCommand({ TextList, LanguageCode }))),
      call('BatchDetectEntities', () => client.send(new BatchDetectEntitiesCommand({ TextList, LanguageCode }))),
    ]);
    const failed = new Set([...(sentiments.ErrorList ?? []), ...(phrases.ErrorList ?? []), ...(entities.ErrorList ?? [])].map((error) => error.Index ?? -1));
    return Promise.all(
      TextList.map(async (text, index) => {
        if (failed.has(index)) return single(text, LanguageCode);
        const sentiment = sentiments.ResultList?.find((item) => item.Index === index);
        return {
          sentiment: { value: SENTIMENT_VALUES[sentiment?.Sentiment ?? 'NEUTRAL'], scores: toScores(sentiment?.SentimentScore) },
          keyPhrases: toPhrases(phrases.ResultList?.find((item) => item.Index === index)?.KeyPhrases),
          entities: toEntities(entities.ResultList?.find((item) => item.Index === index)?.Entities),
        };
      }),
    );
  };

  const dominantLanguage = async (pieces: string[]): Promise<TextAnalysis['language']> => {
    if (pieces.length === 1) {
      const response = await call('DetectDominantLanguage', () => client.send(new DetectDominantLanguageCommand({ Text: pieces[0]! })));
      return topLanguage(response.Languages);
    }
    // The language of a long text: a length-weighted vote of its first 25 pieces.
    const sample = pieces.slice(0, BATCH_SIZE);
    const response = await call('BatchDetectDominantLanguage', () => client.send(new BatchDetectDominantLanguageCommand({ TextList: sample })));
    const votes = new Map<string, number>();
    for (const item of response.ResultList ?? []) {
      const { code, confidence } = topLanguage(item.Languages);
      votes.set(code, (votes.get(code) ?? 0) + confidence * (sample[item.Index ?? 0]?.length ?? 0));
    }
    const total = sample.reduce((sum, piece) => sum + piece.length, 0) || 1;
    const [code, vote] = [...votes.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['und', 0];
    return { code, confidence: Number((vote / total).toFixed(4)) };
  };

  return {
    async analyze(text: string): Promise<TextAnalysis> {
      if (!text.trim()) return EMPTY;
      const pieces = splitText(text, { maxBytes });
      const language = await dominantLanguage(pieces);
      if (!COMPREHEND_LANGUAGES.includes(language.code)) {
        throw new UnsupportedLanguageError(language, COMPREHEND_LANGUAGES);
      }
      const LanguageCode = language.code as LanguageCode;
      const results: PieceResult[] = [];
      if (pieces.length === 1) {
        results.push(await single(pieces[0]!, LanguageCode));
      } else {
        for (let start = 0; start < pieces.length; start += BATCH_SIZE) {
          results.push(...(await batch(pieces.slice(start, start + BATCH_SIZE), LanguageCode)));
        }
      }
      return mergeTextAnalyses(results.map((result, index) => ({ analysis: { language, ...result }, weight: pieces[index]!.length })));
    },
  };
}
