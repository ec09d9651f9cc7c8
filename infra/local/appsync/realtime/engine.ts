/**
 * The transport-agnostic core of the real-time server: one state machine per connection speaking
 * AppSync's protocol (see PROTOCOL.md), keep-alives, and the registry that fans published
 * mutation results out. Adapters (the `ws` one is server.ts) hand it text frames and a way to
 * send and close; it never touches sockets or the GraphQL executor.
 */
import { AuthenticationError } from '../types';
import { connectionAuthRequest } from './handshake';
import type { Handshake } from './handshake';
import type { InvalidateEvent, PublishEvent, RealtimeHooks, RealtimeOptions, RealtimeStats } from './hooks';
import { silentLogger } from './logger';
import { prepareSubscription } from './prepare-subscription';
import {
  ClientMessageType,
  CloseCode,
  complete,
  connectionAck,
  connectionError,
  errorMessage,
  InvalidMessageError,
  KEEP_ALIVE_FRAME,
  parseClientMessage,
  serializeServerMessage,
  startAck,
} from './protocol';
import type { ClientMessage, RealtimeError, ServerMessage, StartMessage } from './protocol';
import { createSubscriptionRegistry } from './registry';
import type { RegisteredSubscription } from './registry';
import { buildSubscriptionIndex } from './subscribe-directive';

/** What an adapter gives the engine for one socket. */
export interface RealtimeTransport {
  send(frame: string): void;
  close(code: number, reason: string): void;
}

/** What the engine gives back: the adapter forwards frames and the close. */
export interface RealtimeConnectionHandle {
  readonly id: string;
  /** A text frame arrived (binary frames must be passed as `undefined`). */
  receive(frame: string | undefined): void;
  /** The socket closed, for whatever reason. */
  closed(): void;
}

export interface RealtimeEngine {
  connect(transport: RealtimeTransport, handshake: Handshake): RealtimeConnectionHandle;
  publish(event: PublishEvent): void;
  invalidate(event: InvalidateEvent): void;
  stats(): RealtimeStats;
  /** Closes every connection (1001) and stops the keep-alive timer. */
  close(): void;
}

type NumericOption = 'connectionTimeoutMs' | 'keepAliveMs' | 'maxSubscriptionsPerConnection' | 'initTimeoutMs';

const DEFAULTS: Record<NumericOption, number> = {
  connectionTimeoutMs: 300_000,
  keepAliveMs: 60_000,
  maxSubscriptionsPerConnection: 100,
  initTimeoutMs: 30_000,
};

// What AppSync answers to a handshake it refuses (observed: amplify-flutter issue #2763).
const UNAUTHORIZED_CONNECTION: RealtimeError = {
  errorType: 'UnauthorizedException',
  message: 'You are not authorized to make this call.',
  errorCode: 401,
};

type ConnectionState = 'new' | 'initialising' | 'ready' | 'closed';

interface Connection {
  readonly id: string;
  readonly transport: RealtimeTransport;
  readonly handshake: Handshake;
  state: ConnectionState;
  initialising: Promise<boolean> | undefined;
  initTimer: ReturnType<typeof setTimeout> | undefined;
  readonly live: Map<string, RegisteredSubscription>;
  /** Starts still being prepared; `true` once a stop cancelled them. */
  readonly pending: Map<string, { cancelled: boolean }>;
}

/** Creates the engine for one API: its schema, authenticator and subscribe hook. */
export function createRealtimeEngine(hooks: RealtimeHooks, options: RealtimeOptions = {}): RealtimeEngine {
  const settings = { ...DEFAULTS, ...definedOnly(options) };
  const logger = options.logger ?? silentLogger;
  const registry = createSubscriptionRegistry(buildSubscriptionIndex(hooks.schema), logger);
  const connections = new Set<Connection>();
  let nextConnection = 0;

  const keepAlive = setInterval(() => {
    for (const connection of connections) if (connection.state === 'ready') connection.transport.send(KEEP_ALIVE_FRAME);
  }, settings.keepAliveMs);
  keepAlive.unref?.();

  const send = (connection: Connection, message: ServerMessage): void => {
    if (connection.state !== 'closed') connection.transport.send(serializeServerMessage(message));
  };

  const closeConnection = (connection: Connection, code: number, reason: string): void => {
    if (connection.state === 'closed') return;
    cleanUp(connection);
    connection.transport.close(code, reason);
  };

  function cleanUp(connection: Connection): void {
    if (connection.state === 'closed') return;
    connection.state = 'closed';
    clearTimeout(connection.initTimer);
    for (const subscription of connection.live.values()) registry.remove(subscription);
    for (const pending of connection.pending.values()) pending.cancelled = true;
    logger.log('info', 'connection.closed', { connectionId: connection.id, subscriptions: connection.live.size });
    connection.live.clear();
    connections.delete(connection);
  }

  /** Authenticates the handshake header once; later callers share the outcome. */
  function initialise(connection: Connection): Promise<boolean> {
    if (connection.state === 'ready') return Promise.resolve(true);
    if (connection.initialising) return connection.initialising;
    connection.state = 'initialising';
    clearTimeout(connection.initTimer);
    connection.initialising = (async () => {
      try {
        if (!connection.handshake.authorization) throw new AuthenticationError('Missing authorization header.');
        await hooks.authenticator.authenticate(connectionAuthRequest(connection.handshake));
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        logger.log('warn', 'connection.unauthorized', { connectionId: connection.id, errorType: error.errorType });
        send(connection, connectionError([UNAUTHORIZED_CONNECTION]));
        closeConnection(connection, CloseCode.Unauthorized, 'Unauthorized');
        return false;
      }
      if (connection.state === 'closed') return false;
      connection.state = 'ready';
      return true;
    })();
    return connection.initialising;
  }

  async function onConnectionInit(connection: Connection): Promise<void> {
    const alreadyReady = connection.state === 'ready';
    if (!(await initialise(connection))) return;
    send(connection, connectionAck(settings.connectionTimeoutMs));
    // AppSync follows the ack with a keep-alive straight away, then one per interval.
    if (!alreadyReady) connection.transport.send(KEEP_ALIVE_FRAME);
  }

  function refuseStart(connection: Connection, id: string, errors: RealtimeError[]): void {
    logger.log('info', 'subscription.refused', {
      connectionId: connection.id,
      subscriptionId: id,
      errorTypes: errors.map((error) => error.errorType ?? null),
    });
    send(connection, errorMessage(id, errors));
  }

  async function onStart(connection: Connection, message: StartMessage): Promise<void> {
    const { id } = message;
    if (connection.live.has(id) || connection.pending.has(id)) {
      return refuseStart(connection, id, [{ errorType: 'DuplicatedOperationError', message: `Duplicated operation with id ${id}` }]);
    }
    if (connection.live.size + connection.pending.size >= settings.maxSubscriptionsPerConnection) {
      return refuseStart(connection, id, [
        {
          errorType: 'LimitExceededError',
          message: `Maximum number of subscriptions per connection (${settings.maxSubscriptionsPerConnection}) reached.`,
        },
      ]);
    }
    const pending = { cancelled: false };
    connection.pending.set(id, pending);
    try {
      if (!(await initialise(connection))) return;
      const result = await prepareSubscription(hooks, message, connection.handshake);
      if (pending.cancelled) return;
      if (!result.ok) return refuseStart(connection, id, result.errors);
      const subscription: RegisteredSubscription = {
        id,
        connectionId: connection.id,
        prepared: result.subscription,
        send: (frame) => {
          if (connection.state !== 'closed') connection.transport.send(frame);
        },
        onInvalidated: () => {
          connection.live.delete(id);
          logger.log('info', 'subscription.invalidated', { connectionId: connection.id, subscriptionId: id });
          send(connection, complete(id));
        },
      };
      registry.add(subscription);
      connection.live.set(id, subscription);
      send(connection, startAck(id));
      logger.log('info', 'subscription.started', {
        connectionId: connection.id,
        subscriptionId: id,
        field: result.subscription.fieldName,
        authMode: result.subscription.principal.mode,
        enhancedFilter: result.subscription.filter !== undefined,
      });
    } catch (error) {
      logger.log('error', 'subscription.failed', { connectionId: connection.id, subscriptionId: id, error: (error as Error).message });
      if (!pending.cancelled) refuseStart(connection, id, [{ errorType: 'InternalFailure', message: 'An internal failure occurred.' }]);
    } finally {
      if (connection.pending.get(id) === pending) connection.pending.delete(id);
    }
  }

  function onStop(connection: Connection, id: string): void {
    const subscription = connection.live.get(id);
    if (subscription) {
      registry.remove(subscription);
      connection.live.delete(id);
    }
    const pending = connection.pending.get(id);
    if (pending) {
      pending.cancelled = true;
      connection.pending.delete(id);
    }
    logger.log('debug', 'subscription.stopped', { connectionId: connection.id, subscriptionId: id });
    send(connection, complete(id));
  }

  function dispatch(connection: Connection, message: ClientMessage): void {
    const report = (error: unknown): void => {
      logger.log('error', 'message.failed', { connectionId: connection.id, type: message.type, error: (error as Error).message });
    };
    switch (message.type) {
      case ClientMessageType.ConnectionInit:
        onConnectionInit(connection).catch(report);
        return;
      case ClientMessageType.Start:
        onStart(connection, message).catch(report);
        return;
      case ClientMessageType.Stop:
        onStop(connection, message.id);
        return;
    }
  }

  return {
    connect(transport, handshake) {
      nextConnection += 1;
      const connection: Connection = {
        id: `c${nextConnection}`,
        transport,
        handshake,
        state: 'new',
        initialising: undefined,
        initTimer: undefined,
        live: new Map(),
        pending: new Map(),
      };
      connection.initTimer = setTimeout(() => {
        if (connection.state !== 'new') return;
        logger.log('info', 'connection.initTimeout', { connectionId: connection.id });
        closeConnection(connection, CloseCode.InitTimeout, 'Connection initialisation timeout');
      }, settings.initTimeoutMs);
      connection.initTimer.unref?.();
      connections.add(connection);
      logger.log('info', 'connection.opened', { connectionId: connection.id, sourceIp: handshake.sourceIp });
      return {
        id: connection.id,
        receive(frame) {
          if (connection.state === 'closed') return;
          let message: ClientMessage;
          try {
            if (frame === undefined) throw new InvalidMessageError('Binary frames are not supported.');
            message = parseClientMessage(frame);
          } catch (error) {
            if (!(error instanceof InvalidMessageError)) throw error;
            logger.log('info', 'message.invalid', { connectionId: connection.id, reason: error.message });
            send(connection, errorMessage(error.id ?? '', [{ errorType: 'UnsupportedOperation', message: error.message }]));
            return;
          }
          dispatch(connection, message);
        },
        closed() {
          cleanUp(connection);
        },
      };
    },
    publish(event) {
      const started = performance.now();
      const delivered = registry.publish(event);
      if (delivered > 0) {
        logger.log('debug', 'publish.delivered', {
          mutationField: event.mutationField,
          delivered,
          durationMs: Math.round((performance.now() - started) * 100) / 100,
        });
      }
    },
    invalidate(event) {
      const invalidated = registry.invalidate(event);
      logger.log('info', 'subscriptions.invalidated', { subscriptionField: event.subscriptionField, invalidated });
    },
    stats: () => ({ connections: connections.size, subscriptions: registry.size() }),
    close() {
      clearInterval(keepAlive);
      for (const connection of [...connections]) closeConnection(connection, CloseCode.GoingAway, 'Server shutting down');
    },
  };
}

function definedOnly(options: RealtimeOptions): Partial<Record<NumericOption, number>> {
  const result: Partial<Record<NumericOption, number>> = {};
  for (const key of Object.keys(DEFAULTS) as NumericOption[]) {
    const value = options[key];
    if (typeof value === 'number') result[key] = value;
  }
  return result;
}
