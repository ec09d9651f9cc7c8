/**
 * Cuts each detected text line out of the image, turned level along its slant and scaled to the
 * recognition model's height (48 px, PaddleOCR PP-OCRv4's rec_image_shape), with sharp (libvips,
 * off the JavaScript thread).
 */
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import type { BoundingBox } from '../../../ports/label-detector';
import type { DecodedImage } from './decoded-image';
import { regionCorners, type TextRegion } from './text-regions';

/** Height of the recognition model's input. */
export const LINE_HEIGHT = 48;

/** One line image: RGB pixels `LINE_HEIGHT` high, and where the line sits in the image. */
export interface TextLineImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly box: BoundingBox;
}

/** Widest line image fed to recognition (lines longer than 40 heights are squeezed). */
const MAX_LINE_WIDTH = LINE_HEIGHT * 40;

/**
 * The line images of regions found on a map `mapWidth × mapHeight` laid over `image`.
 * @returns one image per region, in the regions' order
 */
export function cutTextLines(image: DecodedImage, regions: readonly TextRegion[], mapWidth: number, mapHeight: number): Promise<TextLineImage[]> {
  const scaleX = image.width / mapWidth;
  const scaleY = image.height / mapHeight;
  return Promise.all(
    regions.map((region) => {
      // Map the corners (not the angle) to image pixels: the map's two axes may scale differently.
      const corners = regionCorners(region).map(([x, y]) => [x * scaleX, y * scaleY] as [number, number]);
      return cutLine(image, corners);
    }),
  );
}

async function cutLine(image: DecodedImage, corners: [number, number][]): Promise<TextLineImage> {
  const [topLeft, topRight, bottomRight] = corners as [[number, number], [number, number], [number, number], [number, number]];
  const length = Math.hypot(topRight[0] - topLeft[0], topRight[1] - topLeft[1]);
  const thickness = Math.hypot(bottomRight[0] - topRight[0], bottomRight[1] - topRight[1]);
  const angle = Math.atan2(topRight[1] - topLeft[1], topRight[0] - topLeft[0]);
  const cx = corners.reduce((sum, [x]) => sum + x, 0) / 4;
  const cy = corners.reduce((sum, [, y]) => sum + y, 0) / 4;
  const xs = corners.map(([x]) => x);
  const ys = corners.map(([, y]) => y);
  const box = toFractions(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys), image);

  const width = Math.max(8, Math.min(MAX_LINE_WIDTH, Math.round((LINE_HEIGHT * length) / Math.max(1, thickness))));
  const raw = { raw: { width: image.width, height: image.height, channels: 3 as const } };
  const degrees = (angle * 180) / Math.PI;
  let line: Sharp;
  if (Math.abs(degrees) < 1) {
    line = sharp(image.data, raw).extract(clampedRect(cx - length / 2, cy - thickness / 2, length, thickness, image.width, image.height));
  } else {
    // Rotate a square around the centre that holds the whole line, then cut the level line out of it.
    const half = Math.ceil(Math.hypot(length, thickness) / 2) + 1;
    const square = clampedRect(cx - half, cy - half, 2 * half, 2 * half, image.width, image.height);
    const turned = await sharp(image.data, raw)
      .extract(square)
      .rotate(-degrees, { background: { r: 128, g: 128, b: 128 } })
      .raw()
      .toBuffer({ resolveWithObject: true });
    // Where the line's centre lands in the turned square (rotation about the square's centre).
    const dx = cx - (square.left + square.width / 2);
    const dy = cy - (square.top + square.height / 2);
    const cos = Math.cos(-angle);
    const sin = Math.sin(-angle);
    const tx = turned.info.width / 2 + dx * cos - dy * sin;
    const ty = turned.info.height / 2 + dx * sin + dy * cos;
    line = sharp(turned.data, { raw: { width: turned.info.width, height: turned.info.height, channels: 3 } }).extract(
      clampedRect(tx - length / 2, ty - thickness / 2, length, thickness, turned.info.width, turned.info.height),
    );
  }
  const data = await line.resize(width, LINE_HEIGHT, { fit: 'fill' }).raw().toBuffer();
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width, box };
}

/** A whole-pixel rectangle inside `width × height`, at least 1×1. */
function clampedRect(left: number, top: number, w: number, h: number, width: number, height: number) {
  const x0 = Math.min(width - 1, Math.max(0, Math.floor(left)));
  const y0 = Math.min(height - 1, Math.max(0, Math.floor(top)));
  const x1 = Math.max(x0 + 1, Math.min(width, Math.ceil(left + w)));
  const y1 = Math.max(y0 + 1, Math.min(height, Math.ceil(top + h)));
  return { left: x0, top: y0, width: x1 - x0, height: y1 - y0 };
}

function toFractions(x0: number, y0: number, x1: number, y1: number, image: DecodedImage): BoundingBox {
  const left = Math.max(0, x0) / image.width;
  const top = Math.max(0, y0) / image.height;
  const right = Math.min(image.width, x1) / image.width;
  const bottom = Math.min(image.height, y1) / image.height;
  return { left, top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
}
