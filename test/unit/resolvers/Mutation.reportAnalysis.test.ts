import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { ALICE_SUB, worker } from './fixtures';

/** Mutation.reportAnalysis (IAM; pipeline: loadMediaForWorker → putAnalysis) — the before handler checks the report. */
describe('Resolver: Mutation.reportAnalysis', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Mutation.reportAnalysis.ts');
  });

  const report = (input: Record<string, unknown>) =>
    callRequest(resolver, { args: { input: { mediaId: 'media-1', kind: 'labels', status: 'SUCCEEDED', ...input } }, identity: worker });

  it('stashes the media id for loadMediaForWorker', () => {
    // Act
    const outcome = report({ result: { labels: ['dog'] } });

    // Assess
    expect(valueOf(outcome)).toStrictEqual({});
    expect(outcome.ctx.stash).toEqual({ mediaId: 'media-1' });
  });

  it('accepts kinds of lower-case letters, digits and dashes', () => {
    expect(report({ kind: 'face-detection-2' }).kind).toBe('value');
  });

  it('refuses any other kind, which would end up in the item key', () => {
    // Act
    const upper = report({ kind: 'Labels' });
    const hash = report({ kind: 'labels#x' });
    const long = report({ kind: 'a'.repeat(65) });

    // Assess
    expect(errorOf(upper)).toMatchObject({ errorType: 'BadRequest', message: 'Analysis kind must be 1-64 lower-case letters, digits or dashes, got "Labels"' });
    expect(errorOf(hash).errorType).toBe('BadRequest');
    expect(errorOf(long).errorType).toBe('BadRequest');
  });

  it('refuses a FAILED analysis without a reason', () => {
    expect(errorOf(report({ status: 'FAILED' }))).toMatchObject({ errorType: 'BadRequest', message: 'A FAILED analysis must say why (error)' });
    expect(report({ status: 'FAILED', error: 'model crashed' }).kind).toBe('value');
  });

  it("returns putAnalysis's stored result", () => {
    // Prepare
    const stored = { mediaId: 'media-1', owner: ALICE_SUB, kind: 'labels', status: 'SUCCEEDED', result: null, error: null, updatedAt: '2024-05-01T12:00:00.000Z' };

    // Act / Assess
    expect(valueOf(callResponse(resolver, { args: { input: { mediaId: 'media-1' } }, identity: worker, prev: { result: stored } }))).toStrictEqual(stored);
  });
});
