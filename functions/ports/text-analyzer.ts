/** Text analysis (Amazon Comprehend): dominant language, sentiment with scores, key phrases, entities. */
export type Sentiment = 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL' | 'MIXED';

export interface TextAnalysis {
  /** ISO 639-1, e.g. "en", with confidence. */
  language: { code: string; confidence: number };
  sentiment: { value: Sentiment; scores: Record<Sentiment, number> };
  keyPhrases: { text: string; confidence: number }[];
  /** Types as Comprehend names them: PERSON, LOCATION, ORGANIZATION, DATE, QUANTITY, EVENT, TITLE, COMMERCIAL_ITEM, OTHER. */
  entities: { text: string; type: string; confidence: number }[];
}

export interface TextAnalyzer {
  analyze(text: string): Promise<TextAnalysis>;
}
