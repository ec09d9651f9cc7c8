/**
 * Turns what AppSync clients send for authorization into the {@link AuthRequest}s the shared
 * authenticator verifies: the connection header (query `header=` or `header-` subprotocol) and
 * each start message's `extensions.authorization`.
 * https://docs.aws.amazon.com/appsync/latest/devguide/real-time-websocket-client.html
 */
import type { AuthRequest } from '../types';
import { HEADER_SUBPROTOCOL_PREFIX } from './protocol';

/** What the upgrade request carried for authorization. */
export interface Handshake {
  /** Decoded header JSON (names as sent); `undefined` when absent or undecodable. */
  authorization: Record<string, string> | undefined;
  /** Decoded `payload` query parameter; amplify sends `{}`. */
  payload: string;
  /** Lower-cased headers of the HTTP upgrade request itself. */
  requestHeaders: Record<string, string | undefined>;
  sourceIp: string;
}

/** The GraphQL path the real-time endpoint belongs to; clients sign `<it>/connect` and `<it>`. */
const GRAPHQL_PATH = '/graphql';

function decodeBase64Json(encoded: string): Record<string, string> | undefined {
  // amplify v5 puts standard base64 in the query without URL-encoding, so '+' may have become
  // ' '; v6 uses base64url without padding. Buffer accepts both alphabets.
  const normalized = encoded.replace(/ /g, '+');
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(normalized, 'base64').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(value)) {
    if (typeof header === 'string') headers[name] = header;
  }
  return headers;
}

function rawQueryParam(url: string, name: string): string | undefined {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const key = eq === -1 ? part : part.slice(0, eq);
    if (key !== name) continue;
    const value = eq === -1 ? '' : part.slice(eq + 1);
    try {
      return decodeURIComponent(value); // keeps '+' (URLSearchParams would turn it into ' ')
    } catch {
      return value;
    }
  }
  return undefined;
}

/**
 * Reads the handshake authorization from the upgrade URL and offered subprotocols. The
 * `header-` subprotocol (amplify v6) wins over the `header` query parameter (amplify ≤ v5).
 */
export function readHandshake(args: {
  url: string;
  subprotocols: readonly string[];
  requestHeaders: Record<string, string | undefined>;
  sourceIp: string;
}): Handshake {
  const fromProtocol = args.subprotocols.find((protocol) => protocol.startsWith(HEADER_SUBPROTOCOL_PREFIX));
  const encoded = fromProtocol?.slice(HEADER_SUBPROTOCOL_PREFIX.length) ?? rawQueryParam(args.url, 'header');
  const encodedPayload = rawQueryParam(args.url, 'payload');
  let payload = '{}';
  if (encodedPayload) {
    const decoded = Buffer.from(encodedPayload.replace(/ /g, '+'), 'base64').toString('utf8');
    if (decoded.length > 0) payload = decoded;
  }
  return {
    authorization: encoded ? decodeBase64Json(encoded) : undefined,
    payload,
    requestHeaders: args.requestHeaders,
    sourceIp: args.sourceIp,
  };
}

/** Lower-cases header names, as {@link AuthRequest} requires. */
export function lowerCaseHeaders(headers: Record<string, string>): Record<string, string> {
  const lowered: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lowered[name.toLowerCase()] = value;
  return lowered;
}

/**
 * The request the connection header authorises: for IAM, clients sign
 * `POST <graphql endpoint>/connect` with body `{}`.
 */
export function connectionAuthRequest(handshake: Handshake): AuthRequest {
  return {
    method: 'POST',
    path: `${GRAPHQL_PATH}/connect`,
    headers: lowerCaseHeaders(handshake.authorization ?? {}),
    body: handshake.payload,
    sourceIp: handshake.sourceIp,
  };
}

/**
 * The request a start message authorises: for IAM, clients sign `POST <graphql endpoint>` with
 * the start's `data` string as body.
 */
export function startAuthRequest(args: { authorization: Record<string, string>; data: string; sourceIp: string }): AuthRequest {
  return {
    method: 'POST',
    path: GRAPHQL_PATH,
    headers: lowerCaseHeaders(args.authorization),
    body: args.data,
    sourceIp: args.sourceIp,
  };
}
