import { beforeAll, describe, expect, it } from 'vitest';
import { callRequest, callResponse, errorOf, loadResolver, valueOf, type LoadedResolver } from '../../../support/resolver-harness';
import { ALICE_SUB, alice } from '../fixtures';

/**
 * validateUpload (Mutation.createUpload, NONE data source) — checks the declared file before anything
 * is stored; the NONE data source hands the request's payload back as ctx.result, which the response
 * stashes for putMedia.
 * https://docs.aws.amazon.com/appsync/latest/devguide/resolver-reference-none-js.html
 */
describe('Function: validateUpload', () => {
  let fn: LoadedResolver;
  beforeAll(async () => {
    fn = await loadResolver('resolvers/functions/validateUpload.ts');
  });

  const field = 'Mutation.createUpload';
  const GB = 1024 * 1024 * 1024;
  const upload = (input: Record<string, unknown>, env: Record<string, string> = {}) =>
    callRequest(fn, { field, identity: alice, env, stash: { owner: ALICE_SUB }, args: { input: { name: 'clip.mp4', contentType: 'video/mp4', size: 1000, ...input } } });

  it('passes the checked upload with its media type to the NONE data source', () => {
    expect(valueOf(upload({}))).toStrictEqual({ payload: { name: 'clip.mp4', contentType: 'video/mp4', size: 1000, mediaType: 'VIDEO' } });
  });

  it('derives the media type from the content type, ignoring parameters and case', () => {
    expect(valueOf(upload({ name: 'a.txt', contentType: 'Text/Plain; charset=UTF-8' }))).toMatchObject({ payload: { mediaType: 'TEXT' } });
  });

  it('refuses an unsupported content type', () => {
    expect(errorOf(upload({ name: 'setup.exe', contentType: 'application/octet-stream' }))).toMatchObject({
      errorType: 'UnsupportedMediaType',
      message: 'Unsupported content type "application/octet-stream": images, video, audio and text are accepted',
    });
  });

  it('refuses a bad file name', () => {
    expect(errorOf(upload({ name: '..' }))).toMatchObject({ errorType: 'BadRequest', message: 'Invalid name: name must not be a dot-segment' });
    expect(errorOf(upload({ name: 'x'.repeat(256) }))).toMatchObject({ errorType: 'BadRequest', message: 'Invalid name: name must be at most 255 characters' });
  });

  it('refuses a size that is not a whole, non-negative number of bytes', () => {
    expect(errorOf(upload({ size: -5 }))).toMatchObject({ errorType: 'BadRequest', message: 'size must be a whole number of bytes' });
    expect(errorOf(upload({ size: 10.5 }))).toMatchObject({ errorType: 'BadRequest', message: 'size must be a whole number of bytes' });
  });

  it('refuses a file over 5 GB by default with PayloadTooLarge, and takes exactly 5 GB', () => {
    expect(errorOf(upload({ size: 5 * GB + 1 }))).toMatchObject({
      errorType: 'PayloadTooLarge',
      message: `File too large: ${5 * GB + 1} bytes, the limit is ${5 * GB}`,
    });
    expect(upload({ size: 5 * GB }).kind).toBe('value');
  });

  it('applies MAX_UPLOAD_BYTES from the environment when set', () => {
    expect(errorOf(upload({ size: 2001 }, { MAX_UPLOAD_BYTES: '2000' }))).toMatchObject({ errorType: 'PayloadTooLarge', message: 'File too large: 2001 bytes, the limit is 2000' });
    expect(upload({ size: 2000 }, { MAX_UPLOAD_BYTES: '2000' }).kind).toBe('value');
  });

  it('stashes the validated upload for putMedia', () => {
    // Prepare
    const payload = { name: 'clip.mp4', contentType: 'video/mp4', size: 1000, mediaType: 'VIDEO' };

    // Act
    const outcome = callResponse(fn, { field, identity: alice, stash: { owner: ALICE_SUB }, result: payload });

    // Assess
    expect(valueOf(outcome)).toStrictEqual(payload);
    expect(outcome.ctx.stash).toEqual({ owner: ALICE_SUB, upload: payload });
  });
});
