/** Text in an image (OCR). Shapes follow Rekognition DetectText (lines with boxes). */
import type { BoundingBox } from './label-detector';

export interface DetectedTextLine {
  text: string;
  confidence: number;
  box: BoundingBox;
}

export interface TextInImage {
  detectText(image: Buffer): Promise<DetectedTextLine[]>;
}
