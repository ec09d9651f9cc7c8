/**
 * The analysis kinds — one stored result each (`MEDIA#id / ANALYSIS#kind`, reported through
 * `reportAnalysis`) — and which of them each media type gets. Kind names are also the progress
 * stage names the analyzers report, so a subscriber can tell an analysis stage from an ingest one.
 */
import type { MediaType } from '../../../schema/types.generated';

export const analysisKinds = ['keyframes', 'labels', 'faces', 'text', 'moderation', 'transcript', 'text-analysis', 'audio-classes'] as const;

/**
 * - `keyframes`: the frames a video was sampled at (scene changes, spread over its length);
 * - `labels`: objects and scenes (an image's labels; a video's labels as time segments);
 * - `faces`: faces with boxes (a video's faces per keyframe, and face segments);
 * - `text`: text in an image (OCR);
 * - `moderation`: unsafe-content labels;
 * - `transcript`: speech to text with word timings (audio, and a video's sound track);
 * - `text-analysis`: language, sentiment, key phrases and entities (text documents, transcripts);
 * - `audio-classes`: the shares of speech, music and silence.
 */
export type AnalysisKind = (typeof analysisKinds)[number];

/** The kinds each media type is analysed for, in the order they run. */
export const kindsByMediaType: Readonly<Record<MediaType, readonly AnalysisKind[]>> = {
  IMAGE: ['labels', 'faces', 'text', 'moderation'],
  VIDEO: ['keyframes', 'labels', 'faces', 'transcript', 'text-analysis'],
  AUDIO: ['transcript', 'text-analysis', 'audio-classes'],
  TEXT: ['text-analysis'],
};

/**
 * How long one kind may run before it is reported FAILED (so one stuck model cannot take the
 * others down with the function's timeout). Chosen so a video's longest chain — keyframes, then
 * labels and faces; or transcript, then text analysis — stays under its function's 900 s, and an
 * image's kinds under its 120 s (infra/functions.ts). The work itself cannot be cancelled; a kind
 * that times out is abandoned and its late answer ignored.
 */
export const kindTimeoutSeconds: Readonly<Record<AnalysisKind, number>> = {
  keyframes: 300,
  labels: 300,
  faces: 300,
  text: 90,
  moderation: 90,
  transcript: 600,
  'text-analysis': 120,
  'audio-classes': 300,
};
