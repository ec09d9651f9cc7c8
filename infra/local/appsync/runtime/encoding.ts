/**
 * util's encoding helpers. AppSync documents them in Java terms (UTF-8 everywhere,
 * `application/x-www-form-urlencoded` as java.net.URLEncoder produces it), so these reproduce the
 * Java behaviour rather than the nearest JavaScript built-in.
 * https://docs.aws.amazon.com/appsync/latest/devguide/built-in-util-js.html (Encoding utils)
 */

/** Raised for input a Java decoder rejects (bad `%` escapes, characters outside base64). */
export class DecodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodingError';
  }
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: false });

/** Replaces unpaired surrogates by `?`, as Java's UTF-8 encoder does. */
function withoutLoneSurrogates(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '?');
}

/**
 * `util.urlEncode`: java.net.URLEncoder with UTF-8 — letters, digits and `.-*_` stay, space becomes
 * `+`, everything else is `%XX` (upper-case hex) of its UTF-8 bytes.
 */
export function urlEncode(value: string): string {
  return encodeURIComponent(withoutLoneSurrogates(String(value)))
    .replace(/[!'()~]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+')
    .replace(/%2A/g, '*');
}

/**
 * `util.urlDecode`: java.net.URLDecoder with UTF-8 — `+` is a space, `%XX` are UTF-8 bytes
 * (malformed sequences become U+FFFD); a `%` not followed by two hex digits is an error, as in Java.
 */
export function urlDecode(value: string): string {
  const text = String(value);
  let result = '';
  let index = 0;
  while (index < text.length) {
    const character = text[index] as string;
    if (character === '+') {
      result += ' ';
      index += 1;
      continue;
    }
    if (character !== '%') {
      result += character;
      index += 1;
      continue;
    }
    const bytes: number[] = [];
    while (index < text.length && text[index] === '%') {
      const hex = text.slice(index + 1, index + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) {
        throw new DecodingError(`URLDecoder: Illegal hex characters in escape (%) pattern at index ${index}: "${hex}"`);
      }
      bytes.push(Number.parseInt(hex, 16));
      index += 3;
    }
    result += utf8Decoder.decode(Uint8Array.from(bytes));
  }
  return result;
}

/** `util.base64Encode`: the UTF-8 bytes of `value` in standard base64 with padding. */
export function base64Encode(value: string): string {
  return Buffer.from(withoutLoneSurrogates(String(value)), 'utf8').toString('base64');
}

/**
 * `util.base64Decode`: standard base64 (padding optional, as java.util.Base64's basic decoder
 * accepts) decoded as UTF-8. Characters outside the base64 alphabet are an error, as in Java.
 */
export function base64Decode(value: string): string {
  const text = String(value);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.replace(/=+$/, '').length % 4 === 1) {
    throw new DecodingError(`Illegal base64 input: ${JSON.stringify(text.slice(0, 40))}`);
  }
  return utf8Decoder.decode(Buffer.from(text, 'base64'));
}

const javaScriptEscapes: Record<string, string> = {
  "'": "\\'",
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\n': '\\n',
  '\t': '\\t',
  '\f': '\\f',
  '\r': '\\r',
};

/**
 * `util.escapeJavaScript`: Apache Commons' escapeEcmaScript, which AppSync's VTL runtime exposes
 * under this name — quotes, backslash and `/` get a backslash, control characters their short or
 * `\u00XX` escape, and every UTF-16 unit above 0x7F becomes `\uXXXX` (upper-case hex).
 */
export function escapeJavaScript(value: string): string {
  let result = '';
  for (const character of String(value)) {
    const short = javaScriptEscapes[character];
    if (short !== undefined) {
      result += short;
      continue;
    }
    for (let unit = 0; unit < character.length; unit += 1) {
      const code = character.charCodeAt(unit);
      result += code < 0x20 || code > 0x7f ? `\\u${code.toString(16).toUpperCase().padStart(4, '0')}` : character[unit];
    }
  }
  return result;
}
