import { describe, expect, it } from 'vitest';
import { namedLandmarks } from '../../../../../../functions/adapters/local/vision/face-landmarks';

/** A 468-point mesh with every point at the centre except the given indices. */
function mesh(points: Record<number, [number, number]>): [number, number, number][] {
  return Array.from({ length: 468 }, (_, index) => [...(points[index] ?? [0.5, 0.5]), 0] as [number, number, number]);
}

/** A frontal face: the person's right eye (mesh 33/133) on the image's left. */
const FRONTAL = {
  33: [0.3, 0.4], 133: [0.4, 0.4], 362: [0.6, 0.4], 263: [0.7, 0.4],
  61: [0.38, 0.7], 291: [0.62, 0.7], 1: [0.5, 0.55], 152: [0.5, 0.9],
  129: [0.45, 0.58], 358: [0.55, 0.58], 70: [0.28, 0.33], 107: [0.42, 0.33], 300: [0.72, 0.33], 336: [0.58, 0.33],
} satisfies Record<number, [number, number]>;

const byType = (landmarks: { type: string; x: number; y: number }[]) => Object.fromEntries(landmarks.map((landmark) => [landmark.type, [landmark.x, landmark.y]]));

describe('Function: namedLandmarks', () => {
  it("names Rekognition's landmark types with left and right as seen on the image", () => {
    // Act
    const landmarks = byType(namedLandmarks(mesh(FRONTAL)));

    // Assess
    expect(landmarks.eyeLeft![0]).toBeCloseTo(0.35);
    expect(landmarks.eyeRight![0]).toBeCloseTo(0.65);
    expect(landmarks.mouthLeft).toEqual([0.38, 0.7]);
    expect(landmarks.mouthRight).toEqual([0.62, 0.7]);
    expect(landmarks.nose).toEqual([0.5, 0.55]);
    expect(landmarks.chinBottom).toEqual([0.5, 0.9]);
    expect(landmarks.leftEyeLeft).toEqual([0.3, 0.4]);
    expect(landmarks.leftEyeRight).toEqual([0.4, 0.4]);
    expect(landmarks.rightEyeBrowRight).toEqual([0.72, 0.33]);
    expect(landmarks.noseLeft![0]).toBeLessThan(landmarks.noseRight![0]!);
  });

  it('swaps sides when the mesh is mirrored, keeping eyeLeft on the image left', () => {
    // Prepare: the same face flipped horizontally
    const mirrored = Object.fromEntries(Object.entries(FRONTAL).map(([index, [x, y]]) => [index, [1 - x, y]])) as Record<number, [number, number]>;

    // Act
    const landmarks = byType(namedLandmarks(mesh(mirrored)));

    // Assess
    expect(landmarks.eyeLeft![0]).toBeCloseTo(0.35);
    expect(landmarks.mouthLeft![0]).toBeCloseTo(0.38);
  });

  it('gives the 30 landmark types once each', () => {
    const types = namedLandmarks(mesh(FRONTAL)).map((landmark) => landmark.type);

    expect(types).toHaveLength(30);
    expect(new Set(types).size).toBe(30);
  });

  it('gives nothing for a missing mesh', () => {
    expect(namedLandmarks([])).toEqual([]);
  });
});
