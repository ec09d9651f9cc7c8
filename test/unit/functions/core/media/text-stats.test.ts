import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureText } from '../../../../../functions/core/media/text-stats';
import { makeMediaDir } from '../../../../support/media';

let dir: string;
let cleanup: () => Promise<void>;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  ({ dir, cleanup } = await makeMediaDir());
});

afterAll(() => cleanup());

describe('Function: measureText', () => {
  it('counts code points, lines and words', async () => {
    await writeFile(file('notes.txt'), 'Two herons 🦩\nand\u00a0one  duck\n');

    expect(await measureText(file('notes.txt'))).toEqual({ characters: 27, lines: 2, words: 6, charset: 'utf-8' });
  });

  it('counts a last line without a break, and nothing in an empty file', async () => {
    await writeFile(file('open.txt'), 'a\nb');
    await writeFile(file('empty.txt'), '');

    expect(await measureText(file('open.txt'))).toMatchObject({ lines: 2, words: 2 });
    expect(await measureText(file('empty.txt'))).toMatchObject({ characters: 0, lines: 0, words: 0 });
  });

  it('decodes UTF-16 and skips the byte-order mark', async () => {
    await writeFile(file('utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hé ho\n', 'utf16le')]));

    expect(await measureText(file('utf16.txt'), 'utf-16le')).toEqual({ characters: 6, lines: 1, words: 2, charset: 'utf-16le' });
  });

  it('streams a file far larger than its read buffer', async () => {
    const line = 'the heron stands in the shallows\n';
    await writeFile(file('big.txt'), line.repeat(100_000));

    expect(await measureText(file('big.txt'))).toMatchObject({ characters: line.length * 100_000, lines: 100_000, words: 600_000 });
  });
});
