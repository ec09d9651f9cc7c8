/**
 * The OCR pipeline on decoded pixels, following PaddleOCR's reference: text detection (DB) on the
 * image scaled to ≤ `detectionSide`, text regions (text-regions.ts), each line cut out level and 48 px
 * high (text-line-images.ts), recognition in batches of similar widths, greedy CTC decoding
 * (ctc-decode.ts). Detection doubles as the gate: an image without text regions costs one detection
 * pass and no recognition.
 */
import { Tensor } from 'onnxruntime-node';
import sharp from 'sharp';
import type { DetectedTextLine } from '../../../ports/text-in-image';
import { ctcDecode, type DecodedText } from './ctc-decode';
import type { DecodedImage } from './decoded-image';
import type { OcrModels } from './ocr-models';
import { cutTextLines, LINE_HEIGHT, type TextLineImage } from './text-line-images';
import { findTextRegions } from './text-regions';

/** What one reading uses. */
export interface OcrSettings {
  /** Long side of the image for text detection, in pixels (rounded to a multiple of 32). */
  readonly detectionSide: number;
  /** Lines whose mean character probability is below this are dropped. */
  readonly minConfidence: number;
  /** Most lines read (in reading order). */
  readonly maxLines: number;
}

/**
 * PaddleOCR's det NormalizeImage: ImageNet's mean and std listed in RGB order but applied to the
 * channels of the BGR image OpenCV reads — reproduced as is, since the model was trained that way.
 */
const DETECTION_MEAN = [0.485, 0.456, 0.406];
const DETECTION_STD = [0.229, 0.224, 0.225];
/** Lines recognised per inference (PaddleOCR's rec_batch_num). */
const RECOGNITION_BATCH = 6;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Reads the text lines of an image.
 * @returns lines in reading order, each with its mean character probability and box
 */
export async function readText(models: OcrModels, image: DecodedImage, settings: OcrSettings): Promise<DetectedTextLine[]> {
  const map = await detectionMap(models, image, settings.detectionSide);
  const regions = findTextRegions(map.probabilities, map.width, map.height).slice(0, settings.maxLines);
  if (regions.length === 0) return [];
  const lines = await cutTextLines(image, regions, map.width, map.height);
  const texts = await recognise(models, lines);
  return lines
    .map((line, index) => ({ text: texts[index]!.text.trim(), confidence: texts[index]!.confidence, box: line.box }))
    .filter((line) => line.confidence >= settings.minConfidence && HAS_LETTER_OR_DIGIT.test(line.text));
}

async function detectionMap(models: OcrModels, image: DecodedImage, side: number) {
  const scale = Math.min(1, side / Math.max(image.width, image.height));
  const width = Math.max(32, Math.round((image.width * scale) / 32) * 32);
  const height = Math.max(32, Math.round((image.height * scale) / 32) * 32);
  const resized = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize(width, height, { fit: 'fill' })
    .raw()
    .toBuffer();
  const input = toPlanarBgr(resized, width, height, (value, channel) => (value / 255 - DETECTION_MEAN[channel]!) / DETECTION_STD[channel]!);
  const output = await models.detection.run({ [models.detection.inputNames[0]!]: new Tensor('float32', input, [1, 3, height, width]) });
  const probabilities = output[models.detection.outputNames[0]!]!.data as Float32Array;
  return { probabilities, width, height };
}

async function recognise(models: OcrModels, lines: readonly TextLineImage[]): Promise<DecodedText[]> {
  const results = new Array<DecodedText>(lines.length);
  // Similar widths together, as PaddleOCR batches by aspect ratio: less padding to compute.
  const order = lines.map((_, index) => index).sort((a, b) => lines[a]!.width - lines[b]!.width);
  for (let start = 0; start < order.length; start += RECOGNITION_BATCH) {
    const batch = order.slice(start, start + RECOGNITION_BATCH);
    const width = Math.max(...batch.map((index) => lines[index]!.width));
    const plane = LINE_HEIGHT * width;
    // Padding stays 0, the normalised mid-grey, as in PaddleOCR's resize_norm_img.
    const input = new Float32Array(batch.length * 3 * plane);
    batch.forEach((lineIndex, slot) => {
      const line = lines[lineIndex]!;
      const planar = toPlanarBgr(line.data, line.width, LINE_HEIGHT, (value) => (value / 255 - 0.5) / 0.5);
      for (let channel = 0; channel < 3; channel += 1) {
        for (let row = 0; row < LINE_HEIGHT; row += 1) {
          const from = channel * LINE_HEIGHT * line.width + row * line.width;
          input.set(planar.subarray(from, from + line.width), slot * 3 * plane + channel * plane + row * width);
        }
      }
    });
    const output = await models.recognition.run({ [models.recognition.inputNames[0]!]: new Tensor('float32', input, [batch.length, 3, LINE_HEIGHT, width]) });
    const scores = output[models.recognition.outputNames[0]!]!;
    const [, steps = 0, classes = 0] = scores.dims;
    const data = scores.data as Float32Array;
    batch.forEach((lineIndex, slot) => {
      results[lineIndex] = ctcDecode(data.subarray(slot * steps * classes, (slot + 1) * steps * classes), steps, classes, models.dictionary);
    });
  }
  return results;
}

/** RGB interleaved bytes → planar float channels in B, G, R order, each value passed through `normalise`. */
function toPlanarBgr(rgb: Uint8Array, width: number, height: number, normalise: (value: number, channel: number) => number): Float32Array {
  const plane = width * height;
  const planar = new Float32Array(3 * plane);
  for (let pixel = 0, offset = 0; pixel < plane; pixel += 1, offset += 3) {
    planar[pixel] = normalise(rgb[offset + 2]!, 0);
    planar[plane + pixel] = normalise(rgb[offset + 1]!, 1);
    planar[2 * plane + pixel] = normalise(rgb[offset]!, 2);
  }
  return planar;
}
