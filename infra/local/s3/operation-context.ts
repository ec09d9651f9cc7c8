/**
 * What every operation gets (the verified caller, the request, the server's stores and hooks) and
 * what it returns (status, headers, body) — the request handler does the HTTP around both.
 */
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { Logger } from '../log';
import type { Authenticated } from './authentication';
import type { EventOrigin, ObjectCreatedEvent, ObjectDeletedEvent } from './events';
import type { KeyedMutex } from './keyed-mutex';
import type { MultipartRepository } from './multipart-repository';
import type { ObjectRepository } from './object-repository';

/** Receives the Object Created events (the local bus, in the runtime). */
export type ObjectCreatedListener = (event: ObjectCreatedEvent) => void | Promise<void>;
/** Receives the Object Deleted events. */
export type ObjectDeletedListener = (event: ObjectDeletedEvent) => void | Promise<void>;

/** Server-wide state the operations share. */
export interface ServerState {
  readonly objects: ObjectRepository;
  readonly uploads: MultipartRepository;
  /** Serialises work on one multipart upload (parts, completion, abort). */
  readonly uploadLocks: KeyedMutex;
  readonly region: string;
  readonly accountId: string;
  /** Largest object (and part) accepted. */
  readonly maxObjectBytes: number;
  readonly onObjectCreated: ObjectCreatedListener | undefined;
  readonly onObjectDeleted: ObjectDeletedListener | undefined;
  readonly logger: Logger;
}

/** One authenticated request. */
export interface OperationContext {
  readonly requestId: string;
  /** The body source. */
  readonly request: IncomingMessage;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Decoded query parameters (first value of each name). */
  readonly query: ReadonlyMap<string, string>;
  readonly caller: Authenticated;
  readonly sourceIp: string;
  readonly server: ServerState;
}

/** An operation's answer. */
export interface S3Response {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Readable;
}

/**
 * The facts an S3 event carries about the request.
 * @returns the origin for `objectCreatedEvent`/`objectDeletedEvent`
 */
export function eventOrigin(context: OperationContext, bucket: string): EventOrigin {
  return {
    account: context.server.accountId,
    region: context.server.region,
    bucket,
    requestId: context.requestId,
    requester: context.caller.accountId,
    sourceIp: context.sourceIp,
  };
}

/**
 * Hands an event to a listener. S3 stores the object whatever happens to the notification, so a
 * listener's failure is logged, not returned to the client; it is awaited so an event the bus
 * accepted is never lost to a crash between storing and answering.
 * @returns once the listener has settled
 */
export async function deliverEvent<E>(context: OperationContext, listener: ((event: E) => void | Promise<void>) | undefined, event: E): Promise<void> {
  if (!listener) return;
  try {
    await listener(event);
  } catch (error) {
    context.server.logger.error('s3.event-listener-failed', {
      requestId: context.requestId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
