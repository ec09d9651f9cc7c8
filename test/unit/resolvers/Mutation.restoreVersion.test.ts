import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { alice, mediaItem } from './fixtures';

/** Mutation.restoreVersion (pipeline: authorizeMedia → loadVersion → applyVersion) — before: which version, which must be READY; after: the item. */
describe('Resolver: Mutation.restoreVersion', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Mutation.restoreVersion.ts');
  });

  it('stashes the item and version, wanting a processed (READY) version', () => {
    // Act
    const outcome = callRequest(resolver, { args: { mediaId: 'media-1', version: 1 }, identity: alice });

    // Assess
    expect(valueOf(outcome)).toStrictEqual({});
    expect(outcome.ctx.stash).toEqual({ mediaId: 'media-1', version: 1, wantedVersionStatus: 'READY' });
  });

  it('returns the item applyVersion updated', () => {
    // Prepare
    const restored = mediaItem({ version: 1, versionCount: 3 });

    // Act / Assess
    expect(valueOf(callResponse(resolver, { args: { mediaId: 'media-1', version: 1 }, identity: alice, prev: { result: restored } }))).toStrictEqual(restored);
  });
});
