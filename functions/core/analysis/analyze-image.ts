/**
 * Image analysis: labels, faces, text in the image and moderation, run side by side on one upright,
 * bounded picture of the original. Each model is obtained lazily, so a model that cannot load fails
 * only its own kind.
 */
import type { DetectedFace, FaceDetector } from '../../ports/face-detector';
import type { DetectedLabel, LabelDetector } from '../../ports/label-detector';
import type { Moderation, ModerationLabel } from '../../ports/moderation';
import type { DetectedTextLine, TextInImage } from '../../ports/text-in-image';
import type { NewFace } from '../people/face-matcher';
import type { TaggingFindings } from '../tagging';
import { failureReason } from './analysis-session';
import { kindsByMediaType } from './kinds';
import type { MediaTools } from './media-tools';
import type { Analyzer } from './run-analysis';

/** A port created on first use (models load once per worker and stay warm). */
export type Lazy<T> = () => Promise<T>;

/**
 * Hands the faces found in one version to the people feature (core/people/assign-faces.ts), which
 * replaces that version's faces and matches them to the owner's people.
 * @returns the person each face was matched to, in order (null: unmatched)
 */
export type FaceRecorder = (request: { owner: string; mediaId: string; version: number; faces: NewFace[] }) => Promise<{ personIds: (string | null)[] }>;

export interface ImagePorts {
  labels: Lazy<LabelDetector>;
  faces: Lazy<FaceDetector>;
  recordFaces: FaceRecorder;
  text: Lazy<TextInImage>;
  moderation: Lazy<Moderation>;
  tools: Pick<MediaTools, 'prepareImage'>;
}

/** A face as stored in results: the embedding stays out (it is large, and only recognition needs it). */
/** A face as the analysis result keeps it: no embedding, no collection id (the people feature keeps those). */
export function storedFace(face: DetectedFace): Omit<DetectedFace, 'embedding' | 'externalFaceId'> {
  const { embedding: _embedding, externalFaceId: _externalFaceId, ...rest } = face;
  return rest;
}

export function imageAnalyzer(ports: ImagePorts): Analyzer {
  const kinds = kindsByMediaType.IMAGE;
  return {
    mediaType: 'IMAGE',
    kinds,
    async analyze({ request, session, settings, saveOriginal }): Promise<TaggingFindings> {
      // A failed download is the platform's fault (thrown, retried); a failed decode is the file's.
      const original = await saveOriginal();
      let image: Buffer;
      try {
        image = await ports.tools.prepareImage(original, settings.image.maxSide);
      } catch (error) {
        const reason = `the image cannot be decoded: ${failureReason(error)}`;
        for (const kind of kinds) {
          await session.fail(kind, reason);
        }
        return {};
      }
      const [labels, faces, lines, moderation] = await Promise.all([
        session.run('labels', async () => {
          const found: DetectedLabel[] = await (await ports.labels()).detectLabels(image, { minConfidence: settings.tagging.thresholds.labels });
          return { result: { labels: found }, value: found };
        }),
        session.run('faces', async () => {
          const found: DetectedFace[] = await (await ports.faces()).detectFaces(image, { index: { owner: request.owner, mediaId: request.mediaId } });
          // Always recorded, even none: a re-run replaces the version's faces.
          const { personIds } = await ports.recordFaces({
            owner: request.owner,
            mediaId: request.mediaId,
            version: request.version,
            faces: found.map((face) => ({ box: face.box, confidence: face.confidence, at: null, embedding: face.embedding, externalFaceId: face.externalFaceId ?? null })),
          });
          const faces = found.map((face, index) => ({ ...storedFace(face), personId: personIds[index] ?? null }));
          return { result: { count: found.length, faces }, value: found };
        }),
        session.run('text', async () => {
          const found: DetectedTextLine[] = await (await ports.text()).detectText(image);
          return { result: { text: found.map((line) => line.text).join('\n'), lines: found }, value: found };
        }),
        session.run('moderation', async () => {
          const found: ModerationLabel[] = await (await ports.moderation()).detectUnsafe(image);
          return { result: { unsafe: found.length > 0, labels: found }, value: found };
        }),
      ]);
      return {
        ...(labels ? { labels } : {}),
        ...(faces ? { faces } : {}),
        ...(lines ? { textLines: lines } : {}),
        ...(moderation ? { moderation } : {}),
      };
    },
  };
}
