import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModuleBundler } from '../../../../../infra/local/functions/bundle';
import { createFunctionRunner } from '../../../../../infra/local/functions/runner';
import { invocationError, testFunction } from '../../../../support/functions/declare';

let projectRoot: string;

beforeAll(async () => {
  projectRoot = await mkdtemp(path.join(tmpdir(), 'mediagraph-bundle-'));
  await mkdir(path.join(projectRoot, 'functions', 'draft'), { recursive: true });
});

afterAll(async () => {
  await rm(projectRoot, { recursive: true, force: true });
});

const handlerFile = () => path.join(projectRoot, 'functions', 'draft', 'handler.ts');

describe('Function runner: building handler modules', () => {
  it('reports a syntax error as Runtime.UserCodeSyntaxError and picks up the fixed file on the next call', async () => {
    // Prepare
    const runner = createFunctionRunner({
      declarations: { draft: testFunction('context', { handler: 'functions/draft/handler.ts' }) },
      projectRoot,
      bundleDirectory: path.join(projectRoot, '.bundles'),
    });
    await writeFile(handlerFile(), 'export const handler = async (event: unknown) => { return event;\n');

    try {
      // Act + Assess
      await expect(runner.invoke('draft', { n: 1 })).rejects.toMatchObject(invocationError('Runtime.UserCodeSyntaxError', /handler\.ts:2:0: Expected "}" but found end of file/));

      await writeFile(handlerFile(), 'import { helper } from "./helper";\nexport const handler = async (event: unknown) => helper(event);\n');
      await expect(runner.invoke('draft', { n: 2 })).rejects.toMatchObject(invocationError('Runtime.ImportModuleError', /Could not resolve "\.\/helper"/));

      await writeFile(path.join(projectRoot, 'functions', 'draft', 'helper.ts'), 'export const helper = (event: unknown): unknown => ({ helped: event });\n');
      await expect(runner.invoke('draft', { n: 3 })).resolves.toEqual({ helped: { n: 3 } });
    } finally {
      await runner.close();
    }
  });

  it('prepare() bundles ahead and surfaces a broken module at start-up', async () => {
    await writeFile(path.join(projectRoot, 'functions', 'draft', 'broken.ts'), 'export const handler = (;\n');
    const runner = createFunctionRunner({
      declarations: { broken: testFunction('context', { handler: 'functions/draft/broken.ts' }) },
      projectRoot,
      bundleDirectory: path.join(projectRoot, '.bundles'),
    });

    await expect(runner.prepare()).rejects.toMatchObject(invocationError('Runtime.UserCodeSyntaxError'));
    await runner.close();
  });

  it('writes each build once under a content hash and prunes builds of the same module older than a day', async () => {
    // Prepare
    const output = path.join(projectRoot, '.pruned');
    await mkdir(output, { recursive: true });
    await writeFile(path.join(projectRoot, 'functions', 'draft', 'pruned.ts'), 'export const handler = async (): Promise<number> => 1;\n');
    const stale = path.join(output, 'functions-draft-pruned-0000000000000000.mjs');
    const recent = path.join(output, 'functions-draft-pruned-1111111111111111.mjs');
    const otherModule = path.join(output, 'functions-draft-other-0000000000000000.mjs');
    for (const file of [stale, recent, otherModule]) await writeFile(file, 'export {};\n');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    await utimes(stale, twoDaysAgo, twoDaysAgo);
    await utimes(otherModule, twoDaysAgo, twoDaysAgo);

    // Act
    const url = await createModuleBundler({ projectRoot, outputDirectory: output }).handlerUrl('functions/draft/pruned.ts');
    const again = await createModuleBundler({ projectRoot, outputDirectory: output }).handlerUrl('functions/draft/pruned.ts');

    // Assess
    expect(again).toBe(url);
    expect(url).toMatch(/\/functions-draft-pruned-[0-9a-f]{16}\.mjs$/);
    const files = await readdir(output);
    expect(files).not.toContain(path.basename(stale));
    expect(files).toContain(path.basename(recent));
    expect(files).toContain(path.basename(otherModule));
  });
});
