/**
 * The local TextAnalyzer on real text with its real offline models (wink-nlp, compromise, eld,
 * the VADER lexicon) — no mocks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createLocalTextAnalyzer } from '../../../../../functions/adapters/local/text-analyzer';
import { UnsupportedLanguageError } from '../../../../../functions/adapters/local/text/unsupported-language-error';
import { loadTextModels } from '../../../../../functions/adapters/local/text/text-models';
import type { TextAnalysis } from '../../../../../functions/ports/text-analyzer';

const analyzer = createLocalTextAnalyzer();
const entity = (analysis: TextAnalysis, type: string) => analysis.entities.filter((item) => item.type === type).map((item) => item.text);

beforeAll(async () => {
  await loadTextModels();
}, 30_000);

describe('Function: createLocalTextAnalyzer', () => {
  it('scores a positive sentence POSITIVE', async () => {
    const { sentiment } = await analyzer.analyze('I love this camera, the pictures are stunning.');
    expect(sentiment.value).toBe('POSITIVE');
    expect(sentiment.scores.POSITIVE).toBeGreaterThan(0.6);
  });

  it('scores "The service was not good" NEGATIVE', async () => {
    const { sentiment } = await analyzer.analyze('The service was not good.');
    expect(sentiment.value).toBe('NEGATIVE');
    expect(sentiment.scores.NEGATIVE).toBeGreaterThan(sentiment.scores.POSITIVE);
  });

  it('scores mild complaints, negated complaints, contrasts and facts as a reader would', async () => {
    const values = await Promise.all(
      ['The room was a bit too small for us.', 'I have no complaints about the service.', 'The food was great but the service was slow.', 'The museum opens at nine in the morning.'].map(
        async (text) => (await analyzer.analyze(text)).sentiment.value,
      ),
    );
    expect(values).toEqual(['NEGATIVE', 'POSITIVE', 'MIXED', 'NEUTRAL']);
  });

  it('returns scores for the four classes that sum to one', async () => {
    const { scores } = (await analyzer.analyze('Friendly staff, terrible coffee.')).sentiment;
    expect(Object.keys(scores).sort()).toEqual(['MIXED', 'NEGATIVE', 'NEUTRAL', 'POSITIVE']);
    expect(scores.POSITIVE + scores.NEGATIVE + scores.NEUTRAL + scores.MIXED).toBeCloseTo(1, 3);
  });

  it('finds a person, a city and a company, with dates and quantities', async () => {
    // Act
    const analysis = await analyzer.analyze('Sarah Johnson joined Acme Widgets Ltd in Berlin in March 2021 and drove 300 kilometres to Munich.');

    // Assess
    expect(entity(analysis, 'PERSON')).toEqual(['Sarah Johnson']);
    expect(entity(analysis, 'ORGANIZATION')).toEqual(['Acme Widgets Ltd']);
    expect(entity(analysis, 'LOCATION')).toEqual(['Berlin', 'Munich']);
    expect(entity(analysis, 'DATE')).toEqual(['March 2021']);
    expect(entity(analysis, 'QUANTITY')).toEqual(['300 kilometres']);
    expect(analysis.entities.every((item) => item.confidence > 0 && item.confidence <= 1)).toBe(true);
  });

  it('finds organisations compromise alone misses (Bank of …, universities, after "at")', async () => {
    const analysis = await analyzer.analyze('Angela Merkel met the president of Microsoft. The Bank of England and Stanford University commented.');
    expect(entity(analysis, 'ORGANIZATION')).toEqual(['Microsoft', 'Bank of England', 'Stanford University']);
    expect(entity(analysis, 'PERSON')).toEqual(['Angela Merkel']);
  });

  it('ranks noun phrases as key phrases, most repeated first, without articles', async () => {
    // Act
    const { keyPhrases } = await analyzer.analyze(
      'The battery life of the new phone is short. I charge the battery twice a day. The camera takes sharp photos, but the battery drains fast.',
    );

    // Assess
    expect(keyPhrases[0]!.text).toBe('battery');
    expect(keyPhrases.map((phrase) => phrase.text)).toEqual(expect.arrayContaining(['battery life', 'new phone', 'sharp photos', 'camera']));
    expect(keyPhrases.some((phrase) => /^(the|a|an) /i.test(phrase.text))).toBe(false);
    expect(keyPhrases.every((phrase) => phrase.confidence > 0 && phrase.confidence < 1)).toBe(true);
  });

  it('identifies English, and refuses a German text naming its language', async () => {
    // Act
    const english = await analyzer.analyze('The weather in Lisbon was lovely all week, and we walked along the river every evening.');
    const german = await analyzer.analyze('Das Essen war gut, aber der Service war leider sehr langsam und unfreundlich.').catch((error: unknown) => error);

    // Assess
    expect(english.language.code).toBe('en');
    expect(english.language.confidence).toBeGreaterThan(0.5);
    expect(german).toBeInstanceOf(UnsupportedLanguageError);
    expect((german as UnsupportedLanguageError).language.code).toBe('de');
  });

  it('analyses a long text in pieces and merges them', async () => {
    // Prepare: ~40 kB — ten pieces of 4,000 characters
    const paragraph =
      'Maria Garcia flew from Mexico City to New York on Friday. The hotel was wonderful and the staff were friendly. ' +
      'Sadly the conference room was dirty and the coffee was awful. ';
    const text = paragraph.repeat(200);

    // Act
    const started = performance.now();
    const analysis = await analyzer.analyze(text);
    const elapsed = performance.now() - started;

    // Assess
    expect(analysis.sentiment.value).toBe('MIXED');
    expect(entity(analysis, 'PERSON')).toEqual(['Maria Garcia']);
    expect(entity(analysis, 'LOCATION')).toEqual(expect.arrayContaining(['Mexico City', 'New York']));
    expect(new Set(analysis.keyPhrases.map((phrase) => phrase.text.toLowerCase())).size).toBe(analysis.keyPhrases.length);
    expect(elapsed).toBeLessThan(20_000);
  });

  it('returns an empty neutral analysis for blank text', async () => {
    const analysis = await analyzer.analyze('   ');
    expect(analysis).toEqual({ language: { code: 'und', confidence: 0 }, sentiment: { value: 'NEUTRAL', scores: { POSITIVE: 0, NEGATIVE: 0, NEUTRAL: 1, MIXED: 0 } }, keyPhrases: [], entities: [] });
  });
});
