/**
 * Reads Amazon Transcribe's batch output JSON (`results.transcripts[0].transcript` and
 * `results.items`, as in "Example diarization output (batch)":
 * https://docs.aws.amazon.com/transcribe/latest/dg/diarization-output-batch.html) into the
 * Transcriber port's words: one per `pronunciation` item with its start_time, end_time and
 * first alternative's confidence (all strings in the JSON); a `punctuation` item (no times) is
 * attached to the word before it.
 */
import type { TranscribedWord } from '../../ports/transcriber';

interface TranscribeItem {
  readonly type?: string;
  readonly start_time?: string;
  readonly end_time?: string;
  readonly alternatives?: readonly { readonly content?: string; readonly confidence?: string }[];
}

/** The output file is not the JSON Transcribe writes. */
export class TranscriptFormatError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TranscriptFormatError';
  }
}

/**
 * Parses the output document.
 * @returns the full text, the words with timings, and `results.language_code` when present
 * @throws TranscriptFormatError when `results` is missing
 */
export function parseTranscribeOutput(document: unknown): { text: string; words: TranscribedWord[]; languageCode: string | null } {
  const results = (document as { results?: { transcripts?: { transcript?: string }[]; items?: TranscribeItem[]; language_code?: string } } | null)?.results;
  if (!results || typeof results !== 'object') {
    throw new TranscriptFormatError('Transcribe output has no "results" object');
  }
  const words: TranscribedWord[] = [];
  for (const item of results.items ?? []) {
    const alternative = item.alternatives?.[0];
    const content = alternative?.content ?? '';
    switch (item.type) {
      case 'pronunciation':
        words.push({ word: content, start: Number(item.start_time ?? 0), end: Number(item.end_time ?? 0), confidence: Number(alternative?.confidence ?? 0) });
        break;
      case 'punctuation': {
        const previous = words.at(-1);
        if (previous) words[words.length - 1] = { ...previous, word: previous.word + content };
        break;
      }
      default:
        break;
    }
  }
  const text = (results.transcripts ?? []).map((transcript) => transcript.transcript ?? '').join(' ').trim();
  return { text, words, languageCode: results.language_code ?? null };
}
