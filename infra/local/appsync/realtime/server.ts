/**
 * The real-time endpoint of the local AppSync runtime: the `ws` adapter around the engine. The
 * lead's HTTP server routes `GET /graphql/realtime` upgrades to {@link RealtimeServer.handleUpgrade};
 * the GraphQL executor calls `publish` / `invalidate` after mutations.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { createRealtimeEngine } from './engine';
import { readHandshake } from './handshake';
import type { InvalidateEvent, PublishEvent, RealtimeHooks, RealtimeOptions, RealtimeStats } from './hooks';
import { CloseCode, GRAPHQL_WS_SUBPROTOCOL, REALTIME_PATH } from './protocol';

export type { RealtimeHooks, RealtimeOptions, SubscribeHookResult, PublishEvent, InvalidateEvent, RealtimeStats } from './hooks';

export interface RealtimeServer {
  /** Called by the GraphQL executor after a mutation field resolved: fan out to subscribers. */
  publish(event: PublishEvent): void;
  /** Called by the executor when a mutation resolver called `extensions.invalidateSubscriptions`. */
  invalidate(event: InvalidateEvent): void;
  /** Takes over an HTTP upgrade for `/graphql/realtime`; any other path is answered 404. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every connection (1001) and stops timers. */
  close(): Promise<void>;
  stats(): RealtimeStats;
}

const lowerCaseRequestHeaders = (req: IncomingMessage): Record<string, string | undefined> => {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith('sec-websocket-')) continue; // carries the header- subprotocol (a token)
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
};

const offeredSubprotocols = (req: IncomingMessage): string[] =>
  (req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((protocol) => protocol.trim())
    .filter((protocol) => protocol.length > 0);

const pathOf = (url: string | undefined): string => (url ?? '/').split('?')[0] ?? '/';

/**
 * Creates the real-time server for one API. Returns a server that owns no port: hand it upgrades.
 *
 * @example
 * const realtime = createRealtimeServer({ schema, authenticator, onSubscribe });
 * httpServer.on('upgrade', (req, socket, head) => realtime.handleUpgrade(req, socket, head));
 */
export function createRealtimeServer(hooks: RealtimeHooks, options: RealtimeOptions = {}): RealtimeServer {
  const engine = createRealtimeEngine(hooks, options);
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({
    noServer: true,
    // AppSync's subprotocol is selected; the header- entry only carries credentials.
    handleProtocols: (protocols) => (protocols.has(GRAPHQL_WS_SUBPROTOCOL) ? GRAPHQL_WS_SUBPROTOCOL : false),
  });

  const attach = (ws: WebSocket, req: IncomingMessage): void => {
    sockets.add(ws);
    if (ws.protocol !== GRAPHQL_WS_SUBPROTOCOL) {
      ws.close(CloseCode.SubprotocolNotAcceptable, 'Subprotocol graphql-ws required');
      return;
    }
    const handshake = readHandshake({
      url: req.url ?? '/',
      subprotocols: offeredSubprotocols(req),
      requestHeaders: lowerCaseRequestHeaders(req),
      sourceIp: req.socket.remoteAddress ?? '',
    });
    const connection = engine.connect(
      {
        send: (frame) => {
          if (ws.readyState === ws.OPEN) ws.send(frame);
        },
        close: (code, reason) => ws.close(code, reason),
      },
      handshake,
    );
    ws.on('message', (data, isBinary) => connection.receive(isBinary ? undefined : data.toString()));
    ws.on('close', () => {
      sockets.delete(ws);
      connection.closed();
    });
    ws.on('error', () => ws.terminate());
  };

  return {
    publish: (event) => engine.publish(event),
    invalidate: (event) => engine.invalidate(event),
    handleUpgrade(req, socket, head) {
      if (pathOf(req.url) !== REALTIME_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => attach(ws, req));
    },
    async close() {
      engine.close();
      const closing = [...sockets].map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === ws.CLOSED) return resolve();
            const timer = setTimeout(() => {
              ws.terminate();
              resolve();
            }, 1000);
            ws.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
          }),
      );
      await Promise.all(closing);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
    stats: () => engine.stats(),
  };
}
