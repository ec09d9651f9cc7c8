/**
 * Analysis settings: tagging thresholds and the bounds that keep an analysis finite (keyframes,
 * text read, result size). Read once from the function's environment, validated up front so a bad
 * value fails at cold start with its name.
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | `TAG_MIN_CONFIDENCE_LABELS` | 0.6 (local: 0.4) | labels below are not tags |
 * | `TAG_MIN_CONFIDENCE_FACES` | 0.8 | faces below do not make the `People` tag |
 * | `TAG_MIN_CONFIDENCE_TEXT` | 0.8 | text lines below do not make the `Text` tag |
 * | `TAG_MIN_CONFIDENCE_MODERATION` | 0.6 | moderation labels below are not tags |
 * | `TAG_MIN_CONFIDENCE_KEY_PHRASES` | 0.8 (local: 0.7) | key phrases below are not tags |
 * | `TAG_MIN_CONFIDENCE_ENTITIES` | 0.8 | entities below are not tags |
 * | `TAG_MAX_PER_MEDIA` | 40 | most AUTO tags on one item |
 * | `VIDEO_MAX_KEYFRAMES` | 32 | most keyframes analysed per video |
 * | `VIDEO_KEYFRAME_GAP_SECONDS` | 10 | at least one keyframe this often (unless that would exceed the maximum) |
 * | `VIDEO_SCENE_THRESHOLD` | 0.3 | ffmpeg scene score (0–1) that counts as a scene change (see below) |
 * | `TEXT_MAX_BYTES` | 200000 | bytes of a text document analysed (the start of it) |
 *
 * Why the local thresholds are lower: the local models score right answers lower than AWS does.
 * The local detector (CenterNet from @vladmandic/human) gives a clear cup ≈ 0.45–0.5
 * (functions/adapters/local/human-label-detector.ts) where Rekognition says 90+; the local key-phrase
 * ranker maps salience to 0.5–1, and the main phrases of a short transcript score ≈ 0.70–0.75
 * ("green field" 0.75, "space station" 0.71), where Comprehend's key phrases score above 0.9.
 *
 * Why the scene threshold stays 0.3: hard cuts between different photos score 0.42–0.99 (the 12 cuts
 * of test/bench/analysis/video-eval.ts; the bench videos' cuts 0.46–0.79), still shots and moving
 * test patterns (testsrc2, mandelbrot) under 0.03. Scores of 0.03–0.17 at cuts were an artefact of
 * decoding keyframes only, fixed where the frames are chosen (video-keyframes.ts, `DOUBLE_EACH_FRAME`);
 * a threshold low enough for them (0.1 still missed a cut at 0.03) would let smaller changes within a
 * shot count as cuts: more keyframes (up to VIDEO_MAX_KEYFRAMES) for the same scenes.
 */
import { ConfigurationError } from '../../config';
import { defaultTaggingOptions, type TaggingOptions } from '../tagging';

export interface AnalysisSettings {
  tagging: TaggingOptions;
  image: {
    /** Long side of the picture handed to the models (upright JPEG; originals can be 100 MP). */
    maxSide: number;
  };
  video: {
    maxKeyframes: number;
    /** At least one keyframe per this many seconds, as long as `maxKeyframes` allows. */
    keyframeGapSeconds: number;
    sceneThreshold: number;
    /** Long side of keyframes, px. */
    frameSide: number;
  };
  text: { maxBytes: number };
  /** Largest JSON result stored per kind (the item must stay under DynamoDB's 400 KB). */
  maxResultBytes: number;
}

/** The settings for `runtime` from `env`. @throws ConfigurationError naming a variable that is not a valid number */
export function analysisSettings(env: Readonly<Record<string, string | undefined>>, runtime: 'aws' | 'local'): AnalysisSettings {
  const number = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) {
      return fallback;
    }
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) {
      throw new ConfigurationError(`Environment variable ${name} must be a number from ${min} to ${max}, got "${raw}"`);
    }
    return value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const value = number(name, fallback, min, max);
    if (!Number.isInteger(value)) {
      throw new ConfigurationError(`Environment variable ${name} must be a whole number, got "${env[name]}"`);
    }
    return value;
  };
  const defaults = defaultTaggingOptions.thresholds;
  return {
    tagging: {
      thresholds: {
        labels: number('TAG_MIN_CONFIDENCE_LABELS', runtime === 'local' ? 0.4 : defaults.labels, 0, 1),
        faces: number('TAG_MIN_CONFIDENCE_FACES', defaults.faces, 0, 1),
        text: number('TAG_MIN_CONFIDENCE_TEXT', defaults.text, 0, 1),
        moderation: number('TAG_MIN_CONFIDENCE_MODERATION', defaults.moderation, 0, 1),
        keyPhrases: number('TAG_MIN_CONFIDENCE_KEY_PHRASES', runtime === 'local' ? 0.7 : defaults.keyPhrases, 0, 1),
        entities: number('TAG_MIN_CONFIDENCE_ENTITIES', defaults.entities, 0, 1),
      },
      maxTags: integer('TAG_MAX_PER_MEDIA', defaultTaggingOptions.maxTags, 0, 200),
      maxKeyPhrases: defaultTaggingOptions.maxKeyPhrases,
      maxEntities: defaultTaggingOptions.maxEntities,
    },
    image: { maxSide: 1920 },
    video: {
      maxKeyframes: integer('VIDEO_MAX_KEYFRAMES', 32, 1, 500),
      keyframeGapSeconds: number('VIDEO_KEYFRAME_GAP_SECONDS', 10, 0.5, 3600),
      sceneThreshold: number('VIDEO_SCENE_THRESHOLD', 0.3, 0, 1),
      frameSide: 960,
    },
    text: { maxBytes: integer('TEXT_MAX_BYTES', 200_000, 1_000, 10_000_000) },
    maxResultBytes: 300_000,
  };
}
