import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDeclared, detectFormat } from '../../../../../functions/core/media/detect';
import { ContentTypeMismatchError, EmptyFileError, UnsupportedFormatError } from '../../../../../functions/core/media/errors';
import { refineText } from '../../../../../functions/core/media/text-sniff';
import { makeMediaDir, sceneImage, textSamples, writeClip, writeSmallPng, writeText } from '../../../../support/media';

let dir: string;
let cleanup: () => Promise<void>;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  ({ dir, cleanup } = await makeMediaDir());
  const scene = await sceneImage({ seed: 3, width: 320, height: 240 });
  await Promise.all([
    sharp(scene).jpeg().toFile(file('photo.jpg')),
    sharp(scene).png().toFile(file('photo.png')),
    sharp(scene).gif().toFile(file('photo.gif')),
    sharp(scene).webp().toFile(file('photo.webp')),
    sharp(scene).tiff().toFile(file('photo.tiff')),
    sharp(scene).avif().toFile(file('photo.avif')),
    writeSmallPng(file('renamed-png.jpg')),
  ]);
  // ffmpeg runs one at a time: the machine has two cores.
  await writeClip(file('clip.mp4'), { codecArgs: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac'] });
  await writeClip(file('clip.mov'), { codecArgs: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac'] });
  await writeClip(file('clip.webm'), { codecArgs: ['-c:v', 'libvpx', '-deadline', 'realtime', '-c:a', 'libopus'] });
  await writeClip(file('clip.mkv'), { codecArgs: ['-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'flac'] });
  await writeClip(file('clip.avi'), { codecArgs: ['-c:v', 'mpeg4', '-c:a', 'libmp3lame'] });
  await writeClip(file('sound.m4a'), { video: false, codecArgs: ['-c:a', 'aac'] });
  await writeClip(file('sound.mp3'), { video: false, codecArgs: ['-c:a', 'libmp3lame', '-id3v2_version', '0', '-write_xing', '0'] });
  await writeClip(file('sound.wav'), { video: false });
  await writeClip(file('sound.flac'), { video: false });
  await writeClip(file('sound.ogg'), { video: false, codecArgs: ['-c:a', 'libvorbis'] });
  await writeClip(file('sound.opus'), { video: false, codecArgs: ['-c:a', 'libopus'] });
  await writeClip(file('sound.webm'), { video: false, codecArgs: ['-c:a', 'libopus'] });
  for (const [name, text] of Object.entries(textSamples)) {
    await writeText(file(`${name}.txt`), text);
  }
  await writeFile(file('utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Hello, UTF-16 world\n', 'utf16le')]));
  await writeFile(file('latin1.txt'), Buffer.from('caf\xe9 cr\xe8me br\xfbl\xe9e\n', 'latin1'));
  await writeFile(file('nul.txt'), Buffer.from('looks like text\u0000but has a NUL byte\n', 'utf8'));
  await writeFile(file('random.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
  await writeFile(file('doc.pdf'), '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  await writeFile(file('empty.bin'), Buffer.alloc(0));
  await writeFile(file('feed.xml'), '<?xml version="1.0"?>\n<herons><heron name="Ardea"/></herons>\n');
}, 120_000);

afterAll(() => cleanup());

describe('Function: detectFormat', () => {
  it.each([
    ['photo.jpg', 'image/jpeg', 'IMAGE'],
    ['photo.png', 'image/png', 'IMAGE'],
    ['photo.gif', 'image/gif', 'IMAGE'],
    ['photo.webp', 'image/webp', 'IMAGE'],
    ['photo.tiff', 'image/tiff', 'IMAGE'],
    ['photo.avif', 'image/avif', 'IMAGE'],
    ['clip.mp4', 'video/mp4', null],
    ['clip.mov', 'video/quicktime', null],
    ['clip.webm', 'video/webm', null],
    ['clip.mkv', 'video/matroska', null],
    ['clip.avi', 'video/vnd.avi', 'VIDEO'],
    ['sound.m4a', 'audio/x-m4a', null],
    ['sound.mp3', 'audio/mpeg', 'AUDIO'],
    ['sound.wav', 'audio/wav', 'AUDIO'],
    ['sound.flac', 'audio/flac', 'AUDIO'],
    ['sound.ogg', 'audio/ogg', null],
    ['sound.opus', 'audio/ogg', null],
    ['plain.txt', 'text/plain', 'TEXT'],
    ['markdown.txt', 'text/markdown', 'TEXT'],
    ['csv.txt', 'text/csv', 'TEXT'],
    ['json.txt', 'application/json', 'TEXT'],
    ['html.txt', 'text/html', 'TEXT'],
    ['unicode.txt', 'text/plain', 'TEXT'],
    ['utf16.txt', 'text/plain', 'TEXT'],
  ])('recognises %s as %s from its bytes', async (name, mime, mediaType) => {
    // Act
    const detected = await detectFormat(file(name));

    // Assess
    expect(detected.mime).toBe(mime);
    expect(detected.mediaType).toBe(mediaType);
  });

  it('reports the encoding of text', async () => {
    expect((await detectFormat(file('unicode.txt'))).charset).toBe('utf-8');
    expect((await detectFormat(file('utf16.txt'))).charset).toBe('utf-16le');
  });

  it.each(['latin1.txt', 'nul.txt', 'random.bin'])('does not take %s for text', async (name) => {
    const detected = await detectFormat(file(name));

    expect(detected.mime).toBe('application/octet-stream');
    expect(detected.family).toBeNull();
  });

  it('recognises formats it does not accept, naming them', async () => {
    const detected = await detectFormat(file('doc.pdf'));

    expect(detected).toMatchObject({ mime: 'application/pdf', family: null, mediaType: null, description: 'a PDF document' });
  });

  it('reports a zero-byte file as empty', async () => {
    const detected = await detectFormat(file('empty.bin'));

    expect(detected).toMatchObject({ mime: 'application/x-empty', size: 0, mediaType: null });
  });
});

describe('Function: checkDeclared', () => {
  it.each([
    ['photo.jpg', 'image/jpeg', 'IMAGE'],
    ['photo.jpg', 'image/jpg', 'IMAGE'],
    ['photo.jpg', 'IMAGE/JPEG; charset=binary', 'IMAGE'],
    ['clip.mp4', 'video/mp4', 'VIDEO'],
    ['clip.mp4', 'video/quicktime', 'VIDEO'],
    ['clip.mov', 'video/mp4', 'VIDEO'],
    ['sound.m4a', 'audio/mp4', 'AUDIO'],
    ['sound.m4a', 'audio/x-m4a', 'AUDIO'],
    ['clip.mkv', 'video/x-matroska', 'VIDEO'],
    ['clip.webm', 'video/webm', 'VIDEO'],
    ['sound.webm', 'audio/webm', 'AUDIO'],
    ['clip.avi', 'video/x-msvideo', 'VIDEO'],
    ['sound.wav', 'audio/wav', 'AUDIO'],
    ['sound.wav', 'audio/x-wav', 'AUDIO'],
    ['sound.mp3', 'audio/mpeg', 'AUDIO'],
    ['sound.flac', 'audio/flac', 'AUDIO'],
    ['sound.ogg', 'audio/ogg', 'AUDIO'],
    ['sound.opus', 'audio/ogg', 'AUDIO'],
    ['csv.txt', 'text/plain', 'TEXT'],
    ['plain.txt', 'text/markdown', 'TEXT'],
    ['json.txt', 'application/json', 'TEXT'],
    ['feed.xml', 'text/plain', 'TEXT'],
  ])('accepts %s declared as %s (same format family) as %s', async (name, declared, mediaType) => {
    // Prepare
    const detected = await detectFormat(file(name));

    // Act
    const check = checkDeclared(declared, detected);

    // Assess
    expect(check).toEqual({ ok: true, mediaType });
  });

  it.each([
    ['photo.jpg', 'image/png', 'declared image/png but the file is a JPEG image'],
    ['renamed-png.jpg', 'image/jpeg', 'declared image/jpeg but the file is a PNG image'],
    ['clip.mp4', 'image/jpeg', 'declared image/jpeg but the file is an MP4 file'],
    ['sound.wav', 'audio/mpeg', 'declared audio/mpeg but the file is a WAV audio file'],
    ['plain.txt', 'image/png', 'declared image/png but the file is plain text'],
    ['doc.pdf', 'text/plain', 'declared text/plain but the file is a PDF document'],
    ['latin1.txt', 'text/plain', 'declared text/plain but the file is data in no recognised format (not an accepted media format, nor UTF-8 text)'],
    ['photo.jpg', 'video/mp4', 'declared video/mp4 but the file is a JPEG image'],
  ])('refuses %s declared as %s: "%s"', async (name, declared, message) => {
    // Prepare
    const detected = await detectFormat(file(name));

    // Act
    const check = checkDeclared(declared, detected);

    // Assess
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.error).toBeInstanceOf(ContentTypeMismatchError);
    expect(check.error.message).toBe(message);
    expect(check.error.permanent).toBe(true);
  });

  it('refuses a zero-byte file as empty, whatever was declared', async () => {
    const check = checkDeclared('image/png', await detectFormat(file('empty.bin')));

    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.error).toBeInstanceOf(EmptyFileError);
    expect(check.error.message).toBe('the file is empty (0 bytes)');
  });

  it('refuses a declared type outside the allow-list', async () => {
    const check = checkDeclared('application/pdf', await detectFormat(file('doc.pdf')));

    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.error).toBeInstanceOf(UnsupportedFormatError);
    expect(check.error.message).toBe('declared type application/pdf is not an accepted content type');
  });
});

describe('Function: refineText', () => {
  it('needs JSON that parses, not just brackets', () => {
    expect(refineText('{"a": 1}', '{"a": 1}', '{"a": 1}')).toBe('application/json');
    expect(refineText('{not json}', '{not json}', '{not json}')).toBe('text/plain');
  });

  it('judges a JSON file too large to parse by its first and last characters', () => {
    expect(refineText('[{"a": 1},', '{"z": 2}]\n', null)).toBe('application/json');
  });

  it('needs the same number of commas on every line for CSV', () => {
    expect(refineText('a,b\n1,2\n3,4\n', '', 'a,b\n1,2\n3,4\n')).toBe('text/csv');
    expect(refineText('Hello, world.\nNo commas here\n', '', 'Hello, world.\nNo commas here\n')).toBe('text/plain');
  });

  it('needs two Markdown constructs, so prose with one dash stays plain', () => {
    expect(refineText('# Title\n\n- item\n', '', '# Title\n\n- item\n')).toBe('text/markdown');
    expect(refineText('Notes\n- just one dash\n', '', 'Notes\n- just one dash\n')).toBe('text/plain');
  });
});
