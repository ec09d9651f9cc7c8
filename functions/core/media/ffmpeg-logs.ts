/**
 * Parsers for what ffmpeg's analysis filters print on stderr (ffmpeg 5–7 formats): blackdetect,
 * freezedetect, silencedetect, ebur128's summary and astats' overall block. Pure functions of the
 * lines, so they are tested on fixed text; `isAnalysisLine` tells the process runner which lines to keep.
 */

export interface TimeRange {
  /** Seconds from the start of the media. */
  start: number;
  end: number;
}

/** Lines the parsers below need (everything else ffmpeg prints can be dropped while it runs). */
export function isAnalysisLine(line: string): boolean {
  return (
    line.includes('black_start') ||
    line.includes('lavfi.freezedetect.') ||
    line.includes('silence_') ||
    /^\s*(I|LRA|Peak):\s/.test(line) ||
    (line.includes('Parsed_astats') && /(Overall|Channel:|Peak level dB|Peak count|Number of samples|Flat factor)/.test(line))
  );
}

/** `[blackdetect @ …] black_start:3 black_end:4.04 black_duration:1.04` → ranges. */
export function parseBlackdetect(lines: readonly string[]): TimeRange[] {
  const ranges: TimeRange[] = [];
  for (const line of lines) {
    const match = /black_start:\s*([\d.]+)\s+black_end:\s*([\d.]+)/.exec(line);
    if (match) {
      ranges.push({ start: Number(match[1]), end: Number(match[2]) });
    }
  }
  return ranges;
}

/**
 * `lavfi.freezedetect.freeze_start: 6` … `lavfi.freezedetect.freeze_end: 8` → ranges; a freeze
 * still running when the input ends is closed at `endOfInput`.
 */
export function parseFreezedetect(lines: readonly string[], endOfInput: number): TimeRange[] {
  return pairStartsAndEnds(lines, /freeze_start:\s*([\d.]+)/, /freeze_end:\s*([\d.]+)/, endOfInput);
}

/** `silence_start: 4` … `silence_end: 6.00002 | silence_duration: 2.00002` → ranges; open silence closes at `endOfInput`. */
export function parseSilencedetect(lines: readonly string[], endOfInput: number): TimeRange[] {
  return pairStartsAndEnds(lines, /silence_start:\s*(-?[\d.]+)/, /silence_end:\s*([\d.]+)/, endOfInput);
}

function pairStartsAndEnds(lines: readonly string[], startPattern: RegExp, endPattern: RegExp, endOfInput: number): TimeRange[] {
  const ranges: TimeRange[] = [];
  let open: number | null = null;
  for (const line of lines) {
    const start = startPattern.exec(line);
    if (start) {
      open = Math.max(0, Number(start[1]));
      continue;
    }
    const end = endPattern.exec(line);
    if (end && open !== null) {
      ranges.push({ start: open, end: Number(end[1]) });
      open = null;
    }
  }
  if (open !== null && endOfInput > open) {
    ranges.push({ start: open, end: endOfInput });
  }
  return ranges;
}

export interface LoudnessSummary {
  /** Integrated loudness, LUFS (EBU R128 / ITU-R BS.1770); null for silence (ffmpeg prints -70.0 as its floor). */
  integratedLufs: number | null;
  /** Loudness range, LU (EBU Tech 3342). */
  loudnessRangeLu: number | null;
  /** True peak, dBTP; null for digital silence (-inf). */
  truePeakDbtp: number | null;
}

/** ebur128's `Summary:` block: `I: -23.0 LUFS`, `LRA: 0.0 LU`, `Peak: -20.0 dBFS` (the last of each, the summary). */
export function parseEbur128Summary(lines: readonly string[]): LoudnessSummary {
  const last = (pattern: RegExp): number | null => {
    let value: number | null = null;
    for (const line of lines) {
      const match = pattern.exec(line);
      if (match) {
        const parsed = Number(match[1]);
        value = Number.isFinite(parsed) ? parsed : null;
      }
    }
    return value;
  };
  const integrated = last(/^\s*I:\s+(-?[\d.]+|-?inf)\s+LUFS/);
  return {
    // -70 LUFS is ebur128's absolute gate: nothing above it was heard.
    integratedLufs: integrated !== null && integrated > -70 ? integrated : null,
    loudnessRangeLu: last(/^\s*LRA:\s+(-?[\d.]+)\s+LU\b/),
    truePeakDbtp: last(/^\s*Peak:\s+(-?[\d.]+|-?inf)\s+dBFS/),
  };
}

export interface SampleStats {
  /** Highest absolute sample, dBFS (0 = full scale). */
  peakLevelDb: number | null;
  /** Samples that reached the peak level (astats' "Peak count"). */
  peakCount: number | null;
  /** Samples per channel times channels analysed. */
  numberOfSamples: number | null;
  /** Flatness of the peaks (consecutive samples at the peak), a clipping signal. */
  flatFactor: number | null;
}

/** astats' `Overall` block: peak level, peak count, number of samples, flat factor. */
export function parseAstatsOverall(lines: readonly string[]): SampleStats {
  const stats: SampleStats = { peakLevelDb: null, peakCount: null, numberOfSamples: null, flatFactor: null };
  let inOverall = false;
  for (const line of lines) {
    if (!line.includes('Parsed_astats')) {
      continue;
    }
    if (/\]\s*Overall\s*$/.test(line)) {
      inOverall = true;
      continue;
    }
    if (/\]\s*Channel:/.test(line)) {
      inOverall = false;
      continue;
    }
    if (!inOverall) {
      continue;
    }
    const match = /\]\s*([A-Za-z ]+):\s*(-?[\d.]+|-?inf)\s*$/.exec(line);
    if (!match) {
      continue;
    }
    const value = Number(match[2]);
    const finite = Number.isFinite(value) ? value : null;
    switch (match[1]?.trim()) {
      case 'Peak level dB':
        stats.peakLevelDb = finite;
        break;
      case 'Peak count':
        stats.peakCount = finite;
        break;
      case 'Number of samples':
        stats.numberOfSamples = finite;
        break;
      case 'Flat factor':
        stats.flatFactor = finite;
        break;
      default:
        break;
    }
  }
  return stats;
}

/** Total seconds covered by the ranges (assumed not to overlap each other). */
export function totalSeconds(ranges: readonly TimeRange[]): number {
  return ranges.reduce((sum, range) => sum + Math.max(0, range.end - range.start), 0);
}

/** The parts of `ranges` not covered by `remove` (e.g. frozen time that is not black). */
export function subtractRanges(ranges: readonly TimeRange[], remove: readonly TimeRange[]): TimeRange[] {
  let pieces = ranges.map((range) => ({ ...range }));
  for (const cut of remove) {
    pieces = pieces.flatMap((piece) => {
      if (cut.end <= piece.start || cut.start >= piece.end) {
        return [piece];
      }
      const kept: TimeRange[] = [];
      if (cut.start > piece.start) kept.push({ start: piece.start, end: cut.start });
      if (cut.end < piece.end) kept.push({ start: cut.end, end: piece.end });
      return kept;
    });
  }
  return pieces.filter((piece) => piece.end - piece.start > 1e-6);
}
