import { describe, expect, it } from 'vitest';
import { faceAttributes, unitVector } from '../../../../../../functions/adapters/local/vision/face-attributes';

describe('Function: faceAttributes', () => {
  it("maps age, gender and emotions to Rekognition's shapes", () => {
    // Act
    const attributes = faceAttributes({
      age: 31.6,
      gender: 'female',
      genderScore: 0.92,
      emotion: [
        { score: 0.2, emotion: 'neutral' },
        { score: 0.7, emotion: 'happy' },
        { score: 0.1, emotion: 'surprise' },
      ],
    });

    // Assess
    expect(attributes).toEqual({
      ageRange: { low: 27, high: 37 },
      gender: { value: 'Female', confidence: 0.92 },
      emotions: [
        { type: 'HAPPY', confidence: 0.7 },
        { type: 'CALM', confidence: 0.2 },
        { type: 'SURPRISED', confidence: 0.1 },
      ],
    });
  });

  it('leaves out what the models did not give', () => {
    expect(faceAttributes({ gender: 'unknown', emotion: [] })).toEqual({});
  });

  it('keeps the age range above zero', () => {
    expect(faceAttributes({ age: 2 }).ageRange).toEqual({ low: 0, high: 7 });
  });
});

describe('Function: unitVector', () => {
  it('scales a vector to length 1', () => {
    const vector = unitVector([3, 4]);

    expect(vector).toEqual([0.6, 0.8]);
  });

  it('gives null for missing or zero vectors', () => {
    expect(unitVector(undefined)).toBeNull();
    expect(unitVector([])).toBeNull();
    expect(unitVector([0, 0])).toBeNull();
  });
});
