/**
 * Speech to text with word timings (Amazon Transcribe's results: items with start/end times and
 * confidence). Works on a local audio file; the AWS adapter uploads it, runs an asynchronous job
 * and reads the result back from S3.
 */
export interface TranscribedWord {
  word: string;
  /** Seconds from the start. */
  start: number;
  end: number;
  confidence: number;
}

export interface Transcript {
  /** BCP-47, e.g. "en-US". */
  language: string;
  text: string;
  words: TranscribedWord[];
}

export interface Transcriber {
  /** Transcribes a WAV/MP3/… file; `language` when known, else the provider's default or identification. */
  transcribe(audioFile: string, options?: { language?: string }): Promise<Transcript>;
}
