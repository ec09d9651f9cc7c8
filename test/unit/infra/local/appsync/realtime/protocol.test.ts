import { describe, expect, it } from 'vitest';
import {
  ClientMessageType,
  InvalidMessageError,
  parseClientMessage,
  parseServerMessage,
  serializeDataFrame,
  ServerMessageType,
} from '../../../../../../infra/local/appsync/realtime/protocol';

const start = (overrides: Record<string, unknown> = {}) => ({
  id: 'sub-1',
  type: 'start',
  payload: {
    data: JSON.stringify({ query: 'subscription { onMediaChanged { id } }', variables: {} }),
    extensions: { authorization: { Authorization: 'token', host: 'localhost:4000' } },
  },
  ...overrides,
});

function expectInvalid(raw: unknown, message: RegExp, id?: string): void {
  let caught: unknown;
  try {
    parseClientMessage(raw);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(InvalidMessageError);
  expect((caught as InvalidMessageError).message).toMatch(message);
  expect((caught as InvalidMessageError).id).toBe(id);
}

describe('Function: parseClientMessage', () => {
  it('accepts connection_init with and without a payload', () => {
    // Act & Assess
    expect(parseClientMessage('{"type":"connection_init"}')).toEqual({ type: ClientMessageType.ConnectionInit, payload: undefined });
    expect(parseClientMessage({ type: 'connection_init', payload: { a: 1 } })).toEqual({
      type: ClientMessageType.ConnectionInit,
      payload: { a: 1 },
    });
  });

  it('accepts a start exactly as amplify-js sends it', () => {
    // Prepare
    const raw = JSON.stringify(start());
    // Act
    const message = parseClientMessage(raw);
    // Assess
    expect(message).toEqual({
      type: ClientMessageType.Start,
      id: 'sub-1',
      payload: {
        data: start().payload.data,
        extensions: { authorization: { Authorization: 'token', host: 'localhost:4000' } },
      },
    });
  });

  it('drops null authorization headers and accepts a start without extensions', () => {
    const withNull = parseClientMessage(
      start({ payload: { data: '{}', extensions: { authorization: { Authorization: 't', 'x-amz-user-agent': null } } } }),
    );
    expect(withNull).toMatchObject({ payload: { extensions: { authorization: { Authorization: 't' } } } });
    expect(parseClientMessage(start({ payload: { data: '{}' } }))).toEqual({
      type: 'start',
      id: 'sub-1',
      payload: { data: '{}', extensions: undefined },
    });
  });

  it('accepts stop', () => {
    expect(parseClientMessage('{"type":"stop","id":"sub-1"}')).toEqual({ type: ClientMessageType.Stop, id: 'sub-1' });
  });

  it.each([
    ['text that is not JSON', '{"type":', /not valid JSON/, undefined],
    ['a JSON array', '[]', /must be a JSON object, found array/, undefined],
    ['a JSON string', '"start"', /must be a JSON object, found string/, undefined],
    ['null', 'null', /must be a JSON object, found null/, undefined],
    ['a missing type', '{"id":"x"}', /string "type", found undefined/, 'x'],
    ['a numeric type', '{"type":3}', /string "type", found number/, undefined],
    ['an unknown type', '{"type":"subscribe","id":"x"}', /Unknown message type "subscribe"/, 'x'],
    ['a graphql-transport-ws ping', '{"type":"ping"}', /Unknown message type "ping"/, undefined],
    ['a start without id', JSON.stringify(start({ id: undefined })), /non-empty string "id", found undefined/, undefined],
    ['a start with an empty id', JSON.stringify(start({ id: '' })), /non-empty string "id"/, undefined],
    ['a start with a numeric id', JSON.stringify(start({ id: 7 })), /non-empty string "id", found number/, undefined],
    ['a start without payload', JSON.stringify(start({ payload: undefined })), /object "payload", found undefined/, 'sub-1'],
    ['a start whose payload is a string', JSON.stringify(start({ payload: 'x' })), /object "payload", found string/, 'sub-1'],
    [
      'a start with the query inline instead of in data (Apollo style)',
      JSON.stringify(start({ payload: { query: 'subscription { a }', variables: {} } })),
      /payload.data must be a JSON string, found undefined/,
      'sub-1',
    ],
    ['a start whose data is an object', JSON.stringify(start({ payload: { data: { query: 'x' } } })), /found object/, 'sub-1'],
    [
      'a start whose extensions is a string',
      JSON.stringify(start({ payload: { data: '{}', extensions: 'x' } })),
      /extensions must be an object/,
      'sub-1',
    ],
    [
      'a start whose authorization is an array',
      JSON.stringify(start({ payload: { data: '{}', extensions: { authorization: [] } } })),
      /authorization must be an object, found array/,
      'sub-1',
    ],
    [
      'a start with a numeric header',
      JSON.stringify(start({ payload: { data: '{}', extensions: { authorization: { Authorization: 5 } } } })),
      /header "Authorization" must be a string, found number/,
      'sub-1',
    ],
    ['a stop without id', '{"type":"stop"}', /"stop" message expects a non-empty string "id"/, undefined],
    ['a connection_init with an array payload', '{"type":"connection_init","payload":[]}', /payload must be an object/, undefined],
  ])('rejects %s', (_name, raw, message, id) => {
    expectInvalid(raw, message, id);
  });
});

describe('Function: parseServerMessage', () => {
  it('reads every server message type', () => {
    expect(parseServerMessage('{"type":"connection_ack","payload":{"connectionTimeoutMs":300000}}')).toEqual({
      type: ServerMessageType.ConnectionAck,
      payload: { connectionTimeoutMs: 300000 },
    });
    expect(parseServerMessage('{"type":"ka"}')).toEqual({ type: 'ka' });
    expect(parseServerMessage('{"id":"a","type":"start_ack"}')).toEqual({ type: 'start_ack', id: 'a' });
    expect(parseServerMessage('{"id":"a","type":"complete"}')).toEqual({ type: 'complete', id: 'a' });
    expect(parseServerMessage('{"id":"a","type":"data","payload":{"data":{"x":1}}}')).toEqual({
      type: 'data',
      id: 'a',
      payload: { data: { x: 1 } },
    });
    expect(
      parseServerMessage('{"id":"a","type":"error","payload":{"errors":[{"errorType":"Unauthorized","message":"no"}]}}'),
    ).toEqual({ type: 'error', id: 'a', payload: { errors: [{ errorType: 'Unauthorized', message: 'no' }] } });
  });

  it('defaults connectionTimeoutMs to five minutes like amplify', () => {
    expect(parseServerMessage('{"type":"connection_ack"}')).toEqual({
      type: 'connection_ack',
      payload: { connectionTimeoutMs: 300_000 },
    });
  });

  it('rejects data without payload.data and acks without id', () => {
    expect(() => parseServerMessage('{"id":"a","type":"data","payload":{}}')).toThrow(InvalidMessageError);
    expect(() => parseServerMessage('{"type":"start_ack"}')).toThrow(/without an "id"/);
    expect(() => parseServerMessage('{"type":"pong"}')).toThrow(/Unknown server message type/);
  });
});

describe('Function: serializeDataFrame', () => {
  it('produces the same JSON as serializing the message object', () => {
    // Prepare
    const payload = { data: { onMediaChanged: { id: 'm"1' } } };
    // Act
    const frame = serializeDataFrame('id "quoted"', JSON.stringify(payload));
    // Assess
    expect(JSON.parse(frame)).toEqual({ id: 'id "quoted"', type: 'data', payload });
  });
});
