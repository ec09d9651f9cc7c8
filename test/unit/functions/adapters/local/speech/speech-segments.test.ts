import { describe, expect, it } from 'vitest';
import { FRAMES_PER_SECOND, frameLevelsDb, noiseFloorDb, planSpeechSegments } from '../../../../../../functions/adapters/local/speech/speech-segments';

/** Frame levels: `parts` of [seconds, dBFS]. */
function levels(...parts: [number, number][]): Float32Array {
  const values: number[] = [];
  for (const [seconds, db] of parts) for (let i = 0; i < seconds * FRAMES_PER_SECOND; i++) values.push(db);
  return Float32Array.from(values);
}

describe('Function: frameLevelsDb', () => {
  it('measures a full-scale square wave at 0 dBFS and digital silence at −100', () => {
    // Prepare: 10 ms of ±32767, then 10 ms of zeros, at 16 kHz.
    const samples = new Int16Array(320);
    for (let i = 0; i < 160; i++) samples[i] = i % 2 === 0 ? 32767 : -32767;

    // Act
    const result = frameLevelsDb(samples, 16_000);

    // Assess
    expect(result.length).toBe(2);
    expect(result[0]).toBeCloseTo(0, 2);
    expect(result[1]).toBe(-100);
  });
});

describe('Function: noiseFloorDb', () => {
  it('is the 10th percentile of the levels', () => {
    expect(noiseFloorDb(levels([0.5, -80], [9.5, -20]))).toBe(-20);
    expect(noiseFloorDb(levels([2, -80], [8, -20]))).toBe(-80);
  });
});

describe('Function: planSpeechSegments', () => {
  it('cuts in the middle of a pause and leaves out pieces with no speech', () => {
    // Prepare: 1 s silence, 3 s speech, 2 s silence, 2 s speech, 1 s silence.
    const audio = levels([1, -90], [3, -20], [2, -90], [2, -25], [1, -90]);

    // Act
    const pieces = planSpeechSegments(audio);

    // Assess: cuts at 0.5 s (middle of the first pause), 5 s and 8.5 s; the last half-second is silence only.
    expect(pieces).toEqual([
      { startFrame: 50, endFrame: 500 },
      { startFrame: 500, endFrame: 850 },
    ]);
  });

  it('keeps short gaps inside one utterance', () => {
    const audio = levels([2, -20], [0.3, -90], [2, -20]);
    expect(planSpeechSegments(audio)).toEqual([{ startFrame: 0, endFrame: 430 }]);
  });

  it('cuts speech longer than maxSeconds at its quietest moment in the allowed window', () => {
    // Prepare: 30 s of speech whose only dip (still above the pause threshold) is at 12 s.
    const audio = levels([12, -20], [0.2, -35], [17.8, -20]);

    // Act
    const pieces = planSpeechSegments(audio, { maxSeconds: 20, minSeconds: 8 });

    // Assess
    expect(pieces).toHaveLength(2);
    expect(pieces[0]!.endFrame).toBeGreaterThanOrEqual(1200);
    expect(pieces[0]!.endFrame).toBeLessThanOrEqual(1220);
    expect(pieces[1]).toEqual({ startFrame: pieces[0]!.endFrame, endFrame: 3000 });
  });

  it('never makes a piece longer than maxSeconds', () => {
    const audio = levels([95, -20]);
    const pieces = planSpeechSegments(audio, { maxSeconds: 20 });
    expect(pieces.every((piece) => piece.endFrame - piece.startFrame <= 20 * FRAMES_PER_SECOND)).toBe(true);
    expect(pieces[0]!.startFrame).toBe(0);
    expect(pieces[pieces.length - 1]!.endFrame).toBe(9500);
  });

  it('decodes speech at one steady level (no gaps, e.g. over music) instead of taking it all for a pause', () => {
    expect(planSpeechSegments(levels([10, -20]))).toEqual([{ startFrame: 0, endFrame: 1000 }]);
  });

  it('plans nothing for silence or steady hiss', () => {
    expect(planSpeechSegments(levels([10, -100]))).toEqual([]);
    expect(planSpeechSegments(levels([10, -60]))).toEqual([]);
  });
});
