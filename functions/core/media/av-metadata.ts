/**
 * Technical metadata of video and audio files from ffprobe's JSON (`-show_format -show_streams`):
 * container, duration, bitrate, each stream (codec, size, frame rate, pixel format, sample rate,
 * channels, language) and the audio tags (title, artist, album, …). A file ffprobe cannot read
 * becomes a `CorruptMediaError` carrying ffprobe's own reason, never a crash.
 */
import type { MediaType } from '../../../schema/types.generated';
import { ffprobeBinary } from './binaries';
import { CorruptMediaError } from './errors';
import { findIsoTruncation } from './iso-boxes';
import { failureReason, runProcess } from './run-process';

export type StreamKind = 'video' | 'audio' | 'subtitle' | 'data' | 'attachment';

export interface AvStream {
  index: number;
  kind: StreamKind;
  codec: string | null;
  codecLongName: string | null;
  profile: string | null;
  bitRate: number | null;
  durationSeconds: number | null;
  /** ISO 639-2 language tag, null when absent or `und`. */
  language: string | null;
  /** Video: pixel dimensions as stored. */
  width: number | null;
  height: number | null;
  /** Video: frames per second (average, else the stream's base rate), e.g. 29.97. */
  frameRate: number | null;
  pixelFormat: string | null;
  /** Video: display rotation in degrees from the display matrix (phones), 0 when none. */
  rotation: number;
  /** Video stream that is really cover art embedded in an audio file. */
  coverArt: boolean;
  /** Audio: samples per second. */
  sampleRate: number | null;
  channels: number | null;
  channelLayout: string | null;
}

export interface AudioTags {
  title: string | null;
  artist: string | null;
  album: string | null;
  albumArtist: string | null;
  genre: string | null;
  date: string | null;
  track: string | null;
  composer: string | null;
  comment: string | null;
}

export interface AvMetadata {
  /** ffprobe's demuxer names, e.g. `mov,mp4,m4a,3gp,3g2,mj2`, `matroska,webm`, `wav`. */
  container: string;
  containerLongName: string | null;
  durationSeconds: number | null;
  /** Overall bits per second. */
  bitRate: number | null;
  size: number | null;
  streams: AvStream[];
  tags: AudioTags;
  /** Container creation time as recorded (ISO 8601), when present. */
  createdAt: string | null;
}

export interface ProbeOptions {
  /** @default 30000 */
  timeoutMs?: number;
}

/**
 * Runs ffprobe on the file and returns its metadata. Rejects with `CorruptMediaError` (ffprobe's
 * reason, or the truncated box of an MP4 cut short) and `ToolTimeoutError`.
 */
export async function probeMedia(path: string, options: ProbeOptions = {}): Promise<AvMetadata> {
  // `file:` keeps ffprobe from reading a name as another protocol or an option.
  const input = `file:${path}`;
  const result = await runProcess(
    ffprobeBinary(),
    ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', input],
    { timeoutMs: options.timeoutMs ?? 30_000, maxStdoutBytes: 8 * 1024 * 1024 },
  );
  if (result.exitCode !== 0) {
    throw new CorruptMediaError(`the file cannot be read as media: ${failureReason(result.tailLines, input)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(result.stdout.toString('utf8'));
  } catch (error) {
    throw new CorruptMediaError('ffprobe returned unreadable output', { cause: error });
  }
  const metadata = parseProbeOutput(parsed);
  if (metadata.streams.length === 0) {
    throw new CorruptMediaError('the file contains no audio or video streams');
  }
  if (/\bmp4\b|\bmov\b/.test(metadata.container)) {
    const truncation = await findIsoTruncation(path);
    if (truncation) {
      throw new CorruptMediaError(
        `the file is truncated: its '${truncation.box}' box needs ${truncation.declaredBytes} bytes but only ${truncation.presentBytes} are present`,
      );
    }
  }
  return metadata;
}

/** Whether the streams make this a video (real moving pictures), an audio file (sound only, perhaps with cover art), or neither. */
export function mediaTypeFromStreams(metadata: AvMetadata): Extract<MediaType, 'VIDEO' | 'AUDIO'> | null {
  if (metadata.streams.some((stream) => stream.kind === 'video' && !stream.coverArt)) {
    return 'VIDEO';
  }
  return metadata.streams.some((stream) => stream.kind === 'audio') ? 'AUDIO' : null;
}

/** The main video stream (first that is not cover art), or null. */
export function primaryVideoStream(metadata: AvMetadata): AvStream | null {
  return metadata.streams.find((stream) => stream.kind === 'video' && !stream.coverArt) ?? null;
}

/** The first audio stream, or null. */
export function primaryAudioStream(metadata: AvMetadata): AvStream | null {
  return metadata.streams.find((stream) => stream.kind === 'audio') ?? null;
}

type Json = Record<string, unknown>;

/** ffprobe's JSON (untrusted shape) as typed metadata. Pure; exported for tests. */
export function parseProbeOutput(output: unknown): AvMetadata {
  const root = asObject(output);
  const format = asObject(root.format);
  const streams = Array.isArray(root.streams) ? root.streams.map((stream) => parseStream(asObject(stream))) : [];
  const formatTags = lowerKeys(asObject(format.tags));
  // Vorbis comments (Ogg, FLAC in some muxers) sit on the audio stream, not the container.
  const audioTags = lowerKeys(asObject(asObject((Array.isArray(root.streams) ? root.streams : []).find((s) => asObject(s).codec_type === 'audio')).tags));
  const tag = (...names: string[]) => firstText(names.map((name) => formatTags[name] ?? audioTags[name]));
  return {
    container: text(format.format_name) ?? 'unknown',
    containerLongName: text(format.format_long_name),
    durationSeconds: number(format.duration),
    bitRate: number(format.bit_rate),
    size: number(format.size),
    streams,
    tags: {
      title: tag('title'),
      artist: tag('artist'),
      album: tag('album'),
      albumArtist: tag('album_artist', 'albumartist', 'album artist'),
      genre: tag('genre'),
      date: tag('date', 'year'),
      track: tag('track', 'tracknumber'),
      composer: tag('composer'),
      comment: tag('comment', 'description'),
    },
    createdAt: text(formatTags.creation_time),
  };
}

function parseStream(stream: Json): AvStream {
  const kind = streamKind(stream.codec_type);
  const tags = lowerKeys(asObject(stream.tags));
  const language = text(tags.language);
  return {
    index: number(stream.index) ?? 0,
    kind,
    codec: text(stream.codec_name),
    codecLongName: text(stream.codec_long_name),
    profile: text(stream.profile),
    bitRate: number(stream.bit_rate),
    durationSeconds: number(stream.duration),
    language: language && language !== 'und' ? language : null,
    width: number(stream.width),
    height: number(stream.height),
    frameRate: kind === 'video' ? (parseRate(stream.avg_frame_rate) ?? parseRate(stream.r_frame_rate)) : null,
    pixelFormat: text(stream.pix_fmt),
    rotation: rotationOf(stream),
    coverArt: asObject(stream.disposition).attached_pic === 1,
    sampleRate: number(stream.sample_rate),
    channels: number(stream.channels),
    channelLayout: text(stream.channel_layout),
  };
}

function streamKind(value: unknown): StreamKind {
  switch (value) {
    case 'video':
    case 'audio':
    case 'subtitle':
    case 'attachment':
      return value;
    default:
      return 'data';
  }
}

/** `30000/1001` → 29.97; null for `0/0` (audio) and nonsense. */
export function parseRate(value: unknown): number | null {
  if (typeof value !== 'string') {
    return null;
  }
  const [numerator, denominator] = value.split('/').map(Number);
  if (!numerator || !denominator || !Number.isFinite(numerator / denominator)) {
    return null;
  }
  return Math.round((numerator / denominator) * 1000) / 1000;
}

function rotationOf(stream: Json): number {
  const sideData = Array.isArray(stream.side_data_list) ? stream.side_data_list : [];
  for (const entry of sideData) {
    const rotation = number(asObject(entry).rotation);
    if (rotation !== null) {
      return rotation;
    }
  }
  return number(lowerKeys(asObject(stream.tags)).rotate) ?? 0;
}

function asObject(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function lowerKeys(object: Json): Json {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key.toLowerCase(), value]));
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : null;
}

function firstText(values: unknown[]): string | null {
  for (const value of values) {
    const found = text(value);
    if (found) {
      return found;
    }
  }
  return null;
}

/** ffprobe prints most numbers as strings ("10.000000", "468781"); "N/A" means absent. */
function number(value: unknown): number | null {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(parsed) ? parsed : null;
}
