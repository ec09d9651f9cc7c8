import { beforeAll, describe, expect, it } from 'vitest';
import { createNsfwModeration } from '../../../../../functions/adapters/local/nsfw-moderation';
import { loadVisionSample } from '../../../../support/vision-samples';

const moderation = createNsfwModeration();

describe('Adapter: nsfw-moderation (NSFWJS MobileNetV2, offline)', () => {
  beforeAll(() => moderation.warmUp(), 120_000);

  it.each(['skimage/coffee.png', 'skimage/astronaut.png', 'skimage/motorcycle_left.png', 'skimage/chelsea.png'])('does not flag an ordinary photo (%s)', async (id) => {
    expect(await moderation.detectUnsafe(await loadVisionSample(id))).toEqual([]);
  });

  it('reports every category with its parent when asked for everything', async () => {
    // Act
    const labels = await moderation.detectUnsafe(await loadVisionSample('skimage/coffee.png'), { minConfidence: 0 });

    // Assess
    const names = labels.map((label) => label.name);
    expect(names).toEqual(expect.arrayContaining(['Explicit Nudity', 'Nudity', 'Illustrated Explicit Nudity', 'Suggestive', 'Revealing Clothes']));
    for (const label of labels) {
      if (label.parent !== null) expect(names).toContain(label.parent);
      expect(label.confidence).toBeLessThan(0.2);
    }
  });
});
