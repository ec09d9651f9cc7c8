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
} from '@aws-sdk/client-comprehend';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AnalysisServiceError } from '../../../../../functions/adapters/aws/analysis-service-error';
import { createComprehendTextAnalyzer } from '../../../../../functions/adapters/aws/comprehend-text-analyzer';
import { UnsupportedLanguageError } from '../../../../../functions/adapters/local/text/unsupported-language-error';
import { NO_WAIT, serviceError } from './aws-errors';

const comprehend = mockClient(ComprehendClient);

/*
 * Response shapes from the Comprehend Developer Guide's examples for "It is raining today in
 * Seattle." — DetectSentiment (https://docs.aws.amazon.com/comprehend/latest/dg/get-started-api-sentiment.html),
 * DetectEntities (…/get-started-api-entities.html), DetectKeyPhrases (…/get-started-api-key-phrases.html) —
 * and the batch responses of "Using the batch APIs" (…/get-started-batch.html).
 */
const SEATTLE = 'It is raining today in Seattle.';
const SENTIMENT = { SentimentScore: { Mixed: 0.014585512690246105, Positive: 0.31592071056365967, Neutral: 0.5985543131828308, Negative: 0.07093945890665054 }, Sentiment: 'NEUTRAL' as const };
const ENTITIES = {
  Entities: [
    { Text: 'today', Score: 0.97, Type: 'DATE' as const, BeginOffset: 14, EndOffset: 19 },
    { Text: 'Seattle', Score: 0.95, Type: 'LOCATION' as const, BeginOffset: 23, EndOffset: 30 },
  ],
};
const KEY_PHRASES = {
  KeyPhrases: [
    { Text: 'today', Score: 0.89, BeginOffset: 14, EndOffset: 19 },
    { Text: 'Seattle', Score: 0.91, BeginOffset: 23, EndOffset: 30 },
  ],
};

const analyzer = () => createComprehendTextAnalyzer({ client: new ComprehendClient({ region: 'us-east-1' }), retry: NO_WAIT });

/** A text of `count` sentences, each about `bytes` UTF-8 bytes, so splitting is predictable. */
const longText = (count: number, sentence: (index: number) => string) => Array.from({ length: count }, (_, index) => sentence(index)).join(' ');
const filler = (index: number) => `Sentence ${index} is about the rain in Seattle and ${'nothing else '.repeat(60)}really.`;

beforeEach(() => {
  comprehend.reset();
  comprehend.on(DetectDominantLanguageCommand).resolves({ Languages: [{ LanguageCode: 'en', Score: 0.9793661236763 }] });
  comprehend.on(DetectSentimentCommand).resolves(SENTIMENT);
  comprehend.on(DetectEntitiesCommand).resolves(ENTITIES);
  comprehend.on(DetectKeyPhrasesCommand).resolves(KEY_PHRASES);
});

describe('Function: createComprehendTextAnalyzer', () => {
  it('detects the language, then sentiment, phrases and entities in that language, mapped to the port', async () => {
    // Act
    const analysis = await analyzer().analyze(SEATTLE);

    // Assess
    expect(comprehend.commandCalls(DetectDominantLanguageCommand)[0]!.args[0].input).toEqual({ Text: SEATTLE });
    expect(comprehend.commandCalls(DetectSentimentCommand)[0]!.args[0].input).toEqual({ Text: SEATTLE, LanguageCode: 'en' });
    expect(comprehend.commandCalls(DetectEntitiesCommand)[0]!.args[0].input).toEqual({ Text: SEATTLE, LanguageCode: 'en' });
    expect(comprehend.commandCalls(DetectKeyPhrasesCommand)[0]!.args[0].input).toEqual({ Text: SEATTLE, LanguageCode: 'en' });
    expect(analysis).toEqual({
      language: { code: 'en', confidence: 0.9793661236763 },
      sentiment: { value: 'NEUTRAL', scores: { POSITIVE: 0.31592071056365967, NEGATIVE: 0.07093945890665054, NEUTRAL: 0.5985543131828308, MIXED: 0.014585512690246105 } },
      keyPhrases: [
        { text: 'today', confidence: 0.89 },
        { text: 'Seattle', confidence: 0.91 },
      ],
      entities: [
        { text: 'today', type: 'DATE', confidence: 0.97 },
        { text: 'Seattle', type: 'LOCATION', confidence: 0.95 },
      ],
    });
  });

  it('splits a long text on sentence boundaries into ≤ 5,000-byte documents and sends them in batches of ≤ 25', async () => {
    // Prepare: 160 sentences of ~830 bytes: more than 25 documents of ≤ 5,000 bytes
    const text = longText(160, filler);
    comprehend.on(BatchDetectDominantLanguageCommand).callsFake((input: { TextList: string[] }) => ({
      ResultList: input.TextList.map((_, Index) => ({ Index, Languages: [{ LanguageCode: 'en', Score: 0.99 }] })),
      ErrorList: [],
    }));
    comprehend.on(BatchDetectSentimentCommand).callsFake((input: { TextList: string[] }) => ({
      ResultList: input.TextList.map((_, Index) => ({ Index, Sentiment: 'NEUTRAL', SentimentScore: { Positive: 0.1, Negative: 0.1, Neutral: 0.79, Mixed: 0.01 } })),
      ErrorList: [],
    }));
    comprehend.on(BatchDetectKeyPhrasesCommand).callsFake((input: { TextList: string[] }) => ({
      ResultList: input.TextList.map((_, Index) => ({ Index, KeyPhrases: [{ Text: 'the rain', Score: 0.99 }] })),
      ErrorList: [],
    }));
    comprehend.on(BatchDetectEntitiesCommand).callsFake((input: { TextList: string[] }) => ({
      ResultList: input.TextList.map((_, Index) => ({ Index, Entities: [{ Text: 'Seattle', Type: 'LOCATION', Score: 0.95 }] })),
      ErrorList: [],
    }));

    // Act
    const analysis = await analyzer().analyze(text);

    // Assess
    const batches = comprehend.commandCalls(BatchDetectSentimentCommand).map((call) => call.args[0].input);
    const documents = batches.flatMap((input) => input.TextList!);
    expect(documents.length).toBeGreaterThan(25);
    expect(batches.map((input) => input.TextList!.length)).toEqual([25, documents.length - 25]);
    expect(documents.every((document) => Buffer.byteLength(document, 'utf8') <= 5000)).toBe(true);
    expect(documents.every((document) => /really\.$/.test(document))).toBe(true); // whole sentences only
    expect(documents.join(' ')).toBe(text);
    expect(batches.every((input) => input.LanguageCode === 'en')).toBe(true);
    expect(comprehend.commandCalls(BatchDetectDominantLanguageCommand)[0]!.args[0].input.TextList).toHaveLength(25);
    expect(comprehend.commandCalls(DetectSentimentCommand)).toHaveLength(0);
    expect(analysis.keyPhrases).toEqual([{ text: 'the rain', confidence: 0.99 }]);
    expect(analysis.entities).toEqual([{ text: 'Seattle', type: 'LOCATION', confidence: 0.95 }]);
    expect(analysis.sentiment.value).toBe('NEUTRAL');
  });

  it('counts UTF-8 bytes, not characters, when splitting', async () => {
    // Prepare: Japanese sentences are 3 bytes a character; 1,000 characters would fit in characters but not in bytes
    const sentence = `${'雨'.repeat(499)}。`;
    const text = [sentence, sentence, sentence, sentence].join('\n');
    comprehend.on(DetectDominantLanguageCommand).resolves({ Languages: [{ LanguageCode: 'ja', Score: 0.99 }] });
    comprehend.on(BatchDetectDominantLanguageCommand).resolves({ ResultList: [0, 1, 2, 3].map((Index) => ({ Index, Languages: [{ LanguageCode: 'ja', Score: 0.99 }] })), ErrorList: [] });
    comprehend.on(BatchDetectSentimentCommand).resolves({ ResultList: [0, 1, 2, 3].map((Index) => ({ Index, Sentiment: 'NEUTRAL', SentimentScore: { Neutral: 1 } })), ErrorList: [] });
    comprehend.on(BatchDetectKeyPhrasesCommand).resolves({ ResultList: [0, 1, 2, 3].map((Index) => ({ Index, KeyPhrases: [] })), ErrorList: [] });
    comprehend.on(BatchDetectEntitiesCommand).resolves({ ResultList: [0, 1, 2, 3].map((Index) => ({ Index, Entities: [] })), ErrorList: [] });

    // Act
    const analysis = await analyzer().analyze(text);

    // Assess: 1,500 bytes a sentence → three fit in 5,000 bytes, the fourth goes alone
    const sent = comprehend.commandCalls(BatchDetectSentimentCommand)[0]!.args[0].input;
    expect(sent.TextList!.map((document) => Buffer.byteLength(document, 'utf8'))).toEqual([4502, 1500]); // the newlines between sentences are kept
    expect(sent.LanguageCode).toBe('ja');
    expect(analysis.language.code).toBe('ja');
  });

  it('merges sentiment weighted by length and calls opposed pieces MIXED', async () => {
    // Prepare: two pieces, one clearly positive, one clearly negative
    const text = longText(12, (index) => `${index < 6 ? 'Lovely' : 'Awful'} piece ${index}: ${'word '.repeat(150)}end.`);
    comprehend.on(BatchDetectDominantLanguageCommand).resolves({ ResultList: [0, 1].map((Index) => ({ Index, Languages: [{ LanguageCode: 'en', Score: 0.99 }] })), ErrorList: [] });
    comprehend.on(BatchDetectSentimentCommand).resolves({
      ResultList: [
        { Index: 0, Sentiment: 'POSITIVE', SentimentScore: { Positive: 0.9, Negative: 0.02, Neutral: 0.07, Mixed: 0.01 } },
        { Index: 1, Sentiment: 'NEGATIVE', SentimentScore: { Positive: 0.02, Negative: 0.9, Neutral: 0.07, Mixed: 0.01 } },
      ],
      ErrorList: [],
    });
    comprehend.on(BatchDetectKeyPhrasesCommand).resolves({ ResultList: [{ Index: 0, KeyPhrases: [{ Text: 'piece', Score: 0.8 }] }, { Index: 1, KeyPhrases: [{ Text: 'Piece', Score: 0.95 }] }], ErrorList: [] });
    comprehend.on(BatchDetectEntitiesCommand).resolves({ ResultList: [{ Index: 0, Entities: [] }, { Index: 1, Entities: [] }], ErrorList: [] });

    // Act
    const analysis = await analyzer().analyze(text);

    // Assess
    expect(comprehend.commandCalls(BatchDetectSentimentCommand)[0]!.args[0].input.TextList).toHaveLength(2);
    expect(analysis.sentiment.value).toBe('MIXED');
    expect(analysis.sentiment.scores.POSITIVE).toBeCloseTo(0.46, 1);
    expect(analysis.sentiment.scores.NEGATIVE).toBeCloseTo(0.46, 1);
    expect(analysis.keyPhrases).toEqual([{ text: 'Piece', confidence: 0.95 }]);
  });

  it('sends documents in a batch ErrorList again one by one', async () => {
    // Prepare: the guide's example error for the third document
    const text = longText(12, (index) => `Piece ${index} ${'word '.repeat(150)}end.`);
    comprehend.on(BatchDetectDominantLanguageCommand).resolves({ ResultList: [0, 1].map((Index) => ({ Index, Languages: [{ LanguageCode: 'en', Score: 0.99 }] })), ErrorList: [] });
    comprehend.on(BatchDetectSentimentCommand).resolves({
      ResultList: [{ Index: 0, Sentiment: 'NEUTRAL', SentimentScore: { Neutral: 0.9, Positive: 0.05, Negative: 0.04, Mixed: 0.01 } }],
      ErrorList: [{ Index: 1, ErrorCode: 'InternalServerException', ErrorMessage: 'Unexpected Server Error. Please try again.' }],
    });
    comprehend.on(BatchDetectKeyPhrasesCommand).resolves({ ResultList: [{ Index: 0, KeyPhrases: [] }, { Index: 1, KeyPhrases: [] }], ErrorList: [] });
    comprehend.on(BatchDetectEntitiesCommand).resolves({ ResultList: [{ Index: 0, Entities: [] }, { Index: 1, Entities: [] }], ErrorList: [] });

    // Act
    const analysis = await analyzer().analyze(text);

    // Assess
    const retried = comprehend.commandCalls(DetectSentimentCommand).map((call) => call.args[0].input.Text);
    expect(retried).toEqual([comprehend.commandCalls(BatchDetectSentimentCommand)[0]!.args[0].input.TextList![1]]);
    expect(analysis.entities.map((entity) => entity.text)).toEqual(['today', 'Seattle']); // from the single call's response
  });

  it('retries TooManyRequestsException and stops at once on InvalidRequestException', async () => {
    // Prepare
    comprehend.on(DetectSentimentCommand).rejectsOnce(serviceError('TooManyRequestsException', 400)).resolves(SENTIMENT);

    // Act
    const analysis = await analyzer().analyze(SEATTLE);
    comprehend.on(DetectEntitiesCommand).rejects(serviceError('InvalidRequestException', 400, 'The request is invalid.'));
    const failure = await analyzer().analyze(SEATTLE).catch((error: unknown) => error);

    // Assess
    expect(analysis.sentiment.value).toBe('NEUTRAL');
    expect(comprehend.commandCalls(DetectSentimentCommand)).toHaveLength(3);
    expect(comprehend.commandCalls(DetectEntitiesCommand)).toHaveLength(2);
    expect(failure).toBeInstanceOf(AnalysisServiceError);
    expect(failure).toMatchObject({ service: 'Comprehend', operation: 'DetectEntities', code: 'InvalidRequestException' });
  });

  it('refuses a language Comprehend cannot analyse, naming it', async () => {
    // Prepare
    comprehend.on(DetectDominantLanguageCommand).resolves({ Languages: [{ LanguageCode: 'sv', Score: 0.97 }] });

    // Act
    const failure = await analyzer().analyze('Maten var god men servicen var långsam.').catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(UnsupportedLanguageError);
    expect((failure as UnsupportedLanguageError).language).toEqual({ code: 'sv', confidence: 0.97 });
    expect(comprehend.commandCalls(DetectSentimentCommand)).toHaveLength(0);
  });

  it('returns an empty neutral analysis for blank text without calling Comprehend', async () => {
    expect((await analyzer().analyze('  \n ')).sentiment.value).toBe('NEUTRAL');
    expect(comprehend.calls()).toHaveLength(0);
  });
});
