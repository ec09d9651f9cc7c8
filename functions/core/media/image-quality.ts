/**
 * Image quality figures a user would notice: resolution, sharpness and exposure, and a 0–1 score
 * with the reasons that lowered it.
 *
 * Sharpness is the variance of the Laplacian (Pech-Pacheco, Cristóbal, Chamorro-Martínez and
 * Fernández-Valdivia, "Diatom autofocusing in brightfield microscopy: a comparative study",
 * ICPR 2000): an in-focus image has strong edges, so its second derivative varies a lot; blur
 * flattens it. It is measured on a greyscale copy whose longest side is 512 px, so the figure
 * compares images of any size (and is cheap: the shared small decode, one pass in JS).
 */
import type { ImageLimits } from './image-input';
import type { UprightPixels } from './upright-pixels';
import { decodeUpright, greyscaleOf } from './upright-pixels';

/**
 * Calibration of the score. Measured (Laplacian variance at 512 px): three real photos 540–2330,
 * the same blurred with σ=2 27–111; generated scenes 100–160, blurred with σ=3 about 20.
 */
export const qualityThresholds = {
  /** Laplacian variance at or below which an image scores 0 for sharpness. */
  blurryBelow: 25,
  /** Laplacian variance at or above which an image scores 1 for sharpness. */
  sharpAbove: 100,
  /** Megapixels below which an image is "low resolution" (VGA is 0.3). */
  lowResolutionMegapixels: 0.5,
  /** Megapixels at which the resolution score reaches 1. */
  goodResolutionMegapixels: 2,
  /** Mean luminance (0–1) below which an image is underexposed, above which (1 − x) overexposed. */
  darkMean: 0.15,
  brightMean: 0.85,
  /** Share of pixels at (near) pure black or white that counts as clipping. */
  clippedShare: 0.05,
} as const;

export interface ImageQuality {
  width: number;
  height: number;
  megapixels: number;
  /** Variance of the Laplacian on the 512-px greyscale copy; higher is sharper. */
  sharpness: number;
  /** Mean luminance, 0 (black) – 1 (white). */
  meanLuminance: number;
  /** Share of pixels at luminance ≤ 4/255. */
  clippedShadows: number;
  /** Share of pixels at luminance ≥ 251/255. */
  clippedHighlights: number;
  /** 0 (unusable) – 1 (fine): weighted 0.25 resolution, 0.45 sharpness, 0.30 exposure. */
  score: number;
  /** Why the score is below 1, in words, worst first; empty for a good image. */
  reasons: string[];
}

/**
 * Measures the image's quality. Refuses images above the pixel limit before decoding
 * (`ImageTooLargeError`); unreadable files give `CorruptMediaError`.
 */
export async function measureImageQuality(path: string, limits: ImageLimits = {}): Promise<ImageQuality> {
  return qualityOfUpright(await decodeUpright(path, limits));
}

/** The quality figures of an already decoded image (see `decodeUpright`). */
export async function qualityOfUpright(pixels: UprightPixels): Promise<ImageQuality> {
  const grey = await greyscaleOf(pixels);
  const { originalWidth: width, originalHeight: height } = pixels;
  return scoreImage({
    width,
    height,
    megapixels: round((width * height) / 1e6, 3),
    sharpness: round(laplacianVariance(grey, pixels.width, pixels.height), 1),
    ...exposureOf(grey),
  });
}

/**
 * Variance of the 4-neighbour Laplacian (kernel 0 1 0 / 1 −4 1 / 0 1 0) over the interior pixels
 * of a greyscale image. Pure; exported for tests.
 */
export function laplacianVariance(grey: Uint8Array, width: number, height: number): number {
  if (width < 3 || height < 3) {
    return 0;
  }
  let sum = 0;
  let sumOfSquares = 0;
  let count = 0;
  for (let y = 1; y < height - 1; y++) {
    const row = y * width;
    for (let x = 1; x < width - 1; x++) {
      const i = row + x;
      const value = (grey[i - width] ?? 0) + (grey[i + width] ?? 0) + (grey[i - 1] ?? 0) + (grey[i + 1] ?? 0) - 4 * (grey[i] ?? 0);
      sum += value;
      sumOfSquares += value * value;
      count++;
    }
  }
  const mean = sum / count;
  return sumOfSquares / count - mean * mean;
}

/** Mean luminance and clipped shares of a greyscale image. Pure; exported for tests. */
export function exposureOf(grey: Uint8Array): Pick<ImageQuality, 'meanLuminance' | 'clippedShadows' | 'clippedHighlights'> {
  let sum = 0;
  let dark = 0;
  let bright = 0;
  for (const value of grey) {
    sum += value;
    if (value <= 4) dark++;
    if (value >= 251) bright++;
  }
  const count = Math.max(1, grey.length);
  return {
    meanLuminance: round(sum / count / 255, 3),
    clippedShadows: round(dark / count, 4),
    clippedHighlights: round(bright / count, 4),
  };
}

/** The score and reasons from the measured figures. Pure; exported for tests. */
export function scoreImage(figures: Omit<ImageQuality, 'score' | 'reasons'>): ImageQuality {
  const t = qualityThresholds;
  const findings: { penalty: number; reason: string }[] = [];

  const resolution = clamp01(
    Math.log2(figures.megapixels / 0.05) / Math.log2(t.goodResolutionMegapixels / 0.05),
  );
  if (figures.megapixels < t.lowResolutionMegapixels) {
    findings.push({ penalty: 0.25 * (1 - resolution), reason: `low resolution: ${figures.megapixels} megapixels` });
  }

  const sharpness = clamp01(
    (Math.log10(Math.max(figures.sharpness, 1)) - Math.log10(t.blurryBelow)) / (Math.log10(t.sharpAbove) - Math.log10(t.blurryBelow)),
  );
  if (sharpness < 1) {
    findings.push({
      penalty: 0.45 * (1 - sharpness),
      reason: `${sharpness < 0.5 ? 'blurry' : 'slightly soft'}: sharpness ${figures.sharpness} (sharp images measure ${t.sharpAbove} or more)`,
    });
  }

  let exposure = 1;
  if (figures.meanLuminance < t.darkMean) {
    exposure -= (t.darkMean - figures.meanLuminance) / t.darkMean;
    findings.push({ penalty: 0, reason: `underexposed: mean luminance ${figures.meanLuminance}` });
  } else if (figures.meanLuminance > t.brightMean) {
    exposure -= (figures.meanLuminance - t.brightMean) / (1 - t.brightMean);
    findings.push({ penalty: 0, reason: `overexposed: mean luminance ${figures.meanLuminance}` });
  }
  for (const [share, what] of [
    [figures.clippedShadows, 'shadows'],
    [figures.clippedHighlights, 'highlights'],
  ] as const) {
    if (share > t.clippedShare) {
      exposure -= Math.min(0.5, share);
      findings.push({ penalty: 0, reason: `clipped ${what}: ${Math.round(share * 100)}% of pixels` });
    }
  }
  exposure = clamp01(exposure);
  const exposurePenalty = 0.3 * (1 - exposure);
  // Spread the exposure penalty over its reasons so they sort by weight with the others.
  const exposureFindings = findings.filter((finding) => finding.penalty === 0);
  exposureFindings.forEach((finding) => (finding.penalty = exposurePenalty / exposureFindings.length));

  const score = round(0.25 * resolution + 0.45 * sharpness + 0.3 * exposure, 3);
  const reasons = findings
    .filter((finding) => finding.penalty > 0.005)
    .sort((a, b) => b.penalty - a.penalty)
    .map((finding) => finding.reason);
  return { ...figures, score, reasons };
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
