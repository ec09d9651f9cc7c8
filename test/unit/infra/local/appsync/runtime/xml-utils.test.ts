import { describe, expect, it } from 'vitest';
import { createXmlUtils } from '../../../../../../infra/local/appsync/runtime/xml-utils';

// https://docs.aws.amazon.com/appsync/latest/devguide/xml-helpers-in-util-xml-js.html
const xml = createXmlUtils();

const documentedInput = `<?xml version="1.0" encoding="UTF-8"?>
<posts>
<post>
  <id>1</id>
  <title>Getting started with GraphQL</title>
</post>
</posts>`;

describe('Function: util.xml.toMap', () => {
  it('converts the documented example', () => {
    expect(xml.toMap(documentedInput)).toEqual({ posts: { post: { id: 1, title: 'Getting started with GraphQL' } } });
  });

  it('turns repeated elements into a list (documented two-post example)', () => {
    const input = `<?xml version="1.0" encoding="UTF-8"?>
<posts>
<post>
  <id>1</id>
  <title>Getting started with GraphQL</title>
</post>
<post>
  <id>2</id>
  <title>Getting started with AppSync</title>
</post>
</posts>`;
    expect(xml.toMap(input)).toEqual({
      posts: {
        post: [
          { id: 1, title: 'Getting started with GraphQL' },
          { id: 2, title: 'Getting started with AppSync' },
        ],
      },
    });
  });

  it('keeps attributes as keys, mixed text as content, empty elements as "" and types scalars', () => {
    const input = `<!-- feed --><feed version="2" live="true">
  <entry lang="en">Hello <b>world</b></entry>
  <empty/>
  <code>007</code>
  <price>1.50</price>
  <missing>null</missing>
  <text><![CDATA[<not markup> & more]]></text>
  <escaped>a &lt; b &amp;&amp; c &#x263A;</escaped>
</feed>`;
    expect(xml.toMap(input)).toEqual({
      feed: {
        version: 2,
        live: true,
        entry: { lang: 'en', content: 'Hello', b: 'world' },
        empty: '',
        code: '007',
        price: 1.5,
        missing: null,
        text: '<not markup> & more',
        escaped: 'a < b && c ☺',
      },
    });
  });

  it('answers null for malformed XML', () => {
    expect(xml.toMap('<a><b></a>')).toBeNull();
    expect(xml.toMap('not xml')).toBeNull();
    expect(xml.toMap('<a></a><b></b>')).toBeNull();
  });
});

describe('Function: util.xml.toJsonString', () => {
  it('returns the map as JSON, or as a JSON string literal when asked to string-encode', () => {
    const json = '{"posts":{"post":{"id":1,"title":"Getting started with GraphQL"}}}';
    expect(xml.toJsonString(documentedInput)).toBe(json);
    expect(xml.toJsonString(documentedInput, true)).toBe(JSON.stringify(json));
  });
});
