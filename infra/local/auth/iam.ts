/**
 * AppSync's AWS_IAM mode, locally: the platform's own functions call `@aws_iam` mutations with
 * SigV4-signed requests (service `appsync`). Each function holds a credential generated at runtime
 * start (random, never logged) and registered here with the role it stands for — the local
 * equivalent of "only the platform's functions hold it". The same signing code
 * (`signAppSyncRequest`) works against real AppSync with Lambda's own credentials.
 *
 * Refusals use the error types and messages AWS services send for SigV4 failures (HTTP 403):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/signature-v4-troubleshooting.html, and
 * "UnrecognizedClientException: The security token included in the request is invalid." as
 * AppSync answers an unknown key (reported in aws-amplify/amplify-cli#3380).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { inspect } from 'node:util';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { AuthenticationError } from '../appsync/types';
import type { AuthRequest, IamIdentity } from '../appsync/types';
import {
  SCOPE_TERMINATOR,
  canonicalRequest,
  deriveSigningKey,
  parseAuthorizationHeader,
  parseCredentialScope,
  sha256Hex,
  signatureFor,
  stringToSign,
} from './sigv4';

/** An access key pair, as the AWS SDKs take it. */
export interface WorkerCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Present for temporary credentials (Lambda's). */
  readonly sessionToken?: string;
}

/** Who a registered credential stands for: an assumed role and its session (the function name). */
export interface WorkerPrincipal {
  /** @example 'mediagraph-worker' */
  readonly roleName: string;
  /** @example 'analyze-image' */
  readonly sessionName: string;
}

/** What a worker's request to sign looks like. */
export interface SignAppSyncRequestInput {
  readonly url: string;
  readonly method: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly credentials: WorkerCredentials;
  readonly region: string;
  /** @default new Date() */
  readonly signingDate?: Date;
}

/** Settings of the verifying side. */
export interface IamVerifierOptions {
  /** The region requests must be scoped to. */
  readonly region: string;
  /** @default '000000000000' */
  readonly accountId?: string;
  /** @default 'appsync' */
  readonly service?: string;
  /** How far `x-amz-date` may be from the server's clock. @default 300 (5 minutes) */
  readonly maxClockSkewSeconds?: number;
  /** Current time in milliseconds. @default Date.now */
  readonly clock?: () => number;
}

/** Verifies SigV4-signed requests against the registered worker credentials. */
export interface IamVerifier {
  /** Lets a credential in, standing for `principal`. */
  register(credentials: WorkerCredentials, principal: WorkerPrincipal): void;
  /** Stops accepting a credential. @returns whether it was registered */
  revoke(accessKeyId: string): boolean;
  /**
   * Checks the request's signature.
   * @throws {AuthenticationError} (HTTP 403) with AWS's error type and message
   * @returns the caller as AppSync's `ctx.identity` for AWS_IAM
   */
  verify(request: AuthRequest): IamIdentity;
}

const DEFAULT_ACCOUNT_ID = '000000000000';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const INVALID_TOKEN = 'The security token included in the request is invalid.';

/**
 * A fresh random credential for one worker. `console.log` and `JSON.stringify` show the secret as
 * `***`; read the properties to use it.
 * @returns an `AKIA…` key id (20 characters) and a 40-character secret
 */
export function createWorkerCredentials(): WorkerCredentials {
  const credentials = {
    accessKeyId: `AKIA${randomBase32(16)}`,
    secretAccessKey: randomBytes(30).toString('base64'),
  };
  const redacted = () => ({ accessKeyId: credentials.accessKeyId, secretAccessKey: '***' });
  Object.defineProperty(credentials, 'toJSON', { value: redacted, enumerable: false });
  Object.defineProperty(credentials, inspect.custom, { value: redacted, enumerable: false });
  return credentials;
}

/**
 * Signs a request to an AppSync endpoint (service `appsync`) with SigV4.
 * @returns the headers to send: the given ones plus `host`, `x-amz-date`, `x-amz-content-sha256`,
 *   `x-amz-security-token` (temporary credentials) and `authorization`
 * @example
 * const headers = await signAppSyncRequest({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body, credentials, region });
 * await fetch(url, { method: 'POST', headers, body });
 */
export async function signAppSyncRequest(input: SignAppSyncRequestInput): Promise<Record<string, string>> {
  const url = new URL(input.url);
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const existing = query[key];
    query[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers ?? {})) headers[name.toLowerCase()] = value;
  headers.host = url.host;
  const request = new HttpRequest({
    method: input.method.toUpperCase(),
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    query,
    headers,
    ...(input.body !== undefined ? { body: input.body } : {}),
  });
  const signer = new SignatureV4({ credentials: input.credentials, region: input.region, service: 'appsync', sha256: Sha256 });
  const signed = await signer.sign(request, input.signingDate ? { signingDate: input.signingDate } : {});
  return { ...(signed.headers as Record<string, string>) };
}

/**
 * Creates the verifier for AWS_IAM requests.
 * @returns a verifier with no credentials registered yet
 */
export function createIamVerifier(options: IamVerifierOptions): IamVerifier {
  const service = options.service ?? 'appsync';
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  const maxSkewMs = (options.maxClockSkewSeconds ?? 300) * 1000;
  const clock = options.clock ?? (() => Date.now());
  const registered = new Map<string, { credentials: WorkerCredentials; identity: Omit<IamIdentity, 'sourceIp'> }>();
  const signingKeys = new Map<string, Buffer>();

  return {
    register(credentials, principal) {
      registered.set(credentials.accessKeyId, { credentials, identity: identityFor(accountId, principal) });
    },
    revoke(accessKeyId) {
      for (const key of signingKeys.keys()) if (key.startsWith(`${accessKeyId}\u0000`)) signingKeys.delete(key);
      return registered.delete(accessKeyId);
    },
    verify(request) {
      const { amzDate, ...parsed } = assertComplete(parseAuthorizationHeader(request.headers.authorization ?? ''), request.headers['x-amz-date']);
      const scope = parseCredentialScope(parsed.credential);
      const entry = registered.get(scope.accessKeyId);
      if (!entry || !sessionTokenMatches(entry.credentials.sessionToken, request.headers['x-amz-security-token'])) {
        throw refusal('UnrecognizedClientException', INVALID_TOKEN);
      }
      assertScope(scope, amzDate, options.region, service);
      assertFresh(amzDate, clock(), maxSkewMs);
      const signedHeaders = parsed.signedHeaders.split(';').map((name) => name.trim().toLowerCase());
      if (!signedHeaders.includes('host')) {
        throw refusal('InvalidSignatureException', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
      }
      const canonical = canonicalRequest({
        method: request.method,
        pathAndQuery: request.path,
        headers: request.headers,
        signedHeaders,
        // Always the hash of the body received: a signed x-amz-content-sha256 must not vouch for another body.
        payloadHash: sha256Hex(request.body),
      });
      const keyCacheId = `${scope.accessKeyId}\u0000${scope.date}\u0000${scope.region}\u0000${scope.service}`;
      let signingKey = signingKeys.get(keyCacheId);
      if (!signingKey) {
        signingKey = deriveSigningKey(entry.credentials.secretAccessKey, scope.date, scope.region, scope.service);
        if (signingKeys.size > 256) signingKeys.clear();
        signingKeys.set(keyCacheId, signingKey);
      }
      const expected = signatureFor(signingKey, stringToSign(amzDate, `${scope.date}/${scope.region}/${scope.service}/${SCOPE_TERMINATOR}`, canonical));
      if (!constantTimeEquals(expected, parsed.signature)) throw refusal('InvalidSignatureException', SIGNATURE_MISMATCH);
      return { ...entry.identity, sourceIp: [request.sourceIp] };
    },
  };
}

function assertComplete(
  parsed: ReturnType<typeof parseAuthorizationHeader>,
  amzDate: string | undefined,
): { credential: string; signedHeaders: string; signature: string; amzDate: string } {
  const { credential, signedHeaders, signature } = parsed;
  if (!credential || !signature || !signedHeaders || !amzDate) {
    const missing: string[] = [];
    if (!credential) missing.push("Authorization header requires 'Credential' parameter.");
    if (!signature) missing.push("Authorization header requires 'Signature' parameter.");
    if (!signedHeaders) missing.push("Authorization header requires 'SignedHeaders' parameter.");
    // Only `x-amz-date` is accepted (what every AWS SDK sends), not the HTTP `Date` header.
    if (!amzDate) missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    throw refusal('IncompleteSignatureException', missing.join(' '));
  }
  if (!AMZ_DATE.test(amzDate)) {
    throw refusal('IncompleteSignatureException', `Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`);
  }
  return { credential, signedHeaders, signature, amzDate };
}

function assertScope(scope: ReturnType<typeof parseCredentialScope>, amzDate: string, region: string, service: string): void {
  const problems: string[] = [];
  if (scope.region !== region) problems.push(`Credential should be scoped to a valid region, not '${scope.region}'.`);
  if (scope.service !== service) problems.push(`Credential should be scoped to correct service: '${service}'.`);
  if (scope.terminator !== SCOPE_TERMINATOR) problems.push(`Credential should be scoped with a valid terminator: '${SCOPE_TERMINATOR}', not '${scope.terminator}'.`);
  const httpDate = amzDate.slice(0, 8);
  if (scope.date !== httpDate) {
    problems.push(`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scope.date}' != '${httpDate}', from '${amzDate}'.`);
  }
  if (problems.length > 0) throw refusal('InvalidSignatureException', problems.join(' '));
}

function assertFresh(amzDate: string, nowMs: number, maxSkewMs: number): void {
  const signedAt = parseAmzDate(amzDate);
  const minutes = Math.round(maxSkewMs / 60_000);
  if (signedAt < nowMs - maxSkewMs) {
    throw refusal(
      'InvalidSignatureException',
      `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(nowMs - maxSkewMs)} (${formatAmzDate(nowMs)} - ${minutes} min.)`,
    );
  }
  if (signedAt > nowMs + maxSkewMs) {
    throw refusal(
      'InvalidSignatureException',
      `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(nowMs + maxSkewMs)} (${formatAmzDate(nowMs)} + ${minutes} min.)`,
    );
  }
}

function parseAmzDate(amzDate: string): number {
  const match = AMZ_DATE.exec(amzDate);
  if (!match) return Number.NaN;
  const [, year, month, day, hour, minute, second] = match.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}/, '').replace(/[-:]/g, '');
}

function sessionTokenMatches(expected: string | undefined, received: string | undefined): boolean {
  if (expected === undefined) return received === undefined;
  return received !== undefined && constantTimeEquals(expected, received);
}

function constantTimeEquals(expected: string, received: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(received).digest();
  return timingSafeEqual(a, b) && expected.length === received.length;
}

function identityFor(accountId: string, principal: WorkerPrincipal): Omit<IamIdentity, 'sourceIp'> {
  // An assumed role's principal id is `<role id>:<session name>`; role ids read `AROA` + 17 characters.
  const roleId = `AROA${base32(createHash('sha256').update(`${accountId}:${principal.roleName}`).digest()).slice(0, 17)}`;
  return {
    accountId,
    cognitoIdentityPoolId: null,
    cognitoIdentityId: null,
    username: `${roleId}:${principal.sessionName}`,
    userArn: `arn:aws:sts::${accountId}:assumed-role/${principal.roleName}/${principal.sessionName}`,
    cognitoIdentityAuthType: null,
    cognitoIdentityAuthProvider: null,
  };
}

function refusal(errorType: string, message: string): AuthenticationError {
  return new AuthenticationError(message, { errorType, statusCode: 403 });
}

function randomBase32(length: number): string {
  return base32(randomBytes(length)).slice(0, length);
}

function base32(bytes: Buffer): string {
  return [...bytes].map((byte) => BASE32[byte % 32]).join('');
}
