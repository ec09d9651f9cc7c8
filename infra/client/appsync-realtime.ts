/**
 * A small isomorphic client for AppSync's real-time (subscriptions) protocol — the same wire
 * format as AWS's amplify-js, against AWS AppSync or the local runtime. Used by tests, the CLI
 * and the web app. Browsers use the global `WebSocket`; Node passes one in (e.g. `ws`).
 * One socket is opened on the first subscription and closed when the last one ends.
 * https://docs.aws.amazon.com/appsync/latest/devguide/real-time-websocket-client.html
 */
import type { DocumentNode } from 'graphql';
import {
  ClientMessageType,
  GRAPHQL_WS_SUBPROTOCOL,
  HEADER_SUBPROTOCOL_PREFIX,
  InvalidMessageError,
  parseServerMessage,
  ServerMessageType,
} from '../local/appsync/realtime/protocol';
import type { ClientMessage, DataPayload, RealtimeError, ServerMessage } from '../local/appsync/realtime/protocol';
import { authorizationHeaders } from './auth';
import type { ClientAuth } from './auth';
import { base64Encode, randomId } from './encoding';
import { queryText } from './query-text';

/** Function types checked bivariantly, so both DOM and `ws` handler signatures fit. */
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

/** The part of the WebSocket API the client uses (the DOM's and `ws`'s both satisfy it). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onclose: Handler<{ code: number; reason: string }> | null;
  onerror: Handler<unknown> | null;
}

export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

export interface AppSyncRealtimeClientOptions {
  /** The GraphQL HTTP endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  graphqlEndpoint: string;
  /** Override of the derived real-time URL (AppSync domain → `appsync-realtime-api`, else `+ /realtime`). */
  realtimeEndpoint?: string;
  auth: ClientAuth;
  /** @default globalThis.WebSocket */
  WebSocket?: WebSocketConstructor;
  /** Where the handshake credentials go: amplify v6 `header-` subprotocol, or v5 query string. @default 'subprotocol' */
  handshake?: 'subprotocol' | 'query';
  /** How long to wait for `connection_ack` and for each `start_ack` (amplify: 15 s). @default 15000 */
  ackTimeoutMs?: number;
}

export interface SubscriptionRequest {
  query: string | DocumentNode;
  variables?: Record<string, unknown>;
}

/** Receives one subscription's events. `complete` also signals an invalidated subscription. */
export interface SubscriptionSink {
  /** The server acknowledged the subscription (`start_ack`): events from now on are delivered. */
  started?(): void;
  next(payload: DataPayload): void;
  error(error: AppSyncRealtimeError): void;
  complete(): void;
}

export type RealtimeFailure = 'connection' | 'start' | 'timeout' | 'closed' | 'protocol';

/** Why a subscription failed: `errors` are AppSync's when the server sent any. */
export class AppSyncRealtimeError extends Error {
  readonly kind: RealtimeFailure;
  readonly errors: RealtimeError[];
  constructor(kind: RealtimeFailure, message: string, errors: RealtimeError[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppSyncRealtimeError';
    this.kind = kind;
    this.errors = errors;
  }
}

export interface AppSyncRealtimeClient {
  /** Starts a subscription; returns the function that stops it. */
  subscribe(request: SubscriptionRequest, sink: SubscriptionSink): () => void;
  /** Closes the socket; active subscriptions complete. */
  close(): void;
}

const STANDARD_DOMAIN = /^https:\/\/\w{26}\.appsync-api\.\w{2}(?:-\w{2,})+-\d\.amazonaws\.com(?:\.cn)?\/graphql$/i;

/** The real-time URL AWS clients derive from a GraphQL endpoint. */
export function realtimeUrlFor(graphqlEndpoint: string): string {
  const url = STANDARD_DOMAIN.test(graphqlEndpoint)
    ? graphqlEndpoint.replace('appsync-api', 'appsync-realtime-api')
    : `${graphqlEndpoint}/realtime`;
  return url.replace(/^https:\/\//, 'wss://').replace(/^http:\/\//, 'ws://');
}

interface Operation {
  readonly id: string;
  readonly sink: SubscriptionSink;
  acked: boolean;
  ended: boolean;
  ackTimer: ReturnType<typeof setTimeout> | undefined;
}

interface Socket {
  readonly ws: WebSocketLike;
  /** Resolves once `connection_ack` arrived. */
  readonly ready: Promise<void>;
  keepAliveTimer: ReturnType<typeof setTimeout> | undefined;
}

const OPEN = 1;

/** Creates a client; nothing connects until the first `subscribe`. */
export function createAppSyncRealtimeClient(options: AppSyncRealtimeClientOptions): AppSyncRealtimeClient {
  const WebSocketImpl = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (!WebSocketImpl) throw new TypeError('No WebSocket implementation: pass options.WebSocket (e.g. from "ws").');
  const realtimeUrl = options.realtimeEndpoint ?? realtimeUrlFor(options.graphqlEndpoint);
  const ackTimeoutMs = options.ackTimeoutMs ?? 15_000;
  const operations = new Map<string, Operation>();
  let socket: Socket | undefined;
  let connecting: Promise<Socket> | undefined;

  const send = (target: Socket, message: ClientMessage): void => {
    if (target.ws.readyState === OPEN) target.ws.send(JSON.stringify(message));
  };

  const finish = (operation: Operation): void => {
    operation.ended = true;
    clearTimeout(operation.ackTimer);
    operations.delete(operation.id);
    if (operations.size === 0 && socket) closeSocket(1000, 'No subscriptions');
  };

  const failAll = (error: AppSyncRealtimeError): void => {
    for (const operation of [...operations.values()]) {
      finish(operation);
      operation.sink.error(error);
    }
  };

  function closeSocket(code: number, reason: string): void {
    const current = socket;
    socket = undefined;
    connecting = undefined;
    if (!current) return;
    clearTimeout(current.keepAliveTimer);
    current.ws.onclose = null;
    current.ws.onmessage = null;
    current.ws.close(code, reason);
  }

  const armKeepAlive = (target: Socket, timeoutMs: number): void => {
    clearTimeout(target.keepAliveTimer);
    // The doc: no "ka" within connectionTimeoutMs means the connection is gone.
    target.keepAliveTimer = setTimeout(() => {
      if (socket !== target) return;
      closeSocket(1000, 'Keep-alive timeout');
      failAll(new AppSyncRealtimeError('timeout', `No keep-alive received within ${timeoutMs} ms.`));
    }, timeoutMs);
  };

  const onServerMessage = (target: Socket, message: ServerMessage, acked: () => void, timeoutMs: { value: number }): void => {
    switch (message.type) {
      case ServerMessageType.ConnectionAck:
        timeoutMs.value = message.payload.connectionTimeoutMs;
        armKeepAlive(target, timeoutMs.value);
        acked();
        return;
      case ServerMessageType.KeepAlive:
        armKeepAlive(target, timeoutMs.value);
        return;
      case ServerMessageType.ConnectionError:
        closeSocket(1000, 'Connection refused');
        failAll(new AppSyncRealtimeError('connection', 'The server refused the connection.', message.payload.errors));
        return;
      case ServerMessageType.StartAck: {
        const operation = operations.get(message.id);
        if (!operation) return;
        operation.acked = true;
        clearTimeout(operation.ackTimer);
        operation.sink.started?.();
        return;
      }
      case ServerMessageType.Data:
        operations.get(message.id)?.sink.next(message.payload);
        return;
      case ServerMessageType.Error: {
        const operation = operations.get(message.id);
        if (!operation) return;
        finish(operation);
        operation.sink.error(new AppSyncRealtimeError('start', 'The subscription was refused.', message.payload.errors));
        return;
      }
      case ServerMessageType.Complete: {
        // Unsolicited when the server invalidated the subscription.
        const operation = operations.get(message.id);
        if (!operation) return;
        finish(operation);
        operation.sink.complete();
        return;
      }
    }
  };

  const open = async (): Promise<Socket> => {
    const connectUrl = `${options.graphqlEndpoint}/connect`;
    const header = JSON.stringify(await authorizationHeaders(options.auth, connectUrl, '{}'));
    if (operations.size === 0) throw new AppSyncRealtimeError('closed', 'Every subscription ended before the connection opened.');
    const url =
      options.handshake === 'query'
        ? `${realtimeUrl}?header=${encodeURIComponent(base64Encode(header))}&payload=${encodeURIComponent(base64Encode('{}'))}`
        : realtimeUrl;
    const protocols =
      options.handshake === 'query'
        ? [GRAPHQL_WS_SUBPROTOCOL]
        : [GRAPHQL_WS_SUBPROTOCOL, `${HEADER_SUBPROTOCOL_PREFIX}${base64Encode(header, true)}`];
    const ws = new WebSocketImpl(url, protocols);
    let resolveReady!: () => void;
    let rejectReady!: (error: AppSyncRealtimeError) => void;
    const ready = new Promise<void>((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    const target: Socket = { ws, ready, keepAliveTimer: undefined };
    socket = target;
    const timeoutMs = { value: 300_000 };
    const ackTimer = setTimeout(() => {
      rejectReady(new AppSyncRealtimeError('timeout', `No connection_ack within ${ackTimeoutMs} ms.`));
      if (socket === target) closeSocket(1000, 'No connection_ack');
    }, ackTimeoutMs);
    const acked = () => {
      clearTimeout(ackTimer);
      resolveReady();
    };
    ws.onopen = () => send(target, { type: ClientMessageType.ConnectionInit });
    ws.onerror = () => undefined; // the close that follows carries the outcome
    ws.onclose = (event) => {
      clearTimeout(ackTimer);
      clearTimeout(target.keepAliveTimer);
      const error = new AppSyncRealtimeError('closed', `The connection closed (${event.code}${event.reason ? `: ${event.reason}` : ''}).`);
      rejectReady(error);
      if (socket !== target) return;
      socket = undefined;
      connecting = undefined;
      failAll(error);
    };
    ws.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      let message: ServerMessage;
      try {
        message = parseServerMessage(event.data);
      } catch (error) {
        if (error instanceof InvalidMessageError) return; // ignore what the protocol does not define
        throw error;
      }
      if (message.type === ServerMessageType.ConnectionError) rejectReady(new AppSyncRealtimeError('connection', 'The server refused the connection.', message.payload.errors));
      onServerMessage(target, message, acked, timeoutMs);
    };
    return target;
  };

  /** The socket, opened on demand and shared; resolves once acknowledged. */
  const connected = (): Promise<Socket> => {
    if (!connecting) {
      const attempt = open().then(async (opened) => {
        await opened.ready;
        return opened;
      });
      connecting = attempt;
      attempt.catch(() => {
        if (connecting === attempt) connecting = undefined;
      });
    }
    return connecting;
  };

  const startOperation = async (operation: Operation, request: SubscriptionRequest): Promise<void> => {
    const data = JSON.stringify({ query: queryText(request.query), variables: request.variables ?? {} });
    let current = await connected();
    let authorization = await authorizationHeaders(options.auth, options.graphqlEndpoint, data);
    // The socket this operation waited for may have closed meanwhile (the last other subscription
    // ended, or it failed): start on a new one rather than never starting at all.
    while (!operation.ended && socket !== current) {
      current = await connected();
      authorization = await authorizationHeaders(options.auth, options.graphqlEndpoint, data);
    }
    if (operation.ended) return;
    operation.ackTimer = setTimeout(() => {
      if (operation.acked || operation.ended) return;
      finish(operation);
      operation.sink.error(new AppSyncRealtimeError('timeout', `No start_ack within ${ackTimeoutMs} ms.`));
    }, ackTimeoutMs);
    send(current, { type: ClientMessageType.Start, id: operation.id, payload: { data, extensions: { authorization } } });
  };

  return {
    subscribe(request, sink) {
      const operation: Operation = { id: randomId(), sink, acked: false, ended: false, ackTimer: undefined };
      operations.set(operation.id, operation);
      startOperation(operation, request).catch((error: unknown) => {
        if (operation.ended) return;
        finish(operation);
        sink.error(
          error instanceof AppSyncRealtimeError
            ? error
            : new AppSyncRealtimeError('connection', (error as Error).message ?? 'Connection failed.', [], { cause: error }),
        );
      });
      return () => {
        if (operation.ended) return;
        if (socket && operation.acked) send(socket, { type: ClientMessageType.Stop, id: operation.id });
        finish(operation);
      };
    },
    close() {
      const active = [...operations.values()];
      for (const operation of active) {
        operation.ended = true;
        clearTimeout(operation.ackTimer);
        operations.delete(operation.id);
      }
      closeSocket(1000, 'Client closed');
      for (const operation of active) operation.sink.complete();
    },
  };
}
