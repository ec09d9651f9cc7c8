/**
 * Text regions from a text-detection probability map (PaddleOCR's DB post-processing, simplified):
 * threshold the map, take each connected region, fit an oriented rectangle to it (principal axis
 * of its pixels, so slanted lines on a photographed page are cut along their slant), keep regions
 * whose mean probability is high enough, and grow each by DB's "unclip" margin
 * (area × ratio / perimeter), because the model marks a shrunken core of each line.
 */

/** An oriented rectangle in map pixels: centre, length along the angle, thickness across it. */
export interface TextRegion {
  cx: number;
  cy: number;
  length: number;
  thickness: number;
  /** Radians, clockwise from the x axis (image y points down). */
  angle: number;
  /** Mean probability of the region's pixels. */
  score: number;
}

export interface TextRegionOptions {
  /** Pixels above this probability are text. @default 0.3 (PaddleOCR det_db_thresh) */
  readonly pixelThreshold?: number;
  /** Regions whose mean probability is below this are dropped. @default 0.6 (det_db_box_thresh) */
  readonly regionThreshold?: number;
  /** Margin added around each region, as DB's unclip ratio. @default 1.5 (det_db_unclip_ratio) */
  readonly unclipRatio?: number;
  /** Regions thinner than this (map pixels, before unclip) are noise. @default 3 */
  readonly minThickness?: number;
  /** Below this length/thickness ratio a region is treated as upright (a single glyph has no reliable slant). @default 2 */
  readonly minSlantRatio?: number;
}

/**
 * Finds the text regions of a probability map.
 * @param probabilities `width × height` values in 0–1, row by row
 * @returns regions in reading order (top to bottom, then left to right within a line)
 */
export function findTextRegions(probabilities: ArrayLike<number>, width: number, height: number, options: TextRegionOptions = {}): TextRegion[] {
  const pixelThreshold = options.pixelThreshold ?? 0.3;
  const regionThreshold = options.regionThreshold ?? 0.6;
  const unclipRatio = options.unclipRatio ?? 1.5;
  const minThickness = options.minThickness ?? 3;
  const minSlantRatio = options.minSlantRatio ?? 2;

  const size = width * height;
  const seen = new Uint8Array(size);
  const stack: number[] = [];
  const pixels: number[] = [];
  const regions: TextRegion[] = [];
  for (let start = 0; start < size; start += 1) {
    if (seen[start] || probabilities[start]! <= pixelThreshold) continue;
    pixels.length = 0;
    let sum = 0;
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const index = stack.pop()!;
      pixels.push(index);
      sum += probabilities[index]!;
      const x = index % width;
      const neighbours = [x > 0 ? index - 1 : -1, x < width - 1 ? index + 1 : -1, index - width, index + width];
      for (const next of neighbours) {
        if (next < 0 || next >= size || seen[next] || probabilities[next]! <= pixelThreshold) continue;
        seen[next] = 1;
        stack.push(next);
      }
    }
    const score = sum / pixels.length;
    if (score < regionThreshold || pixels.length < minThickness * minThickness) continue;
    const region = fitRectangle(pixels, width, minSlantRatio);
    if (region.thickness < minThickness) continue;
    const margin = (region.length * region.thickness * unclipRatio) / (2 * (region.length + region.thickness));
    regions.push({ ...region, length: region.length + 2 * margin, thickness: region.thickness + 2 * margin, score });
  }
  return readingOrder(regions);
}

/** The oriented rectangle around a set of pixels (indices into a `width`-wide map). */
function fitRectangle(pixels: readonly number[], width: number, minSlantRatio: number): Omit<TextRegion, 'score'> {
  let meanX = 0;
  let meanY = 0;
  for (const index of pixels) {
    meanX += index % width;
    meanY += Math.floor(index / width);
  }
  meanX /= pixels.length;
  meanY /= pixels.length;
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (const index of pixels) {
    const dx = (index % width) - meanX;
    const dy = Math.floor(index / width) - meanY;
    xx += dx * dx;
    yy += dy * dy;
    xy += dx * dy;
  }
  const slanted = extent(pixels, width, meanX, meanY, 0.5 * Math.atan2(2 * xy, xx - yy));
  const upright = extent(pixels, width, meanX, meanY, 0);
  return slanted.length / slanted.thickness >= minSlantRatio ? slanted : upright;
}

function extent(pixels: readonly number[], width: number, meanX: number, meanY: number, angle: number): Omit<TextRegion, 'score'> {
  const ux = Math.cos(angle);
  const uy = Math.sin(angle);
  let alongMin = Infinity;
  let alongMax = -Infinity;
  let acrossMin = Infinity;
  let acrossMax = -Infinity;
  for (const index of pixels) {
    const dx = (index % width) - meanX;
    const dy = Math.floor(index / width) - meanY;
    const along = dx * ux + dy * uy;
    const across = -dx * uy + dy * ux;
    alongMin = Math.min(alongMin, along);
    alongMax = Math.max(alongMax, along);
    acrossMin = Math.min(acrossMin, across);
    acrossMax = Math.max(acrossMax, across);
  }
  const alongMid = (alongMin + alongMax) / 2;
  const acrossMid = (acrossMin + acrossMax) / 2;
  return {
    // Pixel centres span max − min; the pixels themselves add one.
    cx: meanX + ux * alongMid - uy * acrossMid,
    cy: meanY + uy * alongMid + ux * acrossMid,
    length: alongMax - alongMin + 1,
    thickness: acrossMax - acrossMin + 1,
    angle,
  };
}

/** Top to bottom; regions whose centres lie within half a line of each other read left to right. */
function readingOrder(regions: TextRegion[]): TextRegion[] {
  const byTop = [...regions].sort((a, b) => a.cy - b.cy);
  const lines: TextRegion[][] = [];
  for (const region of byTop) {
    const line = lines.at(-1);
    const reference = line?.[0];
    if (line && reference && Math.abs(region.cy - reference.cy) < Math.min(region.thickness, reference.thickness) / 2) line.push(region);
    else lines.push([region]);
  }
  return lines.flatMap((line) => line.sort((a, b) => a.cx - b.cx));
}

/** The rectangle's corners in order: top-left, top-right, bottom-right, bottom-left (as read). */
export function regionCorners(region: Pick<TextRegion, 'cx' | 'cy' | 'length' | 'thickness' | 'angle'>): [number, number][] {
  const ux = Math.cos(region.angle);
  const uy = Math.sin(region.angle);
  const hl = region.length / 2;
  const ht = region.thickness / 2;
  const corner = (a: number, b: number): [number, number] => [region.cx + ux * a - uy * b, region.cy + uy * a + ux * b];
  return [corner(-hl, -ht), corner(hl, -ht), corner(hl, ht), corner(-hl, ht)];
}
