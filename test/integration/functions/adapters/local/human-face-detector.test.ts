import { beforeAll, describe, expect, it } from 'vitest';
import { createHumanFaceDetector } from '../../../../../functions/adapters/local/human-face-detector';
import type { DetectedFace } from '../../../../../functions/ports/face-detector';
import { loadVisionSample, visionSampleLabels } from '../../../../support/vision-samples';

const detector = createHumanFaceDetector();

const distance = (a: readonly number[], b: readonly number[]) => Math.hypot(...a.map((value, index) => value - (b[index] ?? 0)));
const point = (face: DetectedFace, type: string) => face.landmarks.find((landmark) => landmark.type === type)!;

describe('Adapter: human-face-detector (BlazeFace + mesh + description, offline)', () => {
  beforeAll(() => detector.warmUp(), 120_000);

  it('finds every face on a group photo, with unit-length embeddings, landmarks and attributes', async () => {
    // Prepare
    const id = 'face-api/sample5.jpg';

    // Act
    const faces = await detector.detectFaces(await loadVisionSample(id));

    // Assess
    expect(faces).toHaveLength(visionSampleLabels(id).faces);
    for (const face of faces) {
      expect(face.embedding).toHaveLength(1024);
      expect(Math.hypot(...face.embedding!)).toBeCloseTo(1, 5);
      expect(face.confidence).toBeGreaterThanOrEqual(0.5);
      const eyeLeft = point(face, 'eyeLeft');
      const eyeRight = point(face, 'eyeRight');
      expect(eyeLeft.x).toBeLessThan(eyeRight.x);
      expect(eyeLeft.x).toBeGreaterThanOrEqual(face.box.left);
      expect(eyeRight.x).toBeLessThanOrEqual(face.box.left + face.box.width);
      expect(point(face, 'chinBottom').y).toBeGreaterThan(point(face, 'nose').y);
      expect(['Male', 'Female']).toContain(face.attributes.gender?.value);
      expect(face.attributes.emotions?.length).toBeGreaterThan(0);
      expect(face.attributes.ageRange!.low).toBeLessThan(face.attributes.ageRange!.high);
    }
  });

  it("puts two photos of one person closer than that person and anyone else's face", async () => {
    // Prepare
    const [first] = await detector.detectFaces(await loadVisionSample('human/author-faceid.png'));
    const [second] = await detector.detectFaces(await loadVisionSample('human/author-facematch.png'));
    const others = [
      ...(await detector.detectFaces(await loadVisionSample('face-api/sample1.jpg'))),
      ...(await detector.detectFaces(await loadVisionSample('skimage/astronaut.png'))),
    ];

    // Act
    const same = distance(first!.embedding!, second!.embedding!);
    const nearestOther = Math.min(...others.map((other) => distance(first!.embedding!, other.embedding!)));

    // Assess
    expect(others.length).toBeGreaterThanOrEqual(4);
    expect(same).toBeLessThan(nearestOther);
  });

  it("finds no face on a cat's head nor on a coffee cup", async () => {
    expect(await detector.detectFaces(await loadVisionSample('skimage/chelsea.png'))).toEqual([]);
    expect(await detector.detectFaces(await loadVisionSample('skimage/coffee.png'))).toEqual([]);
  });
});
