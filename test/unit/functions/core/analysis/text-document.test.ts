import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readTextStart } from '../../../../../functions/core/analysis/text-document';

const stream = (...chunks: Buffer[]) => Readable.from(chunks);

describe('Function: readTextStart', () => {
  it('decodes a whole document as UTF-8 without its byte-order mark', async () => {
    // Act
    const read = await readTextStart(stream(Buffer.from('\uFEFFZoë saw 🦩', 'utf8')), 1000);

    // Assess
    expect(read).toEqual({ text: 'Zoë saw 🦩', bytes: Buffer.byteLength('\uFEFFZoë saw 🦩'), truncated: false });
  });

  it('reads no more than the limit and leaves out a character cut at it', async () => {
    // Prepare: "ab" then a 4-byte emoji, limit inside the emoji.
    const bytes = Buffer.from('ab🦩cd', 'utf8');

    // Act
    const read = await readTextStart(stream(bytes.subarray(0, 3), bytes.subarray(3)), 4);

    // Assess
    expect(read).toEqual({ text: 'ab', bytes: 4, truncated: true });
  });

  it('shows invalid bytes as replacement characters instead of failing', async () => {
    const read = await readTextStart(stream(Buffer.from([0x68, 0x69, 0xff, 0x21])), 100);
    expect(read.text).toBe('hi\uFFFD!');
  });
});
