import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../support/resolver-harness';
import { alice, mediaItem } from './fixtures';

/** Mutation.updateMedia (pipeline: authorizeMedia → updateMediaFields) — the before handler validates the change. */
describe('Resolver: Mutation.updateMedia', () => {
  let resolver: LoadedResolver;
  beforeAll(async () => {
    resolver = await loadResolver('resolvers/Mutation.updateMedia.ts');
  });

  const request = (input: Record<string, unknown>) => callRequest(resolver, { args: { input }, identity: alice });

  it('stashes the media id for authorizeMedia when renaming', () => {
    // Act
    const outcome = request({ id: 'media-1', name: 'sunset.jpg' });

    // Assess
    expect(valueOf(outcome)).toStrictEqual({});
    expect(outcome.ctx.stash).toEqual({ mediaId: 'media-1' });
  });

  it('accepts a metadata-only change, including clearing it with null', () => {
    expect(request({ id: 'media-1', metadata: { rating: 5 } }).kind).toBe('value');
    expect(request({ id: 'media-1', metadata: null }).kind).toBe('value');
  });

  it('refuses a change that changes nothing', () => {
    expect(errorOf(request({ id: 'media-1' }))).toMatchObject({ errorType: 'BadRequest', message: 'Nothing to update: give a name or metadata' });
  });

  it('refuses to null out the name, which the schema requires', () => {
    expect(errorOf(request({ id: 'media-1', name: null }))).toMatchObject({ errorType: 'BadRequest', message: 'name cannot be null' });
  });

  it('refuses a bad name before touching the item', () => {
    // Act
    const outcome = request({ id: 'media-1', name: 'a\u0007b' });

    // Assess
    expect(errorOf(outcome)).toMatchObject({ errorType: 'BadRequest', message: 'Invalid name: name must not contain control characters' });
    expect(outcome.ctx.stash).toEqual({});
  });

  it('returns the updated item from updateMediaFields', () => {
    // Prepare
    const updated = mediaItem({ name: 'sunset.jpg' });

    // Act / Assess
    expect(valueOf(callResponse(resolver, { args: { input: { id: 'media-1', name: 'sunset.jpg' } }, identity: alice, prev: { result: updated } }))).toStrictEqual(updated);
  });
});
