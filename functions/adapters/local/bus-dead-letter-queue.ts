/**
 * DeadLetterQueue over the local bus's dead-letter store. The `dead-letters` function runs in a
 * worker thread, so it reaches the store over the wire: the bus's EventBridge endpoint, with the
 * local-only `X-Amz-Target: MediagraphLocal.ListDeadLetters | RedriveDeadLetters | PurgeDeadLetters`
 * operations (see infra/local/events/admin-operations.ts), SigV4-signed for service `events` with
 * the function's credentials like any EventBridge call. There is no SQS-compatible server locally,
 * hence an adapter of its own.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { DeadLetter, DeadLetterQueue, DeadLetterSelection } from '../../ports/dead-letter-queue';

/** The endpoint refused a call; `code` is the AWS error code it answered with. */
export class LocalDeadLetterError extends Error {
  readonly code: string;
  readonly statusCode: number;
  constructor(code: string, message: string, statusCode: number) {
    super(message);
    this.name = 'LocalDeadLetterError';
    this.code = code;
    this.statusCode = statusCode;
  }
}

export interface BusDeadLetterQueueOptions {
  /** The bus's EventBridge endpoint (EVENTBRIDGE_ENDPOINT). */
  readonly endpoint: string;
  readonly region: string;
  /** @default the environment's AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (the worker credential) */
  readonly credentials?: () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }>;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

interface WireDeadLetter {
  readonly Id: string;
  readonly Event: unknown;
  readonly Rule: string | null;
  readonly Target: string;
  readonly ErrorCode: string;
  readonly ErrorMessage: string;
  readonly Attempts: number;
  readonly FirstAttemptAt: string;
  readonly LastAttemptAt: string;
}

/**
 * Creates the adapter.
 * @returns a DeadLetterQueue backed by the local bus
 */
export function createBusDeadLetterQueue(options: BusDeadLetterQueueOptions): DeadLetterQueue {
  const credentials = options.credentials ?? fromEnv();
  const send = options.fetch ?? globalThis.fetch;
  const url = new URL(options.endpoint);

  const call = async <T>(operation: string, input: object): Promise<T> => {
    const body = JSON.stringify(input);
    const request = new HttpRequest({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: '/',
      headers: { host: url.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `MediagraphLocal.${operation}` },
      body,
    });
    const signer = new SignatureV4({ credentials: await credentials(), region: options.region, service: 'events', sha256: Sha256 });
    const signed = await signer.sign(request);
    const response = await send(new URL('/', url), { method: 'POST', headers: signed.headers as Record<string, string>, body });
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      const code = String(answer.__type ?? response.headers.get('x-amzn-errortype') ?? 'UnknownError');
      throw new LocalDeadLetterError(code, String(answer.message ?? `${operation} failed with HTTP ${response.status}`), response.status);
    }
    return answer as T;
  };

  const selection = (chosen: DeadLetterSelection) => (chosen === 'all' ? { All: true } : { Ids: [...chosen] });

  return {
    async list(listOptions = {}) {
      const answer = await call<{ Entries: WireDeadLetter[]; NextToken?: string }>('ListDeadLetters', {
        ...(listOptions.limit !== undefined ? { Limit: listOptions.limit } : {}),
        ...(listOptions.nextToken ? { NextToken: listOptions.nextToken } : {}),
      });
      return { items: answer.Entries.map(toDeadLetter), nextToken: answer.NextToken ?? null };
    },
    async redrive(chosen) {
      const answer = await call<{ Redriven: string[]; Failed: { Id: string; ErrorCode: string; ErrorMessage: string }[] }>('RedriveDeadLetters', selection(chosen));
      return { redriven: answer.Redriven, failed: answer.Failed.map((failure) => ({ id: failure.Id, errorCode: failure.ErrorCode, errorMessage: failure.ErrorMessage })) };
    },
    async purge(chosen) {
      return (await call<{ Purged: number }>('PurgeDeadLetters', selection(chosen))).Purged;
    },
  };
}

function toDeadLetter(entry: WireDeadLetter): DeadLetter {
  return {
    id: entry.Id,
    event: entry.Event,
    rule: entry.Rule,
    target: entry.Target,
    errorCode: entry.ErrorCode,
    errorMessage: entry.ErrorMessage,
    attempts: entry.Attempts,
    firstAttemptAt: entry.FirstAttemptAt,
    lastAttemptAt: entry.LastAttemptAt,
  };
}
