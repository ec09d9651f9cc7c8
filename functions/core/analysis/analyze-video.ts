/**
 * Video analysis: `keyframes` (scene changes with ffmpeg, bounded and spread over the video), then
 * `labels` and `faces` on every keyframe merged into time segments, and the sound track as speech:
 * `transcript` → `text-analysis`. Keyframes and sound are independent and run side by side.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DetectedFace, FaceDetector } from '../../ports/face-detector';
import type { DetectedLabel, LabelDetector } from '../../ports/label-detector';
import type { TaggingFindings } from '../tagging';
import { failureReason, type AnalysisSession } from './analysis-session';
import { storedFace, type FaceRecorder, type Lazy } from './analyze-image';
import { planKeyframes, type KeyframePlan } from './keyframe-plan';
import { kindsByMediaType } from './kinds';
import type { MediaTools, ProbedStreams } from './media-tools';
import type { Analyzer } from './run-analysis';
import { mergeSegments } from './segments';
import { transcribeAndAnalyse, type SpeechPorts } from './speech';
import type { Keyframe } from './video-keyframes';

export interface VideoPorts extends SpeechPorts {
  labels: Lazy<LabelDetector>;
  faces: Lazy<FaceDetector>;
  recordFaces: FaceRecorder;
  tools: Pick<MediaTools, 'probe' | 'extractKeyframes' | 'extractSpeechAudio'>;
}

/** The segment label for "faces are visible". */
export const FACE_SEGMENT_LABEL = 'Face';

interface FrameResult<T> {
  at: number;
  found: T[];
}

/**
 * Runs `detect` on every frame, one after another (the models are shared; frames are small).
 * A frame that fails is counted and skipped; when every frame fails, the first failure is thrown.
 */
async function perFrame<T>(frames: readonly { at: number; image: Buffer }[], detect: (image: Buffer) => Promise<T[]>): Promise<{ results: FrameResult<T>[]; failed: number }> {
  const results: FrameResult<T>[] = [];
  let firstError: unknown = null;
  for (const frame of frames) {
    try {
      results.push({ at: frame.at, found: await detect(frame.image) });
    } catch (error) {
      firstError ??= error;
    }
  }
  if (results.length === 0 && firstError !== null) {
    throw firstError;
  }
  return { results, failed: frames.length - results.length };
}

/** Each label once, with its highest confidence, its parents and how long it is on screen. */
function labelSummary(frames: readonly FrameResult<DetectedLabel>[], segments: ReturnType<typeof mergeSegments>) {
  const summary = new Map<string, { name: string; confidence: number; parents: string[]; seconds: number }>();
  for (const frame of frames) {
    for (const label of frame.found) {
      const entry = summary.get(label.name) ?? { name: label.name, confidence: 0, parents: label.parents, seconds: 0 };
      entry.confidence = Math.max(entry.confidence, label.confidence);
      summary.set(label.name, entry);
    }
  }
  for (const segment of segments) {
    const entry = summary.get(segment.label);
    if (entry) {
      entry.seconds = Math.round((entry.seconds + segment.end - segment.start) * 1000) / 1000;
    }
  }
  return [...summary.values()].sort((a, b) => b.confidence - a.confidence);
}

async function analyseFrames(
  request: { owner: string; mediaId: string; version: number },
  session: AnalysisSession,
  ports: VideoPorts,
  frames: readonly Keyframe[],
  plan: KeyframePlan,
  durationSeconds: number | null,
  minLabelConfidence: number,
): Promise<Pick<TaggingFindings, 'labels' | 'faces'>> {
  const images = await Promise.all(frames.map(async (frame) => ({ at: frame.at, image: await readFile(frame.file) })));
  const spans = { durationSeconds, maxSpanSeconds: plan.maxGapSeconds };
  const [labels, faces] = await Promise.all([
    session.run('labels', async () => {
      const detector = await ports.labels();
      const { results, failed } = await perFrame(images, (image) => detector.detectLabels(image, { minConfidence: minLabelConfidence }));
      const segments = mergeSegments(results.map((r) => ({ at: r.at, labels: r.found })), spans);
      const summary = labelSummary(results, segments);
      return { result: { framesAnalysed: results.length, framesFailed: failed, labels: summary, segments }, value: summary };
    }),
    session.run('faces', async () => {
      const detector = await ports.faces();
      const { results, failed } = await perFrame<DetectedFace>(images, (image) => detector.detectFaces(image, { index: { owner: request.owner, mediaId: request.mediaId } }));
      const segments = mergeSegments(
        results.map((r) => ({ at: r.at, labels: r.found.map((face) => ({ name: FACE_SEGMENT_LABEL, confidence: face.confidence })) })),
        spans,
      );
      // Every keyframe's faces at once: the people feature clusters them among themselves first.
      const { personIds } = await ports.recordFaces({
        owner: request.owner,
        mediaId: request.mediaId,
        version: request.version,
        faces: results.flatMap((r) => r.found.map((face) => ({ box: face.box, confidence: face.confidence, at: r.at, embedding: face.embedding, externalFaceId: face.externalFaceId ?? null }))),
      });
      let next = 0;
      const result = {
        framesAnalysed: results.length,
        framesFailed: failed,
        maxFacesInFrame: Math.max(0, ...results.map((r) => r.found.length)),
        segments,
        frames: results
          .map((r) => ({ at: r.at, faces: r.found.map((face) => ({ ...storedFace(face), personId: personIds[next++] ?? null })) }))
          .filter((frame) => frame.faces.length > 0),
      };
      return { result, value: results.flatMap((r) => r.found) };
    }),
  ]);
  return { ...(labels ? { labels } : {}), ...(faces ? { faces } : {}) };
}

export function videoAnalyzer(ports: VideoPorts): Analyzer {
  const kinds = kindsByMediaType.VIDEO;
  return {
    mediaType: 'VIDEO',
    kinds,
    async analyze({ request, session, settings, workDir, saveOriginal }): Promise<TaggingFindings> {
      const file = await saveOriginal();
      let streams: ProbedStreams;
      try {
        streams = await ports.tools.probe(file);
      } catch (error) {
        const reason = `the video cannot be read: ${failureReason(error)}`;
        for (const kind of kinds) {
          await session.fail(kind, reason);
        }
        return {};
      }
      const plan = planKeyframes(streams.durationSeconds, {
        maxFrames: settings.video.maxKeyframes,
        gapSeconds: settings.video.keyframeGapSeconds,
        sceneThreshold: settings.video.sceneThreshold,
      });

      const pictures = async (): Promise<Pick<TaggingFindings, 'labels' | 'faces'>> => {
        const framesDir = path.join(workDir, 'keyframes');
        await mkdir(framesDir, { recursive: true });
        const frames = await session.run('keyframes', async () => {
          const found = await ports.tools.extractKeyframes(file, framesDir, plan, { frameSide: settings.video.frameSide, durationSeconds: streams.durationSeconds });
          const result = {
            durationSeconds: streams.durationSeconds,
            count: found.length,
            times: found.map((frame) => frame.at),
            plan: { maxFrames: plan.maxFrames, maxGapSeconds: plan.maxGapSeconds, minSceneGapSeconds: plan.minSceneGapSeconds, sceneThreshold: plan.sceneThreshold },
          };
          return { result, value: found };
        });
        if (!frames || frames.length === 0) {
          await session.fail('labels', 'there are no keyframes to analyse: keyframe extraction failed');
          await session.fail('faces', 'there are no keyframes to analyse: keyframe extraction failed');
          return {};
        }
        return analyseFrames(request, session, ports, frames, plan, streams.durationSeconds, settings.tagging.thresholds.labels);
      };

      const sound = async () => {
        if (!streams.hasAudio) {
          return transcribeAndAnalyse(session, ports, { noAudioReason: 'the video has no sound track' });
        }
        const wavFile = path.join(workDir, 'speech.wav');
        try {
          await ports.tools.extractSpeechAudio(file, wavFile);
        } catch (error) {
          const reason = failureReason(error);
          await session.fail('transcript', reason);
          await session.fail('text-analysis', `there is no transcript to analyse: ${reason}`);
          return { transcript: null, analysis: null };
        }
        return transcribeAndAnalyse(session, ports, { wavFile });
      };

      const [seen, heard] = await Promise.all([pictures(), sound()]);
      return { ...seen, ...(heard.analysis ? { textAnalysis: heard.analysis } : {}) };
    },
  };
}
