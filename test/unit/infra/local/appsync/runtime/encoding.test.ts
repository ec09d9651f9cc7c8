import { describe, expect, it } from 'vitest';
import {
  base64Decode,
  base64Encode,
  DecodingError,
  escapeJavaScript,
  urlDecode,
  urlEncode,
} from '../../../../../../infra/local/appsync/runtime/encoding';

// https://docs.aws.amazon.com/appsync/latest/devguide/built-in-util-js.html (Encoding utils, Return value behavior utils)

describe('Function: util.urlEncode', () => {
  it('produces application/x-www-form-urlencoded text as java.net.URLEncoder does', () => {
    expect(urlEncode('hello world')).toBe('hello+world');
    expect(urlEncode("a.b-c_d*e~f!g'h(i)j/k?l=m&n")).toBe('a.b-c_d*e%7Ef%21g%27h%28i%29j%2Fk%3Fl%3Dm%26n');
    expect(urlEncode('café 😀')).toBe('caf%C3%A9+%F0%9F%98%80');
  });

  it('encodes an unpaired surrogate as ?, like Java', () => {
    expect(urlEncode('a\uD800b')).toBe('a%3Fb');
  });

  it('encodes the empty string as empty', () => {
    expect(urlEncode('')).toBe('');
  });
});

describe('Function: util.urlDecode', () => {
  it('decodes + as a space and %XX as UTF-8 bytes', () => {
    expect(urlDecode('hello+world%21')).toBe('hello world!');
    expect(urlDecode('caf%C3%A9+%F0%9F%98%80')).toBe('café 😀');
    expect(urlDecode('a%2bb')).toBe('a+b');
  });

  it('round-trips with urlEncode', () => {
    const text = "Mediagraph: tags/animal/dog?x=1&y='2' ~ é";
    expect(urlDecode(urlEncode(text))).toBe(text);
  });

  it('rejects a broken escape as URLDecoder does', () => {
    expect(() => urlDecode('100%')).toThrow(DecodingError);
    expect(() => urlDecode('%zz')).toThrow(/Illegal hex characters/);
  });
});

describe('Function: util.base64Encode / util.base64Decode', () => {
  it('encodes UTF-8 text with padding and decodes it back', () => {
    expect(base64Encode('Hello')).toBe('SGVsbG8=');
    expect(base64Encode('café')).toBe('Y2Fmw6k=');
    expect(base64Decode('SGVsbG8=')).toBe('Hello');
    expect(base64Decode('Y2Fmw6k')).toBe('café');
    expect(base64Decode('')).toBe('');
  });

  it('rejects characters outside the base64 alphabet, as java.util.Base64 does', () => {
    expect(() => base64Decode('SGVs bG8=')).toThrow(DecodingError);
    expect(() => base64Decode('SGVsbG8_')).toThrow(DecodingError);
    expect(() => base64Decode('A')).toThrow(DecodingError);
  });
});

describe('Function: util.escapeJavaScript', () => {
  it('escapes quotes, backslash, slash and control characters', () => {
    expect(escapeJavaScript(`He said "it's" a/b \\ done\n\t\r\b\f`)).toBe(
      'He said \\"it\\\'s\\" a\\/b \\\\ done\\n\\t\\r\\b\\f',
    );
  });

  it('escapes other control characters and everything above 0x7F as \\uXXXX', () => {
    expect(escapeJavaScript('\u0001é😀\u007f')).toBe('\\u0001\\u00E9\\uD83D\\uDE00\u007f');
  });

  it('leaves plain ASCII alone', () => {
    expect(escapeJavaScript('plain text 123')).toBe('plain text 123');
  });
});
