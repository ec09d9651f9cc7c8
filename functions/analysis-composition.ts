/**
 * The composition root's analysis part: the six analysis ports, each picking its adapter from
 * configuration (functions/config.ts `runtime`) exactly as ./composition.ts picks the others.
 *
 * Why a module of its own: the adapters import heavy packages (TensorFlow.js, onnxruntime, the
 * Rekognition/Transcribe/Comprehend clients: about 1.2 s and 100 MB to load, measured). Bundled
 * into ./composition.ts, esbuild would hoist those imports into every function that composes
 * anything — ingest, uploads, library — even though only the analyzers use them. Only the
 * analyzer handlers import this module, and each adapter module is imported on first use.
 */
import { analysisLedger, apiPublisher, config, objectStore, peopleRepository, tagRepository } from './composition';
import type { FaceRecorder } from './core/analysis/analyze-image';
import type { AnalysisRequest } from './core/analysis/parse-event';
import type { AnalysisDependencies } from './core/analysis/run-analysis';
import { analysisSettings, type AnalysisSettings } from './core/analysis/settings';
import { assignFaces } from './core/people/assign-faces';
import type { FaceDetector } from './ports/face-detector';
import type { LabelDetector } from './ports/label-detector';
import type { Moderation } from './ports/moderation';
import type { TextAnalyzer } from './ports/text-analyzer';
import type { TextInImage } from './ports/text-in-image';
import type { Transcriber } from './ports/transcriber';

/**
 * Like `once` for adapters that load asynchronously: the first call starts the load, later calls
 * share it; a load that fails is forgotten, so the next invocation tries again.
 */
const onceLoaded = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let value: Promise<T> | undefined;
  return () => {
    if (!value) {
      const loading = load();
      value = loading;
      loading.catch(() => {
        if (value === loading) value = undefined;
      });
    }
    return value;
  };
};

/*
 * Each adapter module is imported when first needed: an analyzer loads only the models it uses.
 * The factories are marked pure so a bundle keeps only those its handler uses (esbuild hoists the
 * package imports of every adapter a bundle contains, dynamic import or not).
 * Locally the offline models (weights shipped inside npm/Debian packages); on AWS, Rekognition,
 * Transcribe and Comprehend. Models load once per function instance and stay warm.
 */

/** Labels: CenterNet (@vladmandic/human) locally, Rekognition DetectLabels on AWS. */
export const labelDetector = /* @__PURE__ */ onceLoaded(async (): Promise<LabelDetector> => {
  if (config().runtime === 'local') {
    const { createHumanLabelDetector } = await import('./adapters/local/human-label-detector');
    return createHumanLabelDetector();
  }
  const { createRekognitionLabelDetector } = await import('./adapters/aws/rekognition-label-detector');
  return createRekognitionLabelDetector({ region: config().region });
});

/** Faces: @vladmandic/human's face models locally, Rekognition DetectFaces on AWS. */
export const faceDetector = /* @__PURE__ */ onceLoaded(async (): Promise<FaceDetector> => {
  if (config().runtime === 'local') {
    const { createHumanFaceDetector } = await import('./adapters/local/human-face-detector');
    return createHumanFaceDetector();
  }
  const { createRekognitionFaceDetector } = await import('./adapters/aws/rekognition-face-detector');
  // Asked with `index: { owner, mediaId }`, it indexes faces into the owner's collection (see recordFaces).
  return createRekognitionFaceDetector({ region: config().region, collectionPrefix: faceCollectionPrefix() });
});

/** Text in images: PaddleOCR (onnxruntime-node) locally, Rekognition DetectText on AWS. */
export const textInImage = /* @__PURE__ */ onceLoaded(async (): Promise<TextInImage> => {
  if (config().runtime === 'local') {
    const { createOcrTextInImage } = await import('./adapters/local/ocr-text-in-image');
    return createOcrTextInImage();
  }
  const { createRekognitionTextInImage } = await import('./adapters/aws/rekognition-text-in-image');
  return createRekognitionTextInImage({ region: config().region });
});

/** Unsafe content: nsfwjs locally, Rekognition DetectModerationLabels on AWS. */
export const moderation = /* @__PURE__ */ onceLoaded(async (): Promise<Moderation> => {
  if (config().runtime === 'local') {
    const { createNsfwModeration } = await import('./adapters/local/nsfw-moderation');
    return createNsfwModeration();
  }
  const { createRekognitionModeration } = await import('./adapters/aws/rekognition-moderation');
  return createRekognitionModeration({ region: config().region });
});

/** Speech to text: pocketsphinx (Debian) locally, Transcribe jobs (audio staged in the media bucket) on AWS. */
export const transcriber = /* @__PURE__ */ onceLoaded(async (): Promise<Transcriber> => {
  const settings = config();
  if (settings.runtime === 'local') {
    const { createPocketsphinxTranscriber } = await import('./adapters/local/pocketsphinx-transcriber');
    return createPocketsphinxTranscriber({ scratchDir: settings.scratchDir });
  }
  const { createTranscribeTranscriber } = await import('./adapters/aws/transcribe-transcriber');
  return createTranscribeTranscriber({ bucket: settings.bucket, region: settings.region });
});

/** Sentiment, key phrases, entities, language: wink-nlp, compromise and eld locally, Comprehend on AWS. */
export const textAnalyzer = /* @__PURE__ */ onceLoaded(async (): Promise<TextAnalyzer> => {
  if (config().runtime === 'local') {
    const { createLocalTextAnalyzer } = await import('./adapters/local/text-analyzer');
    return createLocalTextAnalyzer();
  }
  const { createComprehendTextAnalyzer } = await import('./adapters/aws/comprehend-text-analyzer');
  return createComprehendTextAnalyzer({ region: config().region });
});

let settings: AnalysisSettings | undefined;

/** Analysis settings (thresholds, bounds), read once from the environment; a bad value fails the first invocation with its name. */
export function currentAnalysisSettings(): AnalysisSettings {
  settings ??= analysisSettings(process.env, config().runtime);
  return settings;
}

/**
 * Face collections are per owner and per deployment: `<table name>-<owner>` (the table's name is
 * unique to the stack), the same prefix the people function deletes faces under.
 */
const faceCollectionPrefix = () => config().tableName;

/** On AWS: the collection-backed recorder, over one Rekognition client shared by every owner's collection. */
const collectionFaceRecorder = /* @__PURE__ */ onceLoaded(async (): Promise<FaceRecorder> => {
  const { rekognitionClient } = await import('./adapters/aws/rekognition-client');
  const { createRekognitionFaceCollection, faceCollectionIdFor } = await import('./adapters/aws/rekognition-face-collection');
  const { createCollectionFaceRecorder } = await import('./adapters/aws/rekognition-collection-matcher');
  const client = rekognitionClient({ region: config().region });
  return createCollectionFaceRecorder({
    repository: peopleRepository(),
    collectionFor: (owner) => createRekognitionFaceCollection({ client, collectionId: faceCollectionIdFor(faceCollectionPrefix(), owner) }),
  });
});

/**
 * Hands detected faces to the people feature (clustering into the owner's people). Locally faces
 * carry embeddings and join people by centroid (the default matcher, DEFAULT_MATCH_POLICY); on AWS
 * they carry their FaceId in the owner's Rekognition collection and join people by SearchFaces
 * (COLLECTION_MATCH_POLICY), and faces that a re-run replaced leave the collection.
 */
export const recordFaces: FaceRecorder = async (request) => {
  if (config().runtime === 'local') {
    const { personIds } = await assignFaces(request, peopleRepository());
    return { personIds };
  }
  return (await collectionFaceRecorder())(request);
};

/**
 * Everything `runAnalysis` needs besides the analyzer, for one invocation: logs are one JSON line
 * per event with the request id and the media id (never URLs or credentials).
 */
export function analysisDependencies(requestId: string, request: AnalysisRequest): AnalysisDependencies {
  return {
    store: objectStore(),
    api: apiPublisher(),
    ledger: analysisLedger(),
    tags: tagRepository(),
    settings: currentAnalysisSettings(),
    scratchDir: config().scratchDir,
    log: (event, fields) => console.log(JSON.stringify({ event, requestId, mediaId: request.mediaId, version: request.version, ...fields })),
  };
}
