import { describe, expect, it } from 'vitest';
import {
  connectionAuthRequest,
  readHandshake,
  startAuthRequest,
} from '../../../../../../infra/local/appsync/realtime/handshake';

const header = { Authorization: 'eyJraWQ.token+with/slashes?', host: '127.0.0.1:4000' };
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('Function: readHandshake', () => {
  it('reads the amplify v5 query form (standard base64, not URL-encoded)', () => {
    // Prepare: amplify v5 builds `?header=${base64}&payload=${base64('{}')}` without encoding.
    const encoded = base64(JSON.stringify({ ...header, pad: '>>>?' })); // forces '+' and '/'
    expect(encoded).toMatch(/[+/]/);
    // Act
    const handshake = readHandshake({
      url: `/graphql/realtime?header=${encoded}&payload=e30=`,
      subprotocols: ['graphql-ws'],
      requestHeaders: {},
      sourceIp: '127.0.0.1',
    });
    // Assess
    expect(handshake.authorization).toEqual({ ...header, pad: '>>>?' });
    expect(handshake.payload).toBe('{}');
  });

  it('survives a "+" that a proxy turned into a space, and URL-encoded values', () => {
    const encoded = base64(JSON.stringify({ ...header, pad: '>>>?' }));
    const spaced = readHandshake({ url: `/x?header=${encoded.replace(/\+/g, ' ')}`, subprotocols: [], requestHeaders: {}, sourceIp: '' });
    const encodedUri = readHandshake({ url: `/x?header=${encodeURIComponent(encoded)}`, subprotocols: [], requestHeaders: {}, sourceIp: '' });
    expect(spaced.authorization).toEqual({ ...header, pad: '>>>?' });
    expect(encodedUri.authorization).toEqual({ ...header, pad: '>>>?' });
  });

  it('reads the amplify v6 header- subprotocol (base64url, no padding) and prefers it', () => {
    const handshake = readHandshake({
      url: `/graphql/realtime?header=${base64('{"Authorization":"old"}')}`,
      subprotocols: ['graphql-ws', `header-${base64url(JSON.stringify(header))}`],
      requestHeaders: {},
      sourceIp: '127.0.0.1',
    });
    expect(handshake.authorization).toEqual(header);
    expect(handshake.payload).toBe('{}');
  });

  it('yields no authorization for absent or undecodable headers', () => {
    const none = readHandshake({ url: '/graphql/realtime', subprotocols: ['graphql-ws'], requestHeaders: {}, sourceIp: '' });
    const garbage = readHandshake({ url: '/graphql/realtime?header=!!!', subprotocols: [], requestHeaders: {}, sourceIp: '' });
    const notObject = readHandshake({ url: `/r?header=${base64('[1]')}`, subprotocols: [], requestHeaders: {}, sourceIp: '' });
    expect(none.authorization).toBeUndefined();
    expect(garbage.authorization).toBeUndefined();
    expect(notObject.authorization).toBeUndefined();
  });
});

describe('Function: connectionAuthRequest / startAuthRequest', () => {
  it('builds the requests IAM clients sign: POST /graphql/connect with "{}", POST /graphql with the data string', () => {
    // Prepare
    const handshake = readHandshake({
      url: `/graphql/realtime?header=${base64(JSON.stringify({ Authorization: 'AWS4-HMAC-SHA256 …', 'X-Amz-Date': '20240101T000000Z', host: 'h' }))}&payload=e30=`,
      subprotocols: [],
      requestHeaders: {},
      sourceIp: '10.0.0.1',
    });
    const data = '{"query":"subscription { a }","variables":{}}';
    // Act
    const connect = connectionAuthRequest(handshake);
    const start = startAuthRequest({ authorization: { Authorization: 't', host: 'h' }, data, sourceIp: '10.0.0.1' });
    // Assess
    expect(connect).toEqual({
      method: 'POST',
      path: '/graphql/connect',
      headers: { authorization: 'AWS4-HMAC-SHA256 …', 'x-amz-date': '20240101T000000Z', host: 'h' },
      body: '{}',
      sourceIp: '10.0.0.1',
    });
    expect(start).toEqual({ method: 'POST', path: '/graphql', headers: { authorization: 't', host: 'h' }, body: data, sourceIp: '10.0.0.1' });
  });
});
