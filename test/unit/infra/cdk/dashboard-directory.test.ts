import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dashboardDirectory, DashboardNotBuiltError } from '../../../../infra/cdk/dashboard-directory';

describe('Function: dashboardDirectory (the build the stack deploys)', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'mediagraph-dashboard-dir-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('returns a built folder as it is, without building', () => {
    // Prepare
    writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
    let builds = 0;

    // Act
    const directory = dashboardDirectory({
      directory: root,
      build: () => void builds++,
    });

    // Assess
    expect(directory).toBe(path.resolve(root));
    expect(builds).toBe(0);
  });

  it('builds a folder that holds no build, then returns it', () => {
    // Prepare
    const target = path.join(root, 'dist');
    const build = () => {
      mkdirSync(target, { recursive: true });
      writeFileSync(path.join(target, 'index.html'), '<!doctype html>');
    };

    // Act
    const directory = dashboardDirectory({ directory: target, build });

    // Assess
    expect(directory).toBe(target);
  });

  it('says what is missing and how to build it when a build makes nothing', () => {
    // Act
    const attempt = () => dashboardDirectory({ directory: root, build: () => undefined });

    // Assess
    expect(attempt).toThrow(DashboardNotBuiltError);
    expect(attempt).toThrow(`${path.join(root, 'index.html')} is missing`);
    expect(attempt).toThrow('npm run web:build');
  });

  it('keeps the build failure as the cause', () => {
    // Prepare
    const failure = new Error('vite: Could not resolve "./missing"');

    // Act
    let caught: unknown;
    try {
      dashboardDirectory({
        directory: root,
        build: () => {
          throw failure;
        },
      });
    } catch (error) {
      caught = error;
    }

    // Assess
    expect(caught).toBeInstanceOf(DashboardNotBuiltError);
    expect((caught as Error).cause).toBe(failure);
  });

  it('does not build into a folder other than web/dist unless told how', () => {
    // Act
    const attempt = () => dashboardDirectory({ directory: path.join(root, 'elsewhere') });

    // Assess
    expect(attempt).toThrow(DashboardNotBuiltError);
  });
});
