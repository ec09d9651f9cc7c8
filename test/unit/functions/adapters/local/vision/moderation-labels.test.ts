import { describe, expect, it } from 'vitest';
import { moderationLabelsFromScores } from '../../../../../../functions/adapters/local/vision/moderation-labels';

describe('Function: moderationLabelsFromScores', () => {
  it('reports nothing for a safe image', () => {
    expect(moderationLabelsFromScores({ Drawing: 0.1, Hentai: 0, Neutral: 0.88, Porn: 0.01, Sexy: 0.01 }, 0.5)).toEqual([]);
  });

  it('reports an unsafe class with its parent, and the parent as a top-level label', () => {
    // Act
    const labels = moderationLabelsFromScores({ Drawing: 0, Hentai: 0, Neutral: 0.2, Porn: 0.1, Sexy: 0.7 }, 0.5);

    // Assess
    expect(labels).toEqual([
      { name: 'Suggestive', parent: null, confidence: 0.7 },
      { name: 'Revealing Clothes', parent: 'Suggestive', confidence: 0.7 },
    ]);
  });

  it('gives a category the confidence of its most confident label', () => {
    const labels = moderationLabelsFromScores({ Drawing: 0, Hentai: 0.3, Neutral: 0, Porn: 0.6, Sexy: 0.1 }, 0.2);

    expect(labels).toContainEqual({ name: 'Explicit Nudity', parent: null, confidence: 0.6 });
    expect(labels).toContainEqual({ name: 'Nudity', parent: 'Explicit Nudity', confidence: 0.6 });
    expect(labels).toContainEqual({ name: 'Illustrated Explicit Nudity', parent: 'Explicit Nudity', confidence: 0.3 });
    expect(labels.filter((label) => label.name === 'Explicit Nudity')).toHaveLength(1);
  });
});
