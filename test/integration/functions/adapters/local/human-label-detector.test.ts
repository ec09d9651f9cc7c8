import { beforeAll, describe, expect, it } from 'vitest';
import { createHumanLabelDetector } from '../../../../../functions/adapters/local/human-label-detector';
import { loadVisionSample } from '../../../../support/vision-samples';

const detector = createHumanLabelDetector();

describe('Adapter: human-label-detector (CenterNet, offline)', () => {
  beforeAll(() => detector.warmUp(), 120_000);

  it('labels the motorcycle with its taxonomy parents and a box around it', async () => {
    // Act
    const labels = await detector.detectLabels(await loadVisionSample('skimage/motorcycle_left.png'));

    // Assess
    const motorcycle = labels.find((label) => label.name === 'Motorcycle');
    expect(motorcycle?.parents).toEqual(['Vehicle', 'Transportation']);
    const box = motorcycle!.instances[0]!.box;
    expect(box.width).toBeGreaterThan(0.3);
    expect(box.left + box.width).toBeLessThanOrEqual(1);
    expect(motorcycle!.confidence).toBeGreaterThanOrEqual(0.4);
  });

  it('labels the coffee cup as tableware', async () => {
    const labels = await detector.detectLabels(await loadVisionSample('skimage/coffee.png'));

    expect(labels.find((label) => label.name === 'Cup')?.parents).toEqual(['Tableware', 'Kitchenware']);
  });

  it('labels the astronaut a person, most confident label first', async () => {
    const labels = await detector.detectLabels(await loadVisionSample('skimage/astronaut.png'));

    expect(labels[0]?.name).toBe('Person');
    expect(labels[0]?.parents).toEqual([]);
  });

  it('finds nothing in an image without objects', async () => {
    expect(await detector.detectLabels(await loadVisionSample('generated/blank-gradient.png'))).toEqual([]);
  });

  it('honours a per-call threshold', async () => {
    const image = await loadVisionSample('skimage/astronaut.png');

    expect(await detector.detectLabels(image, { minConfidence: 0.95 })).toEqual([]);
  });

  it('gives the same labels on the calling thread', async () => {
    // Prepare
    const inline = createHumanLabelDetector({ thread: 'inline' });
    const image = await loadVisionSample('skimage/motorcycle_left.png');

    // Act
    const [inWorker, onThread] = await Promise.all([detector.detectLabels(image), inline.detectLabels(image)]);

    // Assess
    expect(onThread.map((label) => label.name)).toEqual(inWorker.map((label) => label.name));
  }, 120_000);
});
