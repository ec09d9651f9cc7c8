/**
 * Text analysis benchmark: how good and how fast the local TextAnalyzer is (the figures the README
 * and the issue's closing note quote). Part of `npm run bench:analysis`; alone:
 * `npx tsx test/bench/analysis/text-eval.ts`.
 *
 * Prints
 * - sentiment accuracy on sentiment-labelled.json (192 hand-labelled sentences, four classes),
 *   separately for the 'dev' sentences used while writing the rules and the 'test' sentences
 *   written afterwards, with two baselines: VADER as published (`vader-sentiment`) and wink-nlp's
 *   built-in sentiment;
 * - entity precision/recall on entities-labelled.json (PERSON, LOCATION, ORGANIZATION, DATE, QUANTITY);
 * - language identification accuracy on languages-labelled.json;
 * - speed: model load, ms per short document (p50, mean), a 10,000-word document.
 * Asserts nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vader from 'vader-sentiment';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { createLocalTextAnalyzer } from '../../../functions/adapters/local/text-analyzer';
import { detectLanguage } from '../../../functions/adapters/local/text/language';
import { loadTextModels } from '../../../functions/adapters/local/text/text-models';
import type { Sentiment, TextAnalysis } from '../../../functions/ports/text-analyzer';

const here = path.dirname(fileURLToPath(import.meta.url));
const readJson = <T>(name: string): T => JSON.parse(readFileSync(path.join(here, name), 'utf8')) as T;

interface LabelledSentence {
  text: string;
  label: Sentiment;
  kind: string;
  split: 'dev' | 'test';
}
interface LabelledDocument {
  text: string;
  entities: [string, string][];
  split: 'dev' | 'test';
}

const SCORED_TYPES = ['PERSON', 'LOCATION', 'ORGANIZATION', 'DATE', 'QUANTITY'] as const;
const CLASSES: readonly (Sentiment | 'ERROR')[] = ['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED', 'ERROR'];

/** The figures, for printing or for the combined bench:analysis report. */
export interface TextEvaluation {
  sentiment: {
    /** accuracy by split for the local analyzer and the baselines */
    accuracy: Record<'dev' | 'test' | 'all', { local: number; vader: number; wink: number; count: number }>;
    byKind: Record<string, { correct: number; count: number }>;
    /** confusion[label][predicted] over all sentences */
    confusion: Record<string, Record<string, number>>;
    errors: number;
  };
  entities: Record<'dev' | 'test' | 'all', { precision: number; recall: number; f1: number; truePositives: number; predicted: number; expected: number }> & {
    byType: Record<string, { precision: number; recall: number }>;
  };
  language: { accuracy: number; count: number; misses: string[] };
  speed: { modelLoadMs: number; shortDocP50Ms: number; shortDocMeanMs: number; longDocWords: number; longDocMs: number };
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? NaN;
const normaliseEntity = (text: string) =>
  text
    .toLowerCase()
    .replace(/^(the|about|around|approximately|some)\s+/, '')
    .replace(/[.,]$/, '')
    .trim();

/** VADER's published rule: compound ≥ 0.05 positive, ≤ −0.05 negative; MIXED when both proportions are ≥ 0.15 (our addition, VADER has no MIXED). */
function vaderLabel(text: string): Sentiment {
  const scores = vader.SentimentIntensityAnalyzer.polarity_scores(text);
  if (scores.pos >= 0.15 && scores.neg >= 0.15) return 'MIXED';
  return scores.compound >= 0.05 ? 'POSITIVE' : scores.compound <= -0.05 ? 'NEGATIVE' : 'NEUTRAL';
}

async function analyse(analyzer: ReturnType<typeof createLocalTextAnalyzer>, text: string): Promise<TextAnalysis | null> {
  try {
    return await analyzer.analyze(text);
  } catch {
    return null;
  }
}

/**
 * Runs the evaluation.
 * @returns the figures
 */
export async function evaluateTextAnalysis(): Promise<TextEvaluation> {
  const loadStarted = performance.now();
  const models = await loadTextModels();
  const modelLoadMs = performance.now() - loadStarted;
  const analyzer = createLocalTextAnalyzer({ models });
  const wink = winkNLP(model);

  // Sentiment
  const sentences = readJson<{ sentences: LabelledSentence[] }>('sentiment-labelled.json').sentences;
  const accuracy = {} as TextEvaluation['sentiment']['accuracy'];
  const byKind: TextEvaluation['sentiment']['byKind'] = {};
  const confusion: TextEvaluation['sentiment']['confusion'] = Object.fromEntries(CLASSES.slice(0, 4).map((label) => [label, Object.fromEntries(CLASSES.map((c) => [c, 0]))]));
  const timings: number[] = [];
  const predictions: { sentence: LabelledSentence; local: Sentiment | 'ERROR'; vader: Sentiment; wink: Sentiment }[] = [];
  for (const sentence of sentences) {
    const started = performance.now();
    const analysis = await analyse(analyzer, sentence.text);
    timings.push(performance.now() - started);
    const winkScore = wink.readDoc(sentence.text).out(wink.its.sentiment) as number;
    predictions.push({
      sentence,
      local: analysis?.sentiment.value ?? 'ERROR',
      vader: vaderLabel(sentence.text),
      wink: winkScore > 0.05 ? 'POSITIVE' : winkScore < -0.05 ? 'NEGATIVE' : 'NEUTRAL',
    });
  }
  for (const split of ['dev', 'test', 'all'] as const) {
    const subset = predictions.filter((item) => split === 'all' || item.sentence.split === split);
    const share = (key: 'local' | 'vader' | 'wink') => subset.filter((item) => item[key] === item.sentence.label).length / subset.length;
    accuracy[split] = { local: share('local'), vader: share('vader'), wink: share('wink'), count: subset.length };
  }
  for (const { sentence, local } of predictions) {
    const key = `${sentence.label}/${sentence.kind}`;
    byKind[key] ??= { correct: 0, count: 0 };
    byKind[key].count += 1;
    if (local === sentence.label) byKind[key].correct += 1;
    confusion[sentence.label]![local]! += 1;
  }

  // Entities
  const documents = readJson<{ documents: LabelledDocument[] }>('entities-labelled.json').documents;
  const entityCounts = { dev: [0, 0, 0], test: [0, 0, 0], all: [0, 0, 0] } as Record<'dev' | 'test' | 'all', [number, number, number]>;
  const typeCounts = Object.fromEntries(SCORED_TYPES.map((type) => [type, [0, 0, 0]])) as Record<string, [number, number, number]>;
  for (const document of documents) {
    const analysis = await analyse(analyzer, document.text);
    const found = new Set((analysis?.entities ?? []).filter((item) => (SCORED_TYPES as readonly string[]).includes(item.type)).map((item) => `${item.type}:${normaliseEntity(item.text)}`));
    const expected = new Set(document.entities.filter(([, type]) => (SCORED_TYPES as readonly string[]).includes(type)).map(([text, type]) => `${type}:${normaliseEntity(text)}`));
    const hits = [...expected].filter((key) => found.has(key));
    for (const split of [document.split, 'all'] as const) {
      entityCounts[split][0] += hits.length;
      entityCounts[split][1] += found.size;
      entityCounts[split][2] += expected.size;
    }
    for (const type of SCORED_TYPES) {
      const ofType = (keys: Iterable<string>) => [...keys].filter((key) => key.startsWith(`${type}:`));
      typeCounts[type]![0] += ofType(hits).length;
      typeCounts[type]![1] += ofType(found).length;
      typeCounts[type]![2] += ofType(expected).length;
    }
  }
  const prf = ([truePositives, predicted, expected]: [number, number, number]) => {
    const precision = predicted ? truePositives / predicted : 0;
    const recall = expected ? truePositives / expected : 0;
    return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, truePositives, predicted, expected };
  };
  const entities = {
    dev: prf(entityCounts.dev),
    test: prf(entityCounts.test),
    all: prf(entityCounts.all),
    byType: Object.fromEntries(SCORED_TYPES.map((type) => [type, (({ precision, recall }) => ({ precision, recall }))(prf(typeCounts[type]!))])),
  };

  // Language
  const samples = readJson<{ samples: [string, string][] }>('languages-labelled.json').samples;
  const misses = samples.filter(([code, text]) => detectLanguage(models.languageDetector, text).code !== code).map(([code, text]) => `${code}→${detectLanguage(models.languageDetector, text).code}: ${text}`);

  // Speed on a long document: every labelled English sentence, repeated to ~10,000 words
  const base = sentences.map((sentence) => sentence.text).join(' ');
  const long = Array.from({ length: Math.ceil(10_000 / base.split(/\s+/).length) }, () => base).join('\n');
  const longStarted = performance.now();
  await analyzer.analyze(long);
  const longDocMs = performance.now() - longStarted;

  return {
    sentiment: { accuracy, byKind, confusion, errors: predictions.filter((item) => item.local === 'ERROR').length },
    entities,
    language: { accuracy: (samples.length - misses.length) / samples.length, count: samples.length, misses },
    speed: {
      modelLoadMs,
      shortDocP50Ms: percentile(timings, 50),
      shortDocMeanMs: timings.reduce((sum, value) => sum + value, 0) / timings.length,
      longDocWords: long.split(/\s+/).length,
      longDocMs,
    },
  };
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

/**
 * The figures as the report prints them.
 * @returns printable lines
 */
export function formatTextEvaluation(evaluation: TextEvaluation): string {
  const { sentiment, entities, language, speed } = evaluation;
  const lines = ['Text analysis (local: eld + wink-nlp + VADER lexicon & rules + compromise)'];
  lines.push('  sentiment accuracy (4 classes)            local    VADER   wink-nlp  (n)');
  for (const split of ['dev', 'test', 'all'] as const) {
    const row = sentiment.accuracy[split];
    const name = { dev: 'dev (used to write the rules)', test: 'test (held out)', all: 'all' }[split];
    lines.push(`    ${name.padEnd(38)} ${pct(row.local).padStart(6)}  ${pct(row.vader).padStart(6)}  ${pct(row.wink).padStart(7)}  (${row.count})`);
  }
  lines.push(`    by kind (local): ${Object.entries(sentiment.byKind).map(([kind, { correct, count }]) => `${kind} ${correct}/${count}`).join(', ')}`);
  lines.push(`    confusion (label → predicted): ${Object.entries(sentiment.confusion).map(([label, row]) => `${label}: ${Object.entries(row).filter(([, n]) => n > 0).map(([p, n]) => `${p} ${n}`).join(' ')}`).join(' | ')}`);
  if (sentiment.errors) lines.push(`    analyses that threw (counted wrong): ${sentiment.errors}`);
  lines.push('  entities (PERSON, LOCATION, ORGANIZATION, DATE, QUANTITY)   precision  recall   F1');
  for (const split of ['dev', 'test', 'all'] as const) {
    const row = entities[split];
    lines.push(`    ${split.padEnd(57)} ${pct(row.precision).padStart(6)}  ${pct(row.recall).padStart(6)}  ${pct(row.f1).padStart(6)}  (${row.truePositives}/${row.predicted} found, ${row.expected} labelled)`);
  }
  lines.push(`    by type (all): ${Object.entries(entities.byType).map(([type, { precision, recall }]) => `${type} P ${pct(precision)} R ${pct(recall)}`).join(', ')}`);
  lines.push(`  language identification: ${pct(language.accuracy)} of ${language.count}${language.misses.length ? ` — misses: ${language.misses.join('; ')}` : ''}`);
  lines.push(
    `  speed: models load ${speed.modelLoadMs.toFixed(0)} ms; short document p50 ${speed.shortDocP50Ms.toFixed(2)} ms, mean ${speed.shortDocMeanMs.toFixed(2)} ms; ` +
      `${speed.longDocWords} words in ${speed.longDocMs.toFixed(0)} ms (${((speed.longDocWords / speed.longDocMs) * 1000).toFixed(0)} words/s)`,
  );
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatTextEvaluation(await evaluateTextAnalysis()));
}
