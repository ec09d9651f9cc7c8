/**
 * The analysis steps ingest runs (MediaProbes), assembled from the media modules: identify the real
 * format against the declared one, then metadata, quality, previews and perceptual hashes, each
 * chosen by media type. ffprobe runs once per file (cached until `release`).
 */
import { readFile } from 'node:fs/promises';
import type { DuplicateCandidate, DuplicateRelation } from '../../ports/media-repository';
import { bandsOfAll, findDuplicates } from '../dedupe';
import type { DetectedMedia, MediaProbes } from '../ingest/run-ingest';
import { measureAudioQuality } from './audio-quality';
import { mediaTypeFromStreams, probeMedia, type AvMetadata } from './av-metadata';
import { checksumFile } from './checksum';
import { checkDeclared, detectFormat } from './detect';
import { MediaError, UnsupportedFormatError } from './errors';
import { readImageMetadata } from './image-metadata';
import { measureImageQuality } from './image-quality';
import { imagePerceptualHash } from './perceptual-hash';
import { imageThumbnail, videoPoster, videoThumbnail } from './previews';
import { videoKeyframeHashes } from './video-hash';
import { measureVideoQuality } from './video-quality';

const probed = new Map<string, Promise<AvMetadata>>();
const probe = (file: string) => {
  let result = probed.get(file);
  if (!result) {
    result = probeMedia(file);
    probed.set(file, result);
  }
  return result;
};

const durationOf = (metadata: AvMetadata) => metadata.durationSeconds ?? null;

/** JSON-safe copy (metadata and quality are stored as maps and sent as AWSJSON). */
const plain = (value: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(value ?? {})) as Record<string, unknown>;

export const mediaProbes: MediaProbes = {
  async identify(file, declaredContentType): Promise<DetectedMedia> {
    const detected = await detectFormat(file);
    const check = checkDeclared(declaredContentType, detected);
    if (!check.ok) {
      throw check.error;
    }
    let mediaType = check.mediaType;
    if (mediaType === 'VIDEO' || mediaType === 'AUDIO') {
      // Containers (MP4, WebM, Ogg) carry sound or pictures: the streams decide.
      const fromStreams = mediaTypeFromStreams(await probe(file));
      if (!fromStreams) {
        throw new UnsupportedFormatError(`${detected.description} has no audio or video stream`);
      }
      mediaType = fromStreams;
    }
    return { mime: detected.mime, mediaType, format: detected.description };
  },

  checksum: (file) => checksumFile(file).then(({ sha256, size }) => ({ sha256, size })),

  async metadata(file, detected) {
    switch (detected.mediaType) {
      case 'IMAGE':
        return plain(await readImageMetadata(file));
      case 'VIDEO':
      case 'AUDIO':
        return plain(await probe(file));
      case 'TEXT': {
        const text = await readFile(file, 'utf8');
        return { characters: text.length, lines: text.split('\n').length, words: text.split(/\s+/).filter(Boolean).length };
      }
    }
  },

  async quality(file, detected) {
    switch (detected.mediaType) {
      case 'IMAGE':
        return plain(await measureImageQuality(file));
      case 'VIDEO': {
        const metadata = await probe(file);
        const video = await measureVideoQuality(file, metadata);
        const hasAudio = metadata.streams.some((stream) => stream.kind === 'audio');
        return plain({ video, ...(hasAudio ? { audio: await measureAudioQuality(file, { durationSeconds: durationOf(metadata) }) } : {}) });
      }
      case 'AUDIO':
        return plain(await measureAudioQuality(file, { durationSeconds: durationOf(await probe(file)) }));
      case 'TEXT':
        return {};
    }
  },

  async previews(file, detected) {
    switch (detected.mediaType) {
      case 'IMAGE':
        return { thumbnail: (await imageThumbnail(file)).bytes, poster: null };
      case 'VIDEO': {
        const poster = await videoPoster(file, { durationSeconds: durationOf(await probe(file)) });
        return { thumbnail: (await videoThumbnail(poster)).bytes, poster: poster.bytes };
      }
      default:
        return { thumbnail: null, poster: null };
    }
  },

  async perceptualHashes(file, detected) {
    switch (detected.mediaType) {
      case 'IMAGE':
        return [await imagePerceptualHash(file)];
      case 'VIDEO':
        return (await videoKeyframeHashes(file, { durationSeconds: durationOf(await probe(file)) })).map((frame) => frame.hash);
      default:
        return [];
    }
  },

  hashBands: (hashes) => bandsOfAll(hashes),

  classifyDuplicates(subject: DuplicateCandidate, candidates: readonly DuplicateCandidate[]): DuplicateRelation[] {
    return findDuplicates(subject, candidates).map((match) => ({
      mediaId: subject.mediaId,
      otherId: match.mediaId,
      kind: match.kind,
      distance: match.distance,
    }));
  },

  isMediaError: (error): error is MediaError => error instanceof MediaError && error.permanent,

  release(file) {
    probed.delete(file);
  },
};
