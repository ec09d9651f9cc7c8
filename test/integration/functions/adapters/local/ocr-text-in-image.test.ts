import { beforeAll, describe, expect, it } from 'vitest';
import { createOcrTextInImage } from '../../../../../functions/adapters/local/ocr-text-in-image';
import { loadVisionSample, visionSampleLabels } from '../../../../support/vision-samples';
import { editDistance } from '../../../../bench/analysis/vision-eval';

const ocr = createOcrTextInImage();

describe('Adapter: ocr-text-in-image (PaddleOCR on onnxruntime, offline)', () => {
  beforeAll(() => ocr.warmUp(), 120_000);

  it('reads generated text back line by line, top to bottom, with boxes', async () => {
    // Prepare
    const id = 'generated/text-poster.png';

    // Act
    const lines = await ocr.detectText(await loadVisionSample(id));

    // Assess
    expect(lines.map((line) => line.text)).toEqual(visionSampleLabels(id).text);
    for (const line of lines) expect(line.confidence).toBeGreaterThan(0.9);
    const tops = lines.map((line) => line.box.top);
    expect(tops).toEqual([...tops].sort((a, b) => a - b));
    expect(lines[0]!.box.left).toBeGreaterThan(0.02);
    expect(lines[0]!.box.left).toBeLessThan(0.1);
  });

  it('reads a caption laid over a photo', async () => {
    const lines = await ocr.detectText(await loadVisionSample('generated/text-on-photo.png'));

    expect(lines.map((line) => line.text)).toEqual(['Morning Espresso Club']);
    expect(lines[0]!.box.top).toBeGreaterThan(0.7);
  });

  it('reads a photographed page with slanted lines at under 5% character errors', async () => {
    // Prepare
    const id = 'skimage/page.png';
    const expected = visionSampleLabels(id).text!.join(' ');

    // Act
    const read = (await ocr.detectText(await loadVisionSample(id))).map((line) => line.text).join(' ');

    // Assess
    expect(editDistance(expected, read) / expected.length).toBeLessThan(0.05);
  });

  it('finds no text where there is none', async () => {
    expect(await ocr.detectText(await loadVisionSample('generated/blank-gradient.png'))).toEqual([]);
    expect(await ocr.detectText(await loadVisionSample('skimage/chelsea.png'))).toEqual([]);
  });

  it('reads the same on the calling thread', async () => {
    const inline = createOcrTextInImage({ thread: 'inline' });
    const id = 'generated/text-dark.png';

    const lines = await inline.detectText(await loadVisionSample(id));

    expect(lines.map((line) => line.text)).toEqual(visionSampleLabels(id).text);
  }, 60_000);
});
