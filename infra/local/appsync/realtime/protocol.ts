/**
 * AppSync's real-time WebSocket protocol as a closed set of typed messages: the client messages
 * with one validator at the boundary, and builders for the server messages. Pure and isomorphic
 * (no Node imports): the server and `infra/client/appsync-realtime.ts` both use it.
 * https://docs.aws.amazon.com/appsync/latest/devguide/real-time-websocket-client.html
 * See PROTOCOL.md beside this file for what is matched and why.
 */
import type { AppSyncGraphQLError } from '../types';

/** Path of the real-time endpoint: amplify appends `/realtime` to a custom-domain GraphQL URL. */
export const REALTIME_PATH = '/graphql/realtime';

/** The WebSocket subprotocol AppSync speaks (not graphql-ws's `graphql-transport-ws`). */
export const GRAPHQL_WS_SUBPROTOCOL = 'graphql-ws';

/** amplify v6 carries the auth header JSON, base64url-encoded, in a subprotocol with this prefix. */
export const HEADER_SUBPROTOCOL_PREFIX = 'header-';

/** Messages a client sends. */
export enum ClientMessageType {
  ConnectionInit = 'connection_init',
  Start = 'start',
  Stop = 'stop',
}

/** Messages the server sends. */
export enum ServerMessageType {
  ConnectionAck = 'connection_ack',
  ConnectionError = 'connection_error',
  KeepAlive = 'ka',
  StartAck = 'start_ack',
  Data = 'data',
  Error = 'error',
  Complete = 'complete',
}

/** WebSocket close codes the local server uses (AppSync documents none; see PROTOCOL.md). */
export enum CloseCode {
  Normal = 1000,
  GoingAway = 1001,
  /** The client did not offer the `graphql-ws` subprotocol. */
  SubprotocolNotAcceptable = 1002,
  /** Sent after `connection_error` for rejected handshake credentials. */
  Unauthorized = 4401,
  /** Neither `connection_init` nor `start` arrived in time. */
  InitTimeout = 4408,
}

export interface ConnectionInitMessage {
  type: ClientMessageType.ConnectionInit;
  payload?: Record<string, unknown>;
}

/** The headers a start message is authorised with, as the client sent them. */
export type AuthorizationHeaders = Record<string, string>;

export interface StartMessage {
  type: ClientMessageType.Start;
  id: string;
  payload: {
    /** JSON text of `{query, variables, operationName?}` — a string, not an object. */
    data: string;
    extensions?: { authorization?: AuthorizationHeaders };
  };
}

export interface StopMessage {
  type: ClientMessageType.Stop;
  id: string;
}

export type ClientMessage = ConnectionInitMessage | StartMessage | StopMessage;

/** One entry of a real-time `errors` array; `errorCode` appears on `connection_error`. */
export type RealtimeError = AppSyncGraphQLError & { errorCode?: number };

export interface ConnectionAckMessage {
  type: ServerMessageType.ConnectionAck;
  payload: { connectionTimeoutMs: number };
}
export interface ConnectionErrorMessage {
  type: ServerMessageType.ConnectionError;
  payload: { errors: RealtimeError[] };
}
export interface KeepAliveMessage {
  type: ServerMessageType.KeepAlive;
}
export interface StartAckMessage {
  type: ServerMessageType.StartAck;
  id: string;
}
/** The payload of a data message: what a GraphQL response for the subscription would hold. */
export interface DataPayload {
  data: Record<string, unknown> | null;
  errors?: RealtimeError[];
}
export interface DataMessage {
  type: ServerMessageType.Data;
  id: string;
  payload: DataPayload;
}
export interface ErrorMessage {
  type: ServerMessageType.Error;
  id: string;
  payload: { errors: RealtimeError[] };
}
export interface CompleteMessage {
  type: ServerMessageType.Complete;
  id: string;
}

export type ServerMessage =
  | ConnectionAckMessage
  | ConnectionErrorMessage
  | KeepAliveMessage
  | StartAckMessage
  | DataMessage
  | ErrorMessage
  | CompleteMessage;

/**
 * A frame that is not a valid message. `id` is the message id when one could be read, so the
 * error reply can name the subscription it is about.
 */
export class InvalidMessageError extends Error {
  readonly id: string | undefined;
  constructor(message: string, id?: string) {
    super(message);
    this.name = 'InvalidMessageError';
    this.id = id;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

function parseJsonText(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new InvalidMessageError('Message is not valid JSON.');
  }
}

function readId(message: Record<string, unknown>, type: string): string {
  const { id } = message;
  if (typeof id !== 'string' || id.length === 0) {
    throw new InvalidMessageError(`"${type}" message expects a non-empty string "id", found ${describe(id)}.`);
  }
  return id;
}

function readAuthorization(extensions: unknown, id: string): AuthorizationHeaders | undefined {
  if (extensions === undefined || extensions === null) return undefined;
  if (!isRecord(extensions)) {
    throw new InvalidMessageError(`"start" payload.extensions must be an object, found ${describe(extensions)}.`, id);
  }
  const { authorization } = extensions;
  if (authorization === undefined || authorization === null) return undefined;
  if (!isRecord(authorization)) {
    throw new InvalidMessageError(
      `"start" payload.extensions.authorization must be an object, found ${describe(authorization)}.`,
      id,
    );
  }
  const headers: AuthorizationHeaders = {};
  for (const [name, value] of Object.entries(authorization)) {
    // amplify spreads optional headers that may be undefined; JSON drops them, null may remain.
    if (value === null) continue;
    if (typeof value !== 'string') {
      throw new InvalidMessageError(`Authorization header "${name}" must be a string, found ${describe(value)}.`, id);
    }
    headers[name] = value;
  }
  return headers;
}

function parseStart(message: Record<string, unknown>): StartMessage {
  const id = readId(message, ClientMessageType.Start);
  const { payload } = message;
  if (!isRecord(payload)) {
    throw new InvalidMessageError(`"start" message expects an object "payload", found ${describe(payload)}.`, id);
  }
  if (typeof payload.data !== 'string') {
    throw new InvalidMessageError(`"start" payload.data must be a JSON string, found ${describe(payload.data)}.`, id);
  }
  const authorization = readAuthorization(payload.extensions, id);
  return {
    type: ClientMessageType.Start,
    id,
    payload: { data: payload.data, extensions: authorization ? { authorization } : undefined },
  };
}

/**
 * Validates one untrusted frame (JSON text or an already parsed value) and returns it as a typed
 * client message. Throws {@link InvalidMessageError} saying what was expected and what was found.
 *
 * @example
 * parseClientMessage('{"type":"stop","id":"a1"}') // → { type: 'stop', id: 'a1' }
 */
export function parseClientMessage(raw: unknown): ClientMessage {
  const message = parseJsonText(raw);
  if (!isRecord(message)) {
    throw new InvalidMessageError(`Message must be a JSON object, found ${describe(message)}.`);
  }
  const { type } = message;
  const id = typeof message.id === 'string' ? message.id : undefined;
  if (typeof type !== 'string') {
    throw new InvalidMessageError(`Message expects a string "type", found ${describe(type)}.`, id);
  }
  switch (type) {
    case ClientMessageType.ConnectionInit: {
      const { payload } = message;
      if (payload !== undefined && payload !== null && !isRecord(payload)) {
        throw new InvalidMessageError(`"connection_init" payload must be an object, found ${describe(payload)}.`);
      }
      return { type: ClientMessageType.ConnectionInit, payload: payload ?? undefined };
    }
    case ClientMessageType.Start:
      return parseStart(message);
    case ClientMessageType.Stop:
      return { type: ClientMessageType.Stop, id: readId(message, type) };
    default:
      throw new InvalidMessageError(`Unknown message type "${type}".`, id);
  }
}

const isErrorList = (value: unknown): value is RealtimeError[] =>
  Array.isArray(value) && value.every((entry) => isRecord(entry) && typeof entry.message === 'string');

/**
 * Validates one frame received from an AppSync (or local) real-time endpoint; used by the client.
 * Throws {@link InvalidMessageError} for anything outside the protocol.
 */
export function parseServerMessage(raw: unknown): ServerMessage {
  const message = parseJsonText(raw);
  if (!isRecord(message) || typeof message.type !== 'string') {
    throw new InvalidMessageError('Server message must be an object with a string "type".');
  }
  const { type, payload } = message;
  const id = typeof message.id === 'string' ? message.id : undefined;
  const needId = (): string => {
    if (id === undefined) throw new InvalidMessageError(`"${type}" message without an "id".`);
    return id;
  };
  switch (type) {
    case ServerMessageType.ConnectionAck: {
      const timeout = isRecord(payload) ? payload.connectionTimeoutMs : undefined;
      // amplify defaults to 5 minutes when the field is absent.
      return {
        type: ServerMessageType.ConnectionAck,
        payload: { connectionTimeoutMs: typeof timeout === 'number' ? timeout : 300_000 },
      };
    }
    case ServerMessageType.ConnectionError:
    case ServerMessageType.Error: {
      const errors = isRecord(payload) && isErrorList(payload.errors) ? payload.errors : [];
      if (type === ServerMessageType.ConnectionError) return { type, payload: { errors } };
      return { type, id: id ?? '', payload: { errors } };
    }
    case ServerMessageType.KeepAlive:
      return { type };
    case ServerMessageType.StartAck:
    case ServerMessageType.Complete:
      return { type, id: needId() };
    case ServerMessageType.Data: {
      if (!isRecord(payload) || !('data' in payload)) {
        throw new InvalidMessageError('"data" message without a payload.data.');
      }
      const data = isRecord(payload.data) ? payload.data : null;
      const errors = isErrorList(payload.errors) ? payload.errors : undefined;
      return { type, id: needId(), payload: errors ? { data, errors } : { data } };
    }
    default:
      throw new InvalidMessageError(`Unknown server message type "${type}".`, id);
  }
}

/** The serialized keep-alive frame (constant, sent to every connection). */
export const KEEP_ALIVE_FRAME = JSON.stringify({ type: ServerMessageType.KeepAlive });

/** `connection_ack` telling the client how long to wait for a `ka` before giving up. */
export const connectionAck = (connectionTimeoutMs: number): ConnectionAckMessage => ({
  type: ServerMessageType.ConnectionAck,
  payload: { connectionTimeoutMs },
});

/** `connection_error` for a handshake the server refuses. */
export const connectionError = (errors: RealtimeError[]): ConnectionErrorMessage => ({
  type: ServerMessageType.ConnectionError,
  payload: { errors },
});

/** `start_ack`: the subscription is live from now on. */
export const startAck = (id: string): StartAckMessage => ({ type: ServerMessageType.StartAck, id });

/** `error` for one subscription id (the subscription is not live). */
export const errorMessage = (id: string, errors: RealtimeError[]): ErrorMessage => ({
  type: ServerMessageType.Error,
  id,
  payload: { errors },
});

/** `complete`: the answer to `stop`, and what an invalidated subscription receives. */
export const complete = (id: string): CompleteMessage => ({ type: ServerMessageType.Complete, id });

/** `data` carrying one published event shaped for one subscription. */
export const dataMessage = (id: string, payload: DataPayload): DataMessage => ({
  type: ServerMessageType.Data,
  id,
  payload,
});

/** Serializes any server message to the text frame sent on the socket. */
export const serializeServerMessage = (message: ServerMessage): string => JSON.stringify(message);

/**
 * Builds a `data` frame around an already serialized payload, so one event shaped once can be
 * sent to many subscribers at the cost of a string concatenation each.
 */
export const serializeDataFrame = (id: string, payloadJson: string): string =>
  `{"id":${JSON.stringify(id)},"type":"data","payload":${payloadJson}}`;
