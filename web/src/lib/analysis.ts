/**
 * The analyzers' results (`Media.analysis[].result`, AWSJSON) read into the shapes the detail page
 * shows. The JSON is untrusted: every reader checks types and drops what does not fit, so a result
 * from an older analyzer, or another provider (Rekognition, Transcribe, Comprehend), still renders
 * what it has. Pure.
 */

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface LabelFinding {
  name: string;
  confidence: number;
  parents: string[];
  boxes: Box[];
  /** Seconds on screen (videos). */
  seconds: number | null;
}

export interface Segment {
  label: string;
  start: number;
  end: number;
  confidence: number;
}

export interface FaceFinding {
  box: Box;
  confidence: number;
  personId: string | null;
  age: { low: number; high: number } | null;
  gender: string | null;
  emotion: string | null;
  /** Seconds into a video; null for images. */
  at: number | null;
}

export interface Word {
  word: string;
  start: number;
  end: number;
  confidence: number;
}

export interface TranscriptFinding {
  language: string | null;
  text: string;
  words: Word[];
}

export type SentimentValue = 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL' | 'MIXED';

export interface TextAnalysisFinding {
  language: { code: string; confidence: number } | null;
  sentiment: { value: SentimentValue; scores: Partial<Record<SentimentValue, number>> } | null;
  keyPhrases: { text: string; confidence: number }[];
  entities: { text: string; type: string; confidence: number }[];
  /** Why nothing was analysed, when the analyzer said so. */
  skipped: string | null;
}

export interface AudioClassesFinding {
  durationSeconds: number;
  speech: number;
  music: number;
  silence: number;
  segments: Segment[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Parses AWSJSON (a JSON string) into an object, or null. */
export function parseJsonObject(raw: string | null | undefined): Json | null {
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function readBox(value: unknown): Box | null {
  if (!isObject(value)) return null;
  const left = num(value.left);
  const top = num(value.top);
  const width = num(value.width);
  const height = num(value.height);
  if (left === null || top === null || width === null || height === null || width <= 0 || height <= 0) return null;
  return { left, top, width, height };
}

export function readSegments(value: unknown): Segment[] {
  return list(value).flatMap((item) => {
    if (!isObject(item)) return [];
    const label = str(item.label);
    const start = num(item.start);
    const end = num(item.end);
    if (label === null || start === null || end === null || end < start) return [];
    return [{ label, start, end, confidence: num(item.confidence) ?? 0 }];
  });
}

/** Labels, most confident first. */
export function readLabels(result: Json | null): LabelFinding[] {
  if (!result) return [];
  return list(result.labels)
    .flatMap((item): LabelFinding[] => {
      if (!isObject(item)) return [];
      const name = str(item.name);
      if (name === null) return [];
      return [
        {
          name,
          confidence: num(item.confidence) ?? 0,
          parents: list(item.parents).filter((p): p is string => typeof p === 'string'),
          boxes: list(item.instances).flatMap((instance) => {
            const box = isObject(instance) ? readBox(instance.box) : null;
            return box ? [box] : [];
          }),
          seconds: num(item.seconds),
        },
      ];
    })
    .sort((a, b) => b.confidence - a.confidence);
}

function readFace(item: unknown, at: number | null): FaceFinding | null {
  if (!isObject(item)) return null;
  const box = readBox(item.box);
  if (!box) return null;
  const attributes = isObject(item.attributes) ? item.attributes : {};
  const ageRange = isObject(attributes.ageRange) ? attributes.ageRange : null;
  const low = num(ageRange?.low);
  const high = num(ageRange?.high);
  const gender = isObject(attributes.gender) ? str(attributes.gender.value) : null;
  const emotions = list(attributes.emotions)
    .filter(isObject)
    .map((e) => ({ type: str(e.type), confidence: num(e.confidence) ?? 0 }))
    .filter((e): e is { type: string; confidence: number } => e.type !== null)
    .sort((a, b) => b.confidence - a.confidence);
  return {
    box,
    confidence: num(item.confidence) ?? 0,
    personId: str(item.personId),
    age: low !== null && high !== null ? { low, high } : null,
    gender,
    emotion: emotions[0]?.type ?? null,
    at,
  };
}

/** Faces of an image (`faces`), or of a video's keyframes (`frames[].faces`). */
export function readFaces(result: Json | null): FaceFinding[] {
  if (!result) return [];
  const direct = list(result.faces).flatMap((item) => {
    const face = readFace(item, null);
    return face ? [face] : [];
  });
  const framed = list(result.frames).flatMap((frame) => {
    if (!isObject(frame)) return [];
    const at = num(frame.at);
    return list(frame.faces).flatMap((item) => {
      const face = readFace(item, at);
      return face ? [face] : [];
    });
  });
  return [...direct, ...framed];
}

export function readTranscript(result: Json | null): TranscriptFinding | null {
  if (!result || typeof result.text !== 'string') return null;
  const words = list(result.words).flatMap((item): Word[] => {
    if (!isObject(item)) return [];
    const word = str(item.word);
    const start = num(item.start);
    const end = num(item.end);
    if (word === null || start === null || end === null) return [];
    return [{ word, start, end, confidence: num(item.confidence) ?? 0 }];
  });
  return { language: str(result.language), text: result.text, words };
}

const SENTIMENTS: readonly SentimentValue[] = ['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED'];

export function readTextAnalysis(result: Json | null): TextAnalysisFinding | null {
  if (!result) return null;
  const skipped = str(result.skipped);
  const language = isObject(result.language) && str(result.language.code) ? { code: str(result.language.code)!, confidence: num(result.language.confidence) ?? 0 } : null;
  let sentiment: TextAnalysisFinding['sentiment'] = null;
  if (isObject(result.sentiment)) {
    const value = str(result.sentiment.value);
    if (value && (SENTIMENTS as readonly string[]).includes(value)) {
      const scores: Partial<Record<SentimentValue, number>> = {};
      const rawScores = isObject(result.sentiment.scores) ? result.sentiment.scores : {};
      for (const key of SENTIMENTS) {
        const score = num(rawScores[key]);
        if (score !== null) scores[key] = score;
      }
      sentiment = { value: value as SentimentValue, scores };
    }
  }
  const keyPhrases = list(result.keyPhrases).flatMap((item) => (isObject(item) && str(item.text) ? [{ text: str(item.text)!, confidence: num(item.confidence) ?? 0 }] : []));
  const entities = list(result.entities).flatMap((item) =>
    isObject(item) && str(item.text) ? [{ text: str(item.text)!, type: str(item.type) ?? 'OTHER', confidence: num(item.confidence) ?? 0 }] : [],
  );
  return { language, sentiment, keyPhrases, entities, skipped };
}

export function readAudioClasses(result: Json | null): AudioClassesFinding | null {
  if (!result) return null;
  const durationSeconds = num(result.durationSeconds);
  if (durationSeconds === null) return null;
  return {
    durationSeconds,
    speech: num(result.speech) ?? 0,
    music: num(result.music) ?? 0,
    silence: num(result.silence) ?? 0,
    segments: readSegments(result.segments),
  };
}

/** Lines of text found in an image. */
export function readTextLines(result: Json | null): string[] {
  if (!result) return [];
  const lines = list(result.lines).flatMap((item) => (isObject(item) && str(item.text) ? [str(item.text)!] : []));
  if (lines.length > 0) return lines;
  return (str(result.text) ?? '').split('\n').filter((line) => line.trim() !== '');
}
