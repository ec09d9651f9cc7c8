/**
 * A small XML reader for `util.xml`: elements, attributes, text, CDATA and the predefined and
 * numeric entities. The prolog, processing instructions, comments and DOCTYPE are skipped. It does
 * not validate beyond well-formed nesting; that is all util.xml needs to turn responses into maps.
 */

export interface XmlElement {
  name: string;
  attributes: [string, string][];
  children: XmlNode[];
}

export type XmlNode = { kind: 'element'; element: XmlElement } | { kind: 'text'; text: string };

/** Text that is not well-formed XML. */
export class XmlSyntaxError extends Error {
  constructor(message: string, position: number) {
    super(`${message} at offset ${position}`);
    this.name = 'XmlSyntaxError';
  }
}

const predefinedEntities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Replaces entity references; unknown named entities are kept as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[A-Za-z][A-Za-z0-9]*);/g, (reference, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
    return predefinedEntities[body] ?? reference;
  });
}

const namePattern = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;

class Reader {
  position = 0;

  constructor(readonly text: string) {}

  fail(message: string): never {
    throw new XmlSyntaxError(message, this.position);
  }

  startsWith(prefix: string): boolean {
    return this.text.startsWith(prefix, this.position);
  }

  skipWhitespace(): void {
    while (/\s/.test(this.text[this.position] ?? '')) this.position += 1;
  }

  skipPast(terminator: string, what: string): void {
    const end = this.text.indexOf(terminator, this.position);
    if (end === -1) this.fail(`Unterminated ${what}`);
    this.position = end + terminator.length;
  }

  /** Skips comments, processing instructions and DOCTYPE; true when something was skipped. */
  skipMarkup(): boolean {
    if (this.startsWith('<!--')) {
      this.skipPast('-->', 'comment');
      return true;
    }
    if (this.startsWith('<?')) {
      this.skipPast('?>', 'processing instruction');
      return true;
    }
    if (this.startsWith('<!DOCTYPE')) {
      const bracket = this.text.indexOf('[', this.position);
      const close = this.text.indexOf('>', this.position);
      if (bracket !== -1 && (close === -1 || bracket < close)) this.skipPast(']', 'DOCTYPE');
      this.skipPast('>', 'DOCTYPE');
      return true;
    }
    return false;
  }

  readName(): string {
    const match = namePattern.exec(this.text.slice(this.position));
    if (match === null) this.fail('Expected a name');
    this.position += match[0].length;
    return match[0];
  }

  readAttributes(): [string, string][] {
    const attributes: [string, string][] = [];
    for (;;) {
      this.skipWhitespace();
      const next = this.text[this.position];
      if (next === '>' || next === '/' || next === undefined) return attributes;
      const name = this.readName();
      this.skipWhitespace();
      if (this.text[this.position] !== '=') this.fail(`Expected = after attribute ${name}`);
      this.position += 1;
      this.skipWhitespace();
      const quote = this.text[this.position];
      if (quote !== '"' && quote !== "'") this.fail(`Expected a quoted value for attribute ${name}`);
      const end = this.text.indexOf(quote, this.position + 1);
      if (end === -1) this.fail(`Unterminated value of attribute ${name}`);
      attributes.push([name, decodeEntities(this.text.slice(this.position + 1, end))]);
      this.position = end + 1;
    }
  }

  readElement(): XmlElement {
    if (this.text[this.position] !== '<') this.fail('Expected an element');
    this.position += 1;
    const name = this.readName();
    const attributes = this.readAttributes();
    if (this.startsWith('/>')) {
      this.position += 2;
      return { name, attributes, children: [] };
    }
    if (this.text[this.position] !== '>') this.fail(`Malformed start tag <${name}>`);
    this.position += 1;
    const children: XmlNode[] = [];
    for (;;) {
      if (this.position >= this.text.length) this.fail(`Missing </${name}>`);
      if (this.startsWith('</')) {
        this.position += 2;
        const closing = this.readName();
        if (closing !== name) this.fail(`Expected </${name}> but found </${closing}>`);
        this.skipWhitespace();
        if (this.text[this.position] !== '>') this.fail(`Malformed end tag </${closing}>`);
        this.position += 1;
        return { name, attributes, children };
      }
      if (this.startsWith('<![CDATA[')) {
        const end = this.text.indexOf(']]>', this.position);
        if (end === -1) this.fail('Unterminated CDATA section');
        children.push({ kind: 'text', text: this.text.slice(this.position + 9, end) });
        this.position = end + 3;
        continue;
      }
      if (this.skipMarkup()) continue;
      if (this.text[this.position] === '<') {
        children.push({ kind: 'element', element: this.readElement() });
        continue;
      }
      const end = this.text.indexOf('<', this.position);
      const raw = this.text.slice(this.position, end === -1 ? this.text.length : end);
      children.push({ kind: 'text', text: decodeEntities(raw) });
      this.position += raw.length;
    }
  }
}

/** The root element of `text`; throws {@link XmlSyntaxError} when it is not well-formed. */
export function parseXml(text: string): XmlElement {
  const reader = new Reader(String(text).replace(/^\uFEFF/, ''));
  for (;;) {
    reader.skipWhitespace();
    if (!reader.skipMarkup()) break;
  }
  const root = reader.readElement();
  for (;;) {
    reader.skipWhitespace();
    if (!reader.skipMarkup()) break;
  }
  if (reader.position < reader.text.length) reader.fail('Unexpected content after the root element');
  return root;
}
