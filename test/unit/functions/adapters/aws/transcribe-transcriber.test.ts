import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetTranscriptionJobCommand, StartTranscriptionJobCommand, TranscribeClient } from '@aws-sdk/client-transcribe';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AnalysisServiceError } from '../../../../../functions/adapters/aws/analysis-service-error';
import {
  TranscriptionFailedError,
  TranscriptionTimeoutError,
  createTranscribeTranscriber,
  transcribeLanguageCode,
} from '../../../../../functions/adapters/aws/transcribe-transcriber';
import { NO_WAIT, serviceError } from './aws-errors';

const transcribeMock = mockClient(TranscribeClient);
const s3Mock = mockClient(S3Client);

const word = (start: string, end: string, content: string, confidence = '1.0') => ({ start_time: start, end_time: end, alternatives: [{ confidence, content }], type: 'pronunciation' });
const stop = { alternatives: [{ confidence: '0.0', content: '.' }], type: 'punctuation' };

/**
 * The batch output of "Example diarization output (batch)",
 * https://docs.aws.amazon.com/transcribe/latest/dg/diarization-output-batch.html — speaker labels
 * left out; word timings as in its speaker segments.
 */
const DOCUMENTED_OUTPUT = {
  jobName: 'my-first-transcription-job',
  accountId: '111122223333',
  results: {
    transcripts: [{ transcript: "I've been on hold for an hour. Sorry about that." }],
    items: [
      word('4.87', '5.02', "I've"),
      word('5.02', '5.17', 'been'),
      word('5.17', '5.29', 'on'),
      word('5.29', '5.64', 'hold'),
      word('5.64', '5.84', 'for'),
      word('6.11', '6.26', 'an'),
      word('6.26', '6.88', 'hour', '0.996'),
      stop,
      word('8.49', '8.88', 'Sorry'),
      word('8.88', '9.05', 'about'),
      word('9.05', '9.24', 'that'),
      stop,
    ],
  },
  status: 'COMPLETED',
};

/** GetObject's Body as the SDK returns it, reduced to what the adapter reads. */
const body = (text: string) => ({ Body: { transformToString: async () => text } }) as never;

const job = (status: 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED', extra: Record<string, unknown> = {}) => ({
  TranscriptionJob: { TranscriptionJobName: 'job-1', TranscriptionJobStatus: status, ...extra },
});

let dir: string;
let audio: string;
let sleeps: number[];

function transcriber(poll?: { initialDelayMs?: number; maxDelayMs?: number; timeoutMs?: number }) {
  return createTranscribeTranscriber({
    bucket: 'mediagraph-media',
    transcribeClient: new TranscribeClient({ region: 'us-east-1' }),
    s3Client: new S3Client({ region: 'us-east-1' }),
    jobName: () => 'job-1',
    sleep: async (ms) => void sleeps.push(ms),
    retry: NO_WAIT,
    ...(poll ? { poll } : {}),
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mediagraph-transcribe-'));
  audio = path.join(dir, 'speech.wav');
  await writeFile(audio, Buffer.alloc(4096, 1));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  transcribeMock.reset();
  s3Mock.reset();
  sleeps = [];
  s3Mock.on(PutObjectCommand).resolves({});
  s3Mock.on(GetObjectCommand).resolves(body(JSON.stringify(DOCUMENTED_OUTPUT)));
  transcribeMock.on(StartTranscriptionJobCommand).resolves(job('QUEUED'));
});

describe('Function: transcribeLanguageCode', () => {
  it('gives a bare language its usual dialect and keeps a full code', () => {
    expect(transcribeLanguageCode('en')).toBe('en-US');
    expect(transcribeLanguageCode('de')).toBe('de-DE');
    expect(transcribeLanguageCode('en-GB')).toBe('en-GB');
  });
});

describe('Function: createTranscribeTranscriber', () => {
  it('uploads the audio, starts a job on it, polls until COMPLETED and maps the words', async () => {
    // Prepare
    transcribeMock.on(GetTranscriptionJobCommand).resolvesOnce(job('IN_PROGRESS')).resolvesOnce(job('IN_PROGRESS')).resolves(job('COMPLETED', { LanguageCode: 'en-US' }));

    // Act
    const transcript = await transcriber().transcribe(audio, { language: 'en' });

    // Assess
    const put = s3Mock.commandCalls(PutObjectCommand)[0]!.args[0].input;
    expect(put).toEqual(expect.objectContaining({ Bucket: 'mediagraph-media', Key: 'transcribe-input/job-1.wav', ContentLength: 4096, ContentType: 'audio/wav' }));
    expect(transcribeMock.commandCalls(StartTranscriptionJobCommand)[0]!.args[0].input).toEqual({
      TranscriptionJobName: 'job-1',
      Media: { MediaFileUri: 's3://mediagraph-media/transcribe-input/job-1.wav' },
      MediaFormat: 'wav',
      OutputBucketName: 'mediagraph-media',
      OutputKey: 'transcribe-output/job-1.json',
      LanguageCode: 'en-US',
    });
    expect(transcribeMock.commandCalls(GetTranscriptionJobCommand)).toHaveLength(3);
    expect(s3Mock.commandCalls(GetObjectCommand)[0]!.args[0].input).toEqual({ Bucket: 'mediagraph-media', Key: 'transcribe-output/job-1.json' });
    expect(transcript.language).toBe('en-US');
    expect(transcript.text).toBe("I've been on hold for an hour. Sorry about that.");
    expect(transcript.words.map((entry) => entry.word)).toEqual(["I've", 'been', 'on', 'hold', 'for', 'an', 'hour.', 'Sorry', 'about', 'that.']);
    expect(transcript.words[6]).toEqual({ word: 'hour.', start: 6.26, end: 6.88, confidence: 0.996 });
  });

  it('waits longer between polls, up to the cap', async () => {
    // Prepare
    transcribeMock
      .on(GetTranscriptionJobCommand)
      .resolvesOnce(job('QUEUED'))
      .resolvesOnce(job('IN_PROGRESS'))
      .resolvesOnce(job('IN_PROGRESS'))
      .resolvesOnce(job('IN_PROGRESS'))
      .resolves(job('COMPLETED'));

    // Act
    await transcriber({ initialDelayMs: 1000, maxDelayMs: 2000 }).transcribe(audio);

    // Assess
    expect(sleeps).toEqual([1000, 1500, 2000, 2000]);
  });

  it('identifies the language when none is given, and reports the one Transcribe found', async () => {
    // Prepare
    transcribeMock.on(GetTranscriptionJobCommand).resolves(job('COMPLETED', { LanguageCode: 'en-GB', IdentifiedLanguageScore: 0.98 }));

    // Act
    const transcript = await transcriber().transcribe(audio);

    // Assess
    const start = transcribeMock.commandCalls(StartTranscriptionJobCommand)[0]!.args[0].input;
    expect(start.IdentifyLanguage).toBe(true);
    expect(start).not.toHaveProperty('LanguageCode');
    expect(transcript.language).toBe('en-GB');
  });

  it('rejects with the FailureReason when the job FAILED', async () => {
    // Prepare
    transcribeMock.on(GetTranscriptionJobCommand).resolvesOnce(job('IN_PROGRESS')).resolves(job('FAILED', { FailureReason: 'The media format provided does not match the detected media format.' }));

    // Act
    const failure = await transcriber().transcribe(audio).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(TranscriptionFailedError);
    expect(failure).toMatchObject({ jobName: 'job-1', reason: 'The media format provided does not match the detected media format.' });
    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it('gives up after the polling limit', async () => {
    // Prepare
    transcribeMock.on(GetTranscriptionJobCommand).resolves(job('IN_PROGRESS'));

    // Act
    const failure = await transcriber({ initialDelayMs: 1000, maxDelayMs: 1000, timeoutMs: 3000 }).transcribe(audio).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(TranscriptionTimeoutError);
    expect(sleeps).toEqual([1000, 1000, 1000]);
  });

  it('retries LimitExceededException on start and poll, but not BadRequestException', async () => {
    // Prepare
    transcribeMock.on(StartTranscriptionJobCommand).rejectsOnce(serviceError('LimitExceededException', 400)).resolves(job('QUEUED'));
    transcribeMock.on(GetTranscriptionJobCommand).rejectsOnce(serviceError('LimitExceededException', 400)).resolves(job('COMPLETED'));

    // Act
    const transcript = await transcriber().transcribe(audio);
    transcribeMock.reset();
    transcribeMock.on(StartTranscriptionJobCommand).rejects(serviceError('BadRequestException', 400, 'The language code you specified is not valid'));
    const failure = await transcriber().transcribe(audio, { language: 'xx-XX' }).catch((error: unknown) => error);

    // Assess
    expect(transcript.words).toHaveLength(10);
    expect(failure).toBeInstanceOf(AnalysisServiceError);
    expect(failure).toMatchObject({ service: 'Transcribe', operation: 'StartTranscriptionJob', code: 'BadRequestException' });
    expect(transcribeMock.commandCalls(StartTranscriptionJobCommand)).toHaveLength(1);
  });
});
