import { parseXml, XmlSyntaxError } from './xml-parser';
import type { XmlElement } from './xml-parser';

/**
 * `util.xml`: XML to a map the way AppSync documents it — the root element becomes the single key,
 * an element holding only text becomes that text (numbers and booleans typed: `<id>1</id>` is
 * `"id": 1`), repeated elements become a list, attributes become keys, text beside child elements
 * or attributes becomes "content", and an empty element is "". These are the rules of org.json's
 * XML.toJSONObject, which AppSync's documented examples follow.
 * https://docs.aws.amazon.com/appsync/latest/devguide/xml-helpers-in-util-xml-js.html
 */
export interface XmlUtils {
  toMap(xml: string): Record<string, unknown> | null;
  toJsonString(xml: string, stringEncode?: boolean): string;
}

const numberPattern = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** org.json's stringToValue: "true"/"false"/"null" (any case) and numbers typed, the rest strings. */
export function xmlTextValue(text: string): unknown {
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (numberPattern.test(text)) {
    const value = Number(text);
    // Integers beyond 2^53 stay text rather than silently losing digits.
    const integerText = !/[.eE]/.test(text);
    if (Number.isFinite(value) && (!integerText || Number.isSafeInteger(value))) return value;
  }
  return text;
}

/** Adds `value` under `key`, turning a repeated key into a list (org.json's accumulate). */
function accumulate(target: Record<string, unknown>, key: string, value: unknown): void {
  if (!Object.hasOwn(target, key)) {
    target[key] = value;
    return;
  }
  const existing = target[key];
  target[key] = Array.isArray(existing) ? [...(existing as unknown[]), value] : [existing, value];
}

function elementValue(element: XmlElement): unknown {
  const members: Record<string, unknown> = {};
  for (const [name, value] of element.attributes) accumulate(members, name, xmlTextValue(value));
  for (const child of element.children) {
    switch (child.kind) {
      case 'element':
        accumulate(members, child.element.name, elementValue(child.element));
        break;
      case 'text': {
        const text = child.text.trim();
        if (text !== '') accumulate(members, 'content', xmlTextValue(text));
        break;
      }
    }
  }
  const keys = Object.keys(members);
  if (keys.length === 0) return '';
  if (keys.length === 1 && keys[0] === 'content') return members.content;
  return members;
}

/** `util.xml.toMap`: the map for `xml`, or null when it is not well-formed XML. */
export function xmlToMap(xml: string): Record<string, unknown> | null {
  try {
    const root = parseXml(xml);
    return { [root.name]: elementValue(root) };
  } catch (error) {
    if (error instanceof XmlSyntaxError) return null;
    throw error;
  }
}

/** Builds the `util.xml` namespace. */
export function createXmlUtils(): XmlUtils {
  return {
    toMap: (xml) => xmlToMap(xml),
    toJsonString(xml, stringEncode) {
      const json = JSON.stringify(xmlToMap(xml));
      // "string-encode the JSON": the JSON text itself as a JSON string literal.
      return stringEncode === true ? JSON.stringify(json) : json;
    },
  };
}
