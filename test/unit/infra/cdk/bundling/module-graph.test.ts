import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModuleGraphError, moduleGraphOf, packageNameOf, requiredNames, sdkCommandImports } from '../../../../../infra/cdk/bundling/module-graph';

describe('Function: moduleGraphOf', () => {
  let root: string;
  const write = async (file: string, text: string) => {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  };

  beforeAll(async () => {
    // Prepare: a handler whose composition root imports the aws adapter statically-or-lazily and
    // the local one lazily, the way functions/analysis-composition.ts does.
    root = await mkdtemp(path.join(tmpdir(), 'mediagraph-module-graph-'));
    await write(
      'functions/demo/handler.ts',
      [
        "import sharp from 'sharp';",
        "import { helper } from '../core/helper';",
        'export async function handler() {',
        "  if (process.env.MEDIAGRAPH_RUNTIME === 'local') { return (await import('../adapters/local/detector')).detect(); }",
        "  return (await import('../adapters/aws/detector')).detect(sharp, helper);",
        '}',
      ].join('\n'),
    );
    await write('functions/core/helper.ts', "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\nexport const helper = () => require('ffmpeg-static');\n");
    await write(
      'functions/adapters/aws/detector.ts',
      "import {\n  DetectLabelsCommand,\n  type DetectLabelsResponse,\n  DetectTextCommand as Text,\n} from '@aws-sdk/client-rekognition';\nimport type { FaceDetail } from '@aws-sdk/client-rekognition';\nexport const detect = (...args: unknown[]) => [DetectLabelsCommand, Text, args] as unknown as DetectLabelsResponse;\n",
    );
    await write(
      'functions/adapters/local/detector.ts',
      "import * as tf from '@tensorflow/tfjs-core';\nimport medium from 'eld/medium';\nimport { statically } from './shared';\nexport const detect = () => [tf, medium, statically];\n",
    );
    await write('functions/adapters/local/shared.ts', "import wink from 'wink-nlp';\nexport const statically = wink;\n");
    await write('functions/broken/handler.ts', "import { missing } from './nowhere';\nexport const handler = missing;\n");
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('counts what loads on AWS: static imports, the aws adapter, literal requires', () => {
    // Act
    const graph = moduleGraphOf(root, 'functions/demo/handler.ts', { localOnlyDirectories: ['functions/adapters/local/'] });

    // Assess
    expect([...graph.packages].sort()).toEqual(['@aws-sdk/client-rekognition', 'ffmpeg-static', 'sharp']);
    expect(graph.files).toEqual(['functions/adapters/aws/detector.ts', 'functions/core/helper.ts', 'functions/demo/handler.ts']);
  });

  it('sets apart what only lazily imported local-only code loads, with the exact specifiers', () => {
    // Act
    const graph = moduleGraphOf(root, 'functions/demo/handler.ts', { localOnlyDirectories: ['functions/adapters/local/'] });

    // Assess
    expect([...graph.localOnlyPackages].sort()).toEqual(['@tensorflow/tfjs-core', 'eld', 'wink-nlp']);
    expect([...graph.localOnlySpecifiers].sort()).toEqual(['@tensorflow/tfjs-core', 'eld/medium', 'wink-nlp']);
  });

  it('treats local-only code as AWS code when no folder is declared local-only', () => {
    // Act
    const graph = moduleGraphOf(root, 'functions/demo/handler.ts', { localOnlyDirectories: [] });

    // Assess
    expect(graph.packages.has('@tensorflow/tfjs-core')).toBe(true);
    expect(graph.localOnlyPackages.size).toBe(0);
  });

  it('collects the SDK commands the AWS code imports as values, aliases included', () => {
    // Act
    const graph = moduleGraphOf(root, 'functions/demo/handler.ts', { localOnlyDirectories: ['functions/adapters/local/'] });

    // Assess
    expect([...(graph.awsSdkCommands.get('@aws-sdk/client-rekognition') ?? [])].sort()).toEqual(['DetectLabels', 'DetectText']);
  });

  it('fails with the handler named when an import does not resolve', () => {
    expect(() => moduleGraphOf(root, 'functions/broken/handler.ts', { localOnlyDirectories: [] })).toThrow(ModuleGraphError);
    expect(() => moduleGraphOf(root, 'functions/broken/handler.ts', { localOnlyDirectories: [] })).toThrow(/functions\/broken\/handler\.ts/);
  });
});

describe('Function: packageNameOf', () => {
  it.each([
    ['sharp', 'sharp'],
    ['eld/medium', 'eld'],
    ['@aws-sdk/client-s3', '@aws-sdk/client-s3'],
    ['@tensorflow/tfjs-backend-wasm/dist/x.wasm', '@tensorflow/tfjs-backend-wasm'],
    ['node:fs', null],
    ['fs', null],
    ['./local', null],
  ])('%s → %s', (specifier, expected) => {
    expect(packageNameOf(specifier)).toBe(expected);
  });
});

describe('Functions: requiredNames, sdkCommandImports', () => {
  it('finds literal require() names only', () => {
    expect(requiredNames("const a = require('ffmpeg-static'); const b = require(name); require( \"@ffprobe-installer/ffprobe\" )")).toEqual([
      'ffmpeg-static',
      '@ffprobe-installer/ffprobe',
    ]);
  });

  it('skips type-only imports and non-command names', () => {
    const found = sdkCommandImports(
      "import type { GetObjectCommand } from '@aws-sdk/client-s3';\nimport { S3Client, PutObjectCommand, type HeadObjectCommand } from '@aws-sdk/client-s3';",
    );
    expect([...(found.get('@aws-sdk/client-s3') ?? [])]).toEqual(['PutObject']);
  });
});
