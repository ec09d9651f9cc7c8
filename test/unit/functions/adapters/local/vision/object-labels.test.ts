import { describe, expect, it } from 'vitest';
import { clampBox } from '../../../../../../functions/adapters/local/vision/bounding-box';
import { labelsFromDetections } from '../../../../../../functions/adapters/local/vision/object-labels';

describe('Function: labelsFromDetections', () => {
  it('groups instances of a class into one label with its parents, most confident instance first', () => {
    // Prepare
    const detections = [
      { className: 'dog', score: 0.55, box: [0.125, 0.125, 0.25, 0.25] as const },
      { className: 'dog', score: 0.8, box: [0.5, 0.25, 0.25, 0.5] as const },
      { className: 'person', score: 0.6, box: [0, 0, 0.5, 1] as const },
    ];

    // Act
    const labels = labelsFromDetections(detections, 0.5, 10);

    // Assess
    expect(labels.map((label) => label.name)).toEqual(['Dog', 'Person']);
    expect(labels[0]).toEqual({
      name: 'Dog',
      confidence: 0.8,
      parents: ['Mammal', 'Animal'],
      instances: [
        { box: { left: 0.5, top: 0.25, width: 0.25, height: 0.5 }, confidence: 0.8 },
        { box: { left: 0.125, top: 0.125, width: 0.25, height: 0.25 }, confidence: 0.55 },
      ],
    });
  });

  it('leaves out instances and classes below the threshold', () => {
    const labels = labelsFromDetections(
      [
        { className: 'cup', score: 0.45, box: [0, 0, 1, 1] },
        { className: 'person', score: 0.7, box: [0, 0, 1, 1] },
        { className: 'person', score: 0.3, box: [0, 0, 1, 1] },
      ],
      0.5,
      10,
    );

    expect(labels).toHaveLength(1);
    expect(labels[0]!.instances).toHaveLength(1);
  });

  it('caps the number of labels and drops unknown classes', () => {
    const labels = labelsFromDetections(
      [
        { className: 'car', score: 0.9, box: [0, 0, 1, 1] },
        { className: 'bus', score: 0.8, box: [0, 0, 1, 1] },
        { className: 'dragon', score: 0.99, box: [0, 0, 1, 1] },
      ],
      0.1,
      1,
    );

    expect(labels.map((label) => label.name)).toEqual(['Car']);
  });
});

describe('Function: clampBox', () => {
  it('clips a box that spills over the image edges', () => {
    expect(clampBox([-0.1, 0.8, 0.5, 0.4])).toEqual({ left: 0, top: 0.8, width: 0.4, height: expect.closeTo(0.2, 10) });
  });
});
