/**
 * Transcriber over Amazon Transcribe batch jobs. The port hands over a local audio file; the
 * adapter uploads it to the media bucket under `transcribe-input/`, starts a job
 * (StartTranscriptionJob) with the language when known or IdentifyLanguage, polls
 * GetTranscriptionJob with growing delays until COMPLETED or FAILED, and reads the transcript
 * JSON Transcribe wrote to `transcribe-output/<job>.json` (OutputBucketName + OutputKey:
 * https://docs.aws.amazon.com/transcribe/latest/APIReference/API_StartTranscriptionJob.html).
 * Both prefixes are scratch space: give them an S3 lifecycle expiry.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  GetTranscriptionJobCommand,
  StartTranscriptionJobCommand,
  TranscribeClient,
  type LanguageCode,
  type MediaFormat,
  type TranscribeClientConfig,
  type TranscriptionJob,
} from '@aws-sdk/client-transcribe';
import type { Transcriber, Transcript } from '../../ports/transcriber';
import { AnalysisServiceError, callService } from './analysis-service-error';
import type { RetryOptions } from './retry';
import { parseTranscribeOutput } from './transcribe-transcript';

/** Settings of the Transcribe adapter. */
export interface TranscribeTranscriberOptions {
  /** The media bucket; audio goes to `inputPrefix`, Transcribe writes to `outputPrefix`. */
  readonly bucket: string;
  /** @default 'transcribe-input/' */
  readonly inputPrefix?: string;
  /** @default 'transcribe-output/' */
  readonly outputPrefix?: string;
  /** @default process.env.AWS_REGION, else us-east-1 */
  readonly region?: string;
  /** The local S3-API server (path-style); omit for AWS. */
  readonly s3Endpoint?: string;
  readonly credentials?: TranscribeClientConfig['credentials'];
  /** Candidate languages for identification (BCP-47), e.g. ['en-US', 'de-DE']; Transcribe's full list when omitted. */
  readonly languageOptions?: readonly string[];
  /** Polling: first delay, growth ×1.5 up to the cap, and the overall limit. */
  readonly poll?: { readonly initialDelayMs?: number; readonly maxDelayMs?: number; readonly timeoutMs?: number };
  readonly retry?: RetryOptions;
  /** Clients to use instead of building them (tests). */
  readonly transcribeClient?: TranscribeClient;
  readonly s3Client?: S3Client;
  /** Waits between polls (tests pass a fake). @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Job names must be unique per account. @default `mediagraph-<uuid>` */
  readonly jobName?: () => string;
}

/** Transcribe ended the job FAILED; `reason` is its FailureReason. */
export class TranscriptionFailedError extends Error {
  constructor(
    readonly jobName: string,
    readonly reason: string,
  ) {
    super(`Transcription job ${jobName} failed: ${reason}`);
    this.name = 'TranscriptionFailedError';
  }
}

/** The job did not finish within the polling limit (it may still finish later). */
export class TranscriptionTimeoutError extends Error {
  constructor(
    readonly jobName: string,
    readonly waitedMs: number,
  ) {
    super(`Transcription job ${jobName} did not finish within ${Math.round(waitedMs / 1000)} s`);
    this.name = 'TranscriptionTimeoutError';
  }
}

/** Media formats Transcribe accepts, by file extension. */
const MEDIA_FORMATS: Readonly<Record<string, MediaFormat>> = {
  '.mp3': 'mp3',
  '.mp4': 'mp4',
  '.wav': 'wav',
  '.flac': 'flac',
  '.ogg': 'ogg',
  '.amr': 'amr',
  '.webm': 'webm',
  '.m4a': 'm4a',
};
const CONTENT_TYPES: Readonly<Record<MediaFormat, string>> = {
  mp3: 'audio/mpeg',
  mp4: 'audio/mp4',
  wav: 'audio/wav',
  flac: 'audio/flac',
  ogg: 'audio/ogg',
  amr: 'audio/amr',
  webm: 'audio/webm',
  m4a: 'audio/mp4',
};

/** Transcribe needs a dialect: a bare ISO 639-1 code gets its most common one. */
const DEFAULT_DIALECTS: Readonly<Record<string, string>> = {
  en: 'en-US',
  de: 'de-DE',
  fr: 'fr-FR',
  es: 'es-US',
  it: 'it-IT',
  pt: 'pt-BR',
  nl: 'nl-NL',
  ja: 'ja-JP',
  ko: 'ko-KR',
  zh: 'zh-CN',
  ru: 'ru-RU',
  ar: 'ar-SA',
  hi: 'hi-IN',
  sv: 'sv-SE',
  da: 'da-DK',
  pl: 'pl-PL',
  tr: 'tr-TR',
};

/**
 * The Transcribe language code for a caller's language.
 * @returns e.g. 'en' → 'en-US'; a code with a region is kept
 */
export function transcribeLanguageCode(language: string): string {
  return language.includes('-') ? language : (DEFAULT_DIALECTS[language.toLowerCase()] ?? language);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Creates the transcriber.
 * @returns a Transcriber that runs one Transcribe job per call
 * @example
 * const transcriber = createTranscribeTranscriber({ bucket: config.bucket, region: config.region });
 * const { text, words } = await transcriber.transcribe('/tmp/audio.wav', { language: 'en-US' });
 */
export function createTranscribeTranscriber(options: TranscribeTranscriberOptions): Transcriber {
  const region = options.region ?? process.env.AWS_REGION ?? 'us-east-1';
  const transcribe =
    options.transcribeClient ?? new TranscribeClient({ region, ...(options.credentials ? { credentials: options.credentials } : {}), maxAttempts: 1 });
  const s3 =
    options.s3Client ??
    new S3Client({
      region,
      ...(options.s3Endpoint ? { endpoint: options.s3Endpoint, forcePathStyle: true } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 1,
    });
  const inputPrefix = options.inputPrefix ?? 'transcribe-input/';
  const outputPrefix = options.outputPrefix ?? 'transcribe-output/';
  const sleep = options.sleep ?? defaultSleep;
  const initialDelayMs = options.poll?.initialDelayMs ?? 2_000;
  const maxDelayMs = options.poll?.maxDelayMs ?? 15_000;
  const timeoutMs = options.poll?.timeoutMs ?? 15 * 60_000;
  const Bucket = options.bucket;

  const upload = async (audioFile: string, key: string, format: MediaFormat | undefined) => {
    const { size } = await stat(audioFile);
    await callService(
      'S3',
      'PutObject',
      async () => {
        const Body = createReadStream(audioFile);
        try {
          return await s3.send(new PutObjectCommand({ Bucket, Key: key, Body, ContentLength: size, ContentType: format ? CONTENT_TYPES[format] : 'application/octet-stream' }));
        } finally {
          Body.destroy();
        }
      },
      options.retry,
    );
  };

  const waitForJob = async (jobName: string): Promise<TranscriptionJob> => {
    let waited = 0;
    let delay = initialDelayMs;
    for (;;) {
      const { TranscriptionJob: job } = await callService(
        'Transcribe',
        'GetTranscriptionJob',
        () => transcribe.send(new GetTranscriptionJobCommand({ TranscriptionJobName: jobName })),
        options.retry,
      );
      const status = job?.TranscriptionJobStatus;
      switch (status) {
        case 'COMPLETED':
          return job!;
        case 'FAILED':
          throw new TranscriptionFailedError(jobName, job?.FailureReason ?? 'no FailureReason given');
        case 'QUEUED':
        case 'IN_PROGRESS':
        case undefined:
          break;
        default: {
          const unexpected: never = status;
          throw new AnalysisServiceError(`Unexpected TranscriptionJobStatus ${String(unexpected)}`, 'Transcribe', 'GetTranscriptionJob', 'UnexpectedStatus');
        }
      }
      if (waited >= timeoutMs) throw new TranscriptionTimeoutError(jobName, waited);
      const pause = Math.min(delay, timeoutMs - waited);
      await sleep(pause);
      waited += pause;
      delay = Math.min(maxDelayMs, Math.round(delay * 1.5));
    }
  };

  const readOutput = async (key: string) => {
    const response = await callService('S3', 'GetObject', () => s3.send(new GetObjectCommand({ Bucket, Key: key })), options.retry);
    const body = await response.Body?.transformToString('utf8');
    if (!body) throw new AnalysisServiceError(`Transcript s3://${Bucket}/${key} is empty`, 'S3', 'GetObject', 'EmptyBody');
    return JSON.parse(body) as unknown;
  };

  return {
    async transcribe(audioFile, settings = {}): Promise<Transcript> {
      const jobName = options.jobName?.() ?? `mediagraph-${randomUUID()}`;
      const extension = path.extname(audioFile).toLowerCase();
      const format = MEDIA_FORMATS[extension];
      const inputKey = `${inputPrefix}${jobName}${extension}`;
      const outputKey = `${outputPrefix}${jobName}.json`;
      const requested = settings.language ? transcribeLanguageCode(settings.language) : undefined;

      await upload(audioFile, inputKey, format);
      await callService(
        'Transcribe',
        'StartTranscriptionJob',
        () =>
          transcribe.send(
            new StartTranscriptionJobCommand({
              TranscriptionJobName: jobName,
              Media: { MediaFileUri: `s3://${Bucket}/${inputKey}` },
              ...(format ? { MediaFormat: format } : {}),
              OutputBucketName: Bucket,
              OutputKey: outputKey,
              // LanguageCode and IdentifyLanguage are exclusive (BadRequestException when both are set).
              ...(requested
                ? { LanguageCode: requested as LanguageCode }
                : { IdentifyLanguage: true, ...(options.languageOptions?.length ? { LanguageOptions: options.languageOptions as LanguageCode[] } : {}) }),
            }),
          ),
        options.retry,
      );
      const job = await waitForJob(jobName);
      const output = parseTranscribeOutput(await readOutput(outputKey));
      return { language: job.LanguageCode ?? output.languageCode ?? requested ?? 'und', text: output.text, words: output.words };
    },
  };
}
