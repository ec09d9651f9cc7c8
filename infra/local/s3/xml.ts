/**
 * The XML S3 speaks: responses are small documents in the
 * `http://s3.amazonaws.com/doc/2006-03-01/` namespace; the only request bodies this server reads
 * (CompleteMultipartUpload) are parsed by a strict little parser so a malformed body is refused
 * with MalformedXML, as S3 does.
 */

export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** A node to render: an element with text, or with children; `undefined` children are skipped. */
export type XmlNode = { readonly name: string; readonly text: string } | { readonly name: string; readonly children: readonly (XmlNode | undefined)[] };

/** A parsed element. */
export interface XmlElement {
  readonly name: string;
  readonly children: XmlElement[];
  /** The element's own text (entities decoded), concatenated. */
  readonly text: string;
}

/** Thrown by `parseXml` for anything that is not one well-formed element. */
export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

/**
 * Escapes text for element content and attribute values.
 * @returns the escaped text
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&${ENTITY_NAMES[character]};`);
}

/** Shorthand for a text element. */
export const textNode = (name: string, text: string | number | boolean): XmlNode => ({ name, text: String(text) });

/** Shorthand for an element with children. */
export const element = (name: string, children: readonly (XmlNode | undefined)[]): XmlNode => ({ name, children });

/**
 * A complete document: XML declaration and a root element in S3's namespace.
 * @returns the document text
 */
export function xmlDocument(root: string, children: readonly (XmlNode | undefined)[], namespace: string | null = S3_NAMESPACE): string {
  const attribute = namespace ? ` xmlns="${namespace}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${attribute}>${children.map(render).join('')}</${root}>`;
}

/**
 * Parses one XML document (declaration, comments and attributes allowed and ignored).
 * @throws {XmlSyntaxError} when the text is not well-formed
 * @returns the root element
 */
export function parseXml(text: string): XmlElement {
  const parser = { text, position: 0 };
  skipProlog(parser);
  const root = parseElement(parser);
  skipMisc(parser);
  if (parser.position !== text.length) throw new XmlSyntaxError('content after the root element');
  return root;
}

const ENTITY_NAMES: Record<string, string> = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' };
const ENTITY_VALUES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function render(node: XmlNode | undefined): string {
  if (!node) return '';
  if ('text' in node) return `<${node.name}>${escapeXml(node.text)}</${node.name}>`;
  return `<${node.name}>${node.children.map(render).join('')}</${node.name}>`;
}

interface Parser {
  readonly text: string;
  position: number;
}

function skipProlog(parser: Parser): void {
  if (parser.text.charCodeAt(0) === 0xfeff) parser.position = 1;
  skipWhitespace(parser);
  if (parser.text.startsWith('<?xml', parser.position)) {
    const end = parser.text.indexOf('?>', parser.position);
    if (end === -1) throw new XmlSyntaxError('unterminated XML declaration');
    parser.position = end + 2;
  }
  skipMisc(parser);
}

function skipMisc(parser: Parser): void {
  for (;;) {
    skipWhitespace(parser);
    if (!parser.text.startsWith('<!--', parser.position)) return;
    const end = parser.text.indexOf('-->', parser.position + 4);
    if (end === -1) throw new XmlSyntaxError('unterminated comment');
    parser.position = end + 3;
  }
}

function skipWhitespace(parser: Parser): void {
  while (parser.position < parser.text.length && /\s/.test(parser.text[parser.position] ?? '')) parser.position += 1;
}

const NAME = /[A-Za-z_][\w.:-]*/y;

function parseElement(parser: Parser): XmlElement {
  if (parser.text[parser.position] !== '<') throw new XmlSyntaxError(`expected an element at ${parser.position}`);
  parser.position += 1;
  NAME.lastIndex = parser.position;
  const match = NAME.exec(parser.text);
  if (!match) throw new XmlSyntaxError(`expected an element name at ${parser.position}`);
  const name = match[0];
  parser.position = NAME.lastIndex;
  const tagEnd = findTagEnd(parser);
  const selfClosing = parser.text[tagEnd - 1] === '/';
  parser.position = tagEnd + 1;
  const children: XmlElement[] = [];
  let text = '';
  if (selfClosing) return { name, children, text };
  for (;;) {
    const next = parser.text.indexOf('<', parser.position);
    if (next === -1) throw new XmlSyntaxError(`element <${name}> is not closed`);
    text += decodeEntities(parser.text.slice(parser.position, next));
    parser.position = next;
    if (parser.text.startsWith('</', next)) {
      const close = parser.text.indexOf('>', next);
      if (close === -1 || parser.text.slice(next + 2, close).trim() !== name) throw new XmlSyntaxError(`mismatched closing tag for <${name}>`);
      parser.position = close + 1;
      return { name, children, text };
    }
    if (parser.text.startsWith('<!--', next)) {
      skipMisc(parser);
      continue;
    }
    if (parser.text.startsWith('<![CDATA[', next)) {
      const end = parser.text.indexOf(']]>', next);
      if (end === -1) throw new XmlSyntaxError('unterminated CDATA section');
      text += parser.text.slice(next + 9, end);
      parser.position = end + 3;
      continue;
    }
    children.push(parseElement(parser));
  }
}

function findTagEnd(parser: Parser): number {
  let quote: string | null = null;
  for (let index = parser.position; index < parser.text.length; index += 1) {
    const character = parser.text[index];
    if (quote) {
      if (character === quote) quote = null;
    } else if (character === '"' || character === "'") {
      quote = character;
    } else if (character === '>') {
      return index;
    } else if (character === '<') {
      break;
    }
  }
  throw new XmlSyntaxError('unterminated start tag');
}

function decodeEntities(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|[A-Za-z]+)?(;)?/g, (whole, entity: string | undefined, semicolon: string | undefined) => {
    if (entity === undefined || semicolon === undefined) throw new XmlSyntaxError(`malformed entity reference ${whole}`);
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    const value = ENTITY_VALUES[entity];
    if (value === undefined) throw new XmlSyntaxError(`unknown entity &${entity};`);
    return value;
  });
}
