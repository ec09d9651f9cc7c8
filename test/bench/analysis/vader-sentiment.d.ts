/** Types for the `vader-sentiment` package (plain JavaScript), as far as the benchmark's baseline uses it. */
declare module 'vader-sentiment' {
  export const SentimentIntensityAnalyzer: {
    polarity_scores(text: string): { neg: number; neu: number; pos: number; compound: number };
  };
}
