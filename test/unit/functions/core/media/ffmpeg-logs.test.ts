import { describe, expect, it } from 'vitest';
import {
  isAnalysisLine,
  parseAstatsOverall,
  parseBlackdetect,
  parseEbur128Summary,
  parseFreezedetect,
  parseSilencedetect,
  subtractRanges,
  totalSeconds,
} from '../../../../../functions/core/media/ffmpeg-logs';

// Lines as ffmpeg 5.1 prints them (copied from real runs on the generated test media).
const videoLog = [
  '[freezedetect @ 0x55f60c42e9c0] lavfi.freezedetect.freeze_start: 3',
  '[blackdetect @ 0x55f60c3c8ac0] black_start:3 black_end:4.04 black_duration:1.04',
  '[freezedetect @ 0x55f60c42e9c0] lavfi.freezedetect.freeze_duration: 1.04',
  '[freezedetect @ 0x55f60c42e9c0] lavfi.freezedetect.freeze_end: 4.04',
  '[freezedetect @ 0x55f60c42e9c0] lavfi.freezedetect.freeze_start: 6',
  '[freezedetect @ 0x55f60c42e9c0] lavfi.freezedetect.freeze_duration: 2',
  '[freezedetect @ 0x55f60c42e9c0] lavfi.freezedetect.freeze_end: 8',
  '[freezedetect @ 0x55f60c42e9c0] lavfi.freezedetect.freeze_start: 9.2',
];

const audioLog = [
  '[silencedetect @ 0x5603998f68c0] silence_start: 4',
  '[silencedetect @ 0x5603998f68c0] silence_end: 6.00002 | silence_duration: 2.00002',
  '[Parsed_ebur128_2 @ 0x5603998f7f00] Summary:',
  '  Integrated loudness:',
  '    I:          -2.3 LUFS',
  '    Threshold: -12.4 LUFS',
  '  Loudness range:',
  '    LRA:         4.8 LU',
  '    Threshold: -23.6 LUFS',
  '    LRA low:    -7.0 LUFS',
  '    LRA high:   -2.2 LUFS',
  '  True peak:',
  '    Peak:        0.1 dBFS',
  '[Parsed_astats_1 @ 0x5603998f72c0] Channel: 1',
  '[Parsed_astats_1 @ 0x5603998f72c0] Peak count: 5.000000',
  '[Parsed_astats_1 @ 0x5603998f72c0] Overall',
  '[Parsed_astats_1 @ 0x5603998f72c0] Peak level dB: 0.000265',
  '[Parsed_astats_1 @ 0x5603998f72c0] Flat factor: 28.570383',
  '[Parsed_astats_1 @ 0x5603998f72c0] Peak count: 188800.000000',
  '[Parsed_astats_1 @ 0x5603998f72c0] Number of samples: 441000',
];

describe('Function: parseBlackdetect', () => {
  it('reads black_start and black_end', () => {
    expect(parseBlackdetect(videoLog)).toEqual([{ start: 3, end: 4.04 }]);
  });
});

describe('Function: parseFreezedetect', () => {
  it('pairs starts with ends and closes a freeze still running at the end of input', () => {
    expect(parseFreezedetect(videoLog, 10)).toEqual([
      { start: 3, end: 4.04 },
      { start: 6, end: 8 },
      { start: 9.2, end: 10 },
    ]);
  });
});

describe('Function: parseSilencedetect', () => {
  it('reads silence ranges and clamps negative starts to 0', () => {
    expect(parseSilencedetect(audioLog, 10)).toEqual([{ start: 4, end: 6.00002 }]);
    expect(parseSilencedetect(['[silencedetect @ 0x1] silence_start: -0.01'], 3)).toEqual([{ start: 0, end: 3 }]);
  });
});

describe('Function: parseEbur128Summary', () => {
  it('reads integrated loudness, loudness range and true peak, ignoring thresholds', () => {
    expect(parseEbur128Summary(audioLog)).toEqual({ integratedLufs: -2.3, loudnessRangeLu: 4.8, truePeakDbtp: 0.1 });
  });
});

describe('Function: parseAstatsOverall', () => {
  it('reads the Overall block only, not per-channel values', () => {
    expect(parseAstatsOverall(audioLog)).toEqual({ peakLevelDb: 0.000265, peakCount: 188800, numberOfSamples: 441000, flatFactor: 28.570383 });
  });
});

describe('Function: isAnalysisLine', () => {
  it('keeps what the parsers read and drops the rest', () => {
    expect([...videoLog, ...audioLog].filter(isAnalysisLine)).toHaveLength(videoLog.length + audioLog.length - 8);
    expect(isAnalysisLine('  Stream #0:0: Video: h264 (High), yuv420p, 640x360')).toBe(false);
    expect(isAnalysisLine('frame=  250 fps=0.0 q=-0.0 Lsize=N/A time=00:00:10.00')).toBe(false);
  });
});

describe('Function: subtractRanges', () => {
  it('removes covered parts and splits ranges around holes', () => {
    expect(subtractRanges([{ start: 0, end: 10 }], [{ start: 3, end: 4 }])).toEqual([
      { start: 0, end: 3 },
      { start: 4, end: 10 },
    ]);
    expect(subtractRanges([{ start: 3, end: 4.04 }], [{ start: 3, end: 4.04 }])).toEqual([]);
    expect(totalSeconds([{ start: 0, end: 1.5 }, { start: 2, end: 3 }])).toBe(2.5);
  });
});
