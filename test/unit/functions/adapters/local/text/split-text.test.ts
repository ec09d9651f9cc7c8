import { describe, expect, it } from 'vitest';
import { sentenceSpans, splitText } from '../../../../../../functions/adapters/local/text/split-text';

describe('Function: sentenceSpans', () => {
  it('ends sentences at . ! ? followed by space, and at line breaks', () => {
    // Prepare
    const text = 'First one. Second one! Third?\nFourth without stop\nFifth.';

    // Act
    const sentences = sentenceSpans(text).map(({ start, end }) => text.slice(start, end).trim());

    // Assess
    expect(sentences).toEqual(['First one.', 'Second one!', 'Third?', 'Fourth without stop', 'Fifth.']);
  });

  it('does not split decimals or abbreviations followed by no space', () => {
    const text = 'It costs 3.50 euros today. Fine.';
    expect(sentenceSpans(text).map(({ start, end }) => text.slice(start, end).trim())).toEqual(['It costs 3.50 euros today.', 'Fine.']);
  });
});

describe('Function: splitText', () => {
  it('packs whole sentences up to the limit and keeps the text between them', () => {
    // Prepare
    const text = 'Aaaa aaaa. Bbbb bbbb. Cccc cccc.\nDddd dddd.';

    // Act
    const pieces = splitText(text, { maxChars: 22 });

    // Assess
    expect(pieces).toEqual(['Aaaa aaaa. Bbbb bbbb.', 'Cccc cccc.\nDddd dddd.']);
  });

  it('measures UTF-8 bytes when asked (three bytes per CJK character)', () => {
    // Prepare: each sentence is 4 characters, 12 bytes
    const text = '日本語。\n日本語。\n日本語。';

    // Act
    const byChars = splitText(text, { maxChars: 10 });
    const byBytes = splitText(text, { maxBytes: 25 });

    // Assess
    expect(byChars).toEqual(['日本語。\n日本語。', '日本語。']);
    expect(byBytes).toEqual(['日本語。\n日本語。', '日本語。']);
    expect(splitText(text, { maxBytes: 12 })).toEqual(['日本語。', '日本語。', '日本語。']);
  });

  it('splits a sentence longer than the limit at spaces (speech recognition output has no stops)', () => {
    // Prepare
    const text = 'one two three four five six seven eight nine ten';

    // Act
    const pieces = splitText(text, { maxChars: 15 });

    // Assess
    expect(pieces).toEqual(['one two three', 'four five six', 'seven eight', 'nine ten']);
    expect(pieces.every((piece) => piece.length <= 15)).toBe(true);
  });

  it('cuts a single over-long word at code points without breaking surrogate pairs', () => {
    // Prepare: 6 emoji, 4 bytes each
    const text = '😀😀😀😀😀😀';

    // Act
    const pieces = splitText(text, { maxBytes: 9 });

    // Assess
    expect(pieces).toEqual(['😀😀', '😀😀', '😀😀']);
  });

  it('returns nothing for blank text and refuses a limit below 1', () => {
    expect(splitText('  \n  ', { maxChars: 10 })).toEqual([]);
    expect(() => splitText('x', { maxChars: 0 })).toThrow(RangeError);
  });
});
