/** Boxes in the ports' shape (Rekognition's BoundingBox: fractions of the image's width and height). */
import type { BoundingBox } from '../../../ports/label-detector';

/**
 * A box given as fractions [x, y, width, height], clipped to the image.
 * @returns the part of the box inside the image (zero width or height if it lies outside)
 */
export function clampBox([x, y, width, height]: readonly [number, number, number, number]): BoundingBox {
  const left = clamp01(x);
  const top = clamp01(y);
  return { left, top, width: clamp01(x + width) - left, height: clamp01(y + height) - top };
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
