/**
 * The analysis steps ingest runs (MediaProbes), assembled from the media modules: identify the real
 * format against the declared one, then metadata, quality, previews and perceptual hashes, each
 * chosen by media type. Per file, until `release`: ffprobe runs once, and an image is decoded once
 * (the upright 512-px pixels feed quality, thumbnail and hash; see upright-pixels.ts).
 */
import type { DuplicateCandidate, DuplicateRelation } from '../../ports/media-repository';
import { bandsOfAll, findDuplicates } from '../dedupe';
import type { DetectedMedia, MediaProbes } from '../ingest/run-ingest';
import { measureAudioQuality } from './audio-quality';
import { mediaTypeFromStreams, probeMedia, type AvMetadata } from './av-metadata';
import { checksumFile } from './checksum';
import type { DetectedFormat } from './detect';
import { checkDeclared, detectFormat } from './detect';
import { MediaError, UnsupportedFormatError } from './errors';
import { readImageMetadata } from './image-metadata';
import { qualityOfUpright } from './image-quality';
import { hashOfUpright } from './perceptual-hash';
import { thumbnailOfUpright, videoPoster, videoThumbnail } from './previews';
import { measureText } from './text-stats';
import type { UprightPixels } from './upright-pixels';
import { decodeUpright } from './upright-pixels';
import { videoKeyframeHashes } from './video-hash';
import { measureVideoQuality } from './video-quality';

/** One cache per kind of result, keyed by file path; all emptied by `release`. */
const caches = {
  detected: new Map<string, Promise<DetectedFormat>>(),
  probed: new Map<string, Promise<AvMetadata>>(),
  upright: new Map<string, Promise<UprightPixels>>(),
};

function cached<T>(cache: Map<string, Promise<T>>, file: string, compute: (file: string) => Promise<T>): Promise<T> {
  let result = cache.get(file);
  if (!result) {
    result = compute(file);
    cache.set(file, result);
  }
  return result;
}

const detect = (file: string) => cached(caches.detected, file, detectFormat);
const probe = (file: string) => cached(caches.probed, file, probeMedia);
const upright = (file: string) => cached(caches.upright, file, decodeUpright);

const durationOf = (metadata: AvMetadata) => metadata.durationSeconds ?? null;

/** JSON-safe copy (metadata and quality are stored as maps and sent as AWSJSON). */
const plain = (value: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(value ?? {})) as Record<string, unknown>;

export const mediaProbes: MediaProbes = {
  async identify(file, declaredContentType): Promise<DetectedMedia> {
    const detected = await detect(file);
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
        const { mime, charset } = await detect(file);
        return plain({ ...(await measureText(file, charset ?? 'utf-8')), mime });
      }
    }
  },

  async quality(file, detected) {
    switch (detected.mediaType) {
      case 'IMAGE':
        return plain(await qualityOfUpright(await upright(file)));
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
        return { thumbnail: (await thumbnailOfUpright(await upright(file))).bytes, poster: null };
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
        return [await hashOfUpright(await upright(file))];
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
    for (const cache of Object.values(caches)) {
      cache.delete(file);
    }
  },
};
