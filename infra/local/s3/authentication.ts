/**
 * Who is calling: SigV4 verification of S3 requests, signed in the `Authorization` header or
 * presigned in the query string, against the registered credentials. S3 accepts no anonymous
 * request here (the buckets are private). Refusals carry S3's codes and messages
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-auth-using-authorization-header.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html).
 */
import { timingSafeEqual } from 'node:crypto';
import { SCOPE_TERMINATOR, SIGV4_ALGORITHM, deriveSigningKey, parseAuthorizationHeader, parseCredentialScope, signatureFor, stringToSign } from '../auth/sigv4';
import type { CredentialScope } from '../auth/sigv4';
import { s3CanonicalRequest } from './canonical-request';
import type { CredentialRegistry, S3Credential } from './credentials';
import { S3Error } from './errors';

/** The parts of a request that a signature covers. */
export interface AuthRequest {
  readonly method: string;
  readonly rawPath: string;
  /** Decoded query parameters in the order received. */
  readonly query: readonly (readonly [string, string])[];
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
}

/** How the body is vouched for (from `x-amz-content-sha256` or `X-Amz-Content-Sha256`). */
export type PayloadSigning =
  | { readonly kind: 'unsigned' }
  /** The body's SHA-256 must equal this (S3 answers XAmzContentSHA256Mismatch otherwise). */
  | { readonly kind: 'sha256'; readonly hash: string }
  /** aws-chunked body, chunks unsigned, trailing checksum header. */
  | { readonly kind: 'streaming-unsigned-trailer' }
  /** aws-chunked body, each chunk signed in a chain starting at the seed signature. */
  | { readonly kind: 'streaming-signed'; readonly trailer: boolean; readonly chain: SignatureChain };

/** What chunk signatures are checked against. */
export interface SignatureChain {
  readonly signingKey: Buffer;
  readonly amzDate: string;
  /** `<date>/<region>/s3/aws4_request` */
  readonly scope: string;
  readonly seedSignature: string;
}

/** A verified caller. */
export interface Authenticated {
  readonly accessKeyId: string;
  /** The account the caller's key belongs to (the `requester` in events). */
  readonly accountId: string;
  readonly via: 'header' | 'query';
  readonly payload: PayloadSigning;
}

/** Server settings the verification depends on. */
export interface AuthenticationSettings {
  readonly credentials: CredentialRegistry;
  readonly region: string;
  readonly accountId: string;
  /** Milliseconds since the epoch. */
  readonly now: number;
}

/** S3 allows 15 minutes between the request time and its own clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
/** A presigned URL lives at most 7 days (https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html). */
export const MAX_PRESIGNED_EXPIRES_SECONDS = 604_800;

const SERVICE = 's3';
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const HEADERS_NOT_SIGNED = 'There were headers present in the request which were not signed';

/**
 * Verifies the request's SigV4 signature (header or query string).
 * @throws {S3Error} AccessDenied, InvalidAccessKeyId, SignatureDoesNotMatch, RequestTimeTooSkewed,
 *   ExpiredToken, AuthorizationHeaderMalformed, AuthorizationQueryParametersError, InvalidArgument, InvalidRequest
 * @returns the caller and how its payload is signed
 */
export function authenticate(request: AuthRequest, settings: AuthenticationSettings): Authenticated {
  const authorization = request.headers.authorization;
  const hasQueryAuth = request.query.some(([name]) => name === 'X-Amz-Algorithm' || name === 'X-Amz-Signature' || name === 'Signature');
  if (authorization !== undefined && hasQueryAuth) {
    throw new S3Error(
      'InvalidArgument',
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
      { fields: { ArgumentName: 'Authorization', ArgumentValue: authorization } },
    );
  }
  if (hasQueryAuth) return authenticateQuery(request, settings);
  if (authorization !== undefined) return authenticateHeader(request, authorization, settings);
  throw new S3Error('AccessDenied');
}

function authenticateHeader(request: AuthRequest, authorization: string, settings: AuthenticationSettings): Authenticated {
  if (!authorization.startsWith(`${SIGV4_ALGORITHM} `)) {
    throw new S3Error('InvalidRequest', 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.');
  }
  const parsed = parseAuthorizationHeader(authorization);
  if (!parsed.credential || !parsed.signedHeaders || !parsed.signature) {
    throw new S3Error(
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; the authorization header requires three components: Credential, SignedHeaders, and Signature.`,
    );
  }
  const amzDate = requestDate(request.headers);
  const scope = parseCredentialScope(parsed.credential);
  checkScope(scope, amzDate, settings.region, (reason) => new S3Error('AuthorizationHeaderMalformed', `The authorization header is malformed; ${reason}`, regionField(scope, settings)));
  const credential = knownCredential(scope.accessKeyId, settings);
  checkSessionToken(credential, request.headers['x-amz-security-token'], settings.now);
  checkSkew(amzDate, settings.now);
  const contentSha256 = request.headers['x-amz-content-sha256'];
  if (contentSha256 === undefined) {
    throw new S3Error('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  }
  const signedHeaders = parsed.signedHeaders.split(';').map((name) => name.trim().toLowerCase());
  checkAllSigned(request.headers, signedHeaders);
  const signingKey = deriveSigningKey(credential.secretAccessKey, scope.date, scope.region, scope.service);
  const expected = expectedSignature(request, signedHeaders, contentSha256, amzDate, scope, signingKey);
  checkSignature(expected, parsed.signature, credential.accessKeyId);
  return {
    accessKeyId: credential.accessKeyId,
    accountId: credential.accountId ?? settings.accountId,
    via: 'header',
    payload: payloadSigning(contentSha256, { signingKey, amzDate, scope: scopeString(scope), seedSignature: parsed.signature }),
  };
}

function authenticateQuery(request: AuthRequest, settings: AuthenticationSettings): Authenticated {
  const parameter = (name: string) => request.query.find(([key]) => key === name)?.[1];
  const algorithm = parameter('X-Amz-Algorithm');
  const credentialParameter = parameter('X-Amz-Credential');
  const signature = parameter('X-Amz-Signature');
  const amzDate = parameter('X-Amz-Date');
  const signedHeadersParameter = parameter('X-Amz-SignedHeaders');
  const expires = parameter('X-Amz-Expires');
  if (!algorithm || !credentialParameter || !signature || !amzDate || !signedHeadersParameter || expires === undefined) {
    throw queryError(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  if (algorithm !== SIGV4_ALGORITHM) throw queryError('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  if (!AMZ_DATE.test(amzDate)) throw queryError(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
  if (!/^-?\d+$/.test(expires)) throw queryError('X-Amz-Expires should be a number');
  const expiresSeconds = Number(expires);
  if (expiresSeconds < 0) throw queryError('X-Amz-Expires must be non-negative');
  if (expiresSeconds > MAX_PRESIGNED_EXPIRES_SECONDS) {
    throw queryError(`X-Amz-Expires must be less than a week (in seconds) that is ${MAX_PRESIGNED_EXPIRES_SECONDS}`);
  }
  const scope = parseCredentialScope(credentialParameter);
  checkScope(scope, amzDate, settings.region, (reason) => queryError(`Error parsing the X-Amz-Credential parameter; ${reason}`, regionField(scope, settings)));
  const credential = knownCredential(scope.accessKeyId, settings);
  checkSessionToken(credential, parameter('X-Amz-Security-Token'), settings.now);
  const signedHeaders = signedHeadersParameter.split(';').map((name) => name.trim().toLowerCase());
  checkAllSigned(request.headers, signedHeaders);
  // Presigned URLs leave the body unsigned unless the signer put a hash in the query.
  const payloadHash = parameter('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD';
  const signingKey = deriveSigningKey(credential.secretAccessKey, scope.date, scope.region, scope.service);
  const expected = expectedSignature(request, signedHeaders, payloadHash, amzDate, scope, signingKey);
  checkSignature(expected, signature, credential.accessKeyId);
  const signedAt = amzDateToMillis(amzDate);
  if (signedAt - settings.now > MAX_CLOCK_SKEW_MS) {
    throw new S3Error('AccessDenied', 'Request is not valid yet', { fields: { 'X-Amz-Date': amzDate, ServerTime: isoSeconds(settings.now) } });
  }
  if (settings.now > signedAt + expiresSeconds * 1000) {
    throw new S3Error('AccessDenied', 'Request has expired', {
      fields: { 'X-Amz-Expires': expires, Expires: isoSeconds(signedAt + expiresSeconds * 1000), ServerTime: isoSeconds(settings.now) },
    });
  }
  const payload = payloadSigning(payloadHash, { signingKey, amzDate, scope: scopeString(scope), seedSignature: signature });
  if (payload.kind === 'streaming-signed' || payload.kind === 'streaming-unsigned-trailer') {
    throw queryError('X-Amz-Content-Sha256 must be UNSIGNED-PAYLOAD or a hex SHA-256 for presigned requests');
  }
  return { accessKeyId: credential.accessKeyId, accountId: credential.accountId ?? settings.accountId, via: 'query', payload };
}

function requestDate(headers: AuthRequest['headers']): string {
  const amzDate = headers['x-amz-date'];
  if (amzDate !== undefined) {
    if (!AMZ_DATE.test(amzDate)) throw new S3Error('AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
    return amzDate;
  }
  const date = headers.date === undefined ? Number.NaN : Date.parse(headers.date);
  if (Number.isNaN(date)) throw new S3Error('AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
  return new Date(date).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function checkScope(scope: CredentialScope, amzDate: string, region: string, refuse: (reason: string) => S3Error): void {
  if (!scope.accessKeyId || !scope.date || !scope.region || !scope.service || !scope.terminator) {
    throw refuse('the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".');
  }
  if (scope.date !== amzDate.slice(0, 8)) throw refuse('Invalid credential date. Date is not the same as X-Amz-Date.');
  if (scope.region !== region) throw refuse(`the region '${scope.region}' is wrong; expecting '${region}'`);
  if (scope.service !== SERVICE) throw refuse(`incorrect service '${scope.service}'. This endpoint belongs to '${SERVICE}'.`);
  if (scope.terminator !== SCOPE_TERMINATOR) throw refuse(`incorrect terminal '${scope.terminator}'. This endpoint uses '${SCOPE_TERMINATOR}'.`);
}

function regionField(scope: CredentialScope, settings: AuthenticationSettings): { fields: Record<string, string> } {
  return scope.region && scope.region !== settings.region ? { fields: { Region: settings.region } } : { fields: {} };
}

function knownCredential(accessKeyId: string, settings: AuthenticationSettings): S3Credential {
  const credential = settings.credentials.lookup(accessKeyId);
  if (!credential) throw new S3Error('InvalidAccessKeyId', undefined, { fields: { AWSAccessKeyId: accessKeyId } });
  return credential;
}

function checkSessionToken(credential: S3Credential, token: string | undefined, now: number): void {
  if (credential.sessionToken === undefined) return;
  if (token !== credential.sessionToken) {
    throw new S3Error('InvalidAccessKeyId', undefined, { fields: { AWSAccessKeyId: credential.accessKeyId } });
  }
  if (credential.expiresAt && credential.expiresAt.getTime() <= now) {
    throw new S3Error('ExpiredToken', undefined, { fields: { 'Token-0': token } });
  }
}

function checkSkew(amzDate: string, now: number): void {
  const requestTime = amzDateToMillis(amzDate);
  if (Math.abs(requestTime - now) > MAX_CLOCK_SKEW_MS) {
    throw new S3Error('RequestTimeTooSkewed', undefined, {
      fields: { RequestTime: amzDate, ServerTime: isoSeconds(now), MaxAllowedSkewMilliseconds: String(MAX_CLOCK_SKEW_MS) },
    });
  }
}

/** S3 refuses `x-amz-*` headers the signature does not cover, so a signed request cannot be altered by adding them. */
function checkAllSigned(headers: AuthRequest['headers'], signedHeaders: readonly string[]): void {
  const signed = new Set(signedHeaders);
  const unsigned = Object.keys(headers).filter((name) => name.startsWith('x-amz-') && !signed.has(name));
  if (!signed.has('host')) unsigned.unshift('host');
  if (unsigned.length > 0) throw new S3Error('AccessDenied', HEADERS_NOT_SIGNED, { fields: { HeadersNotSigned: unsigned.join(', ') } });
}

interface ExpectedSignature {
  readonly signature: string;
  readonly stringToSign: string;
  readonly canonicalRequest: string;
}

function expectedSignature(
  request: AuthRequest,
  signedHeaders: readonly string[],
  payloadHash: string,
  amzDate: string,
  scope: CredentialScope,
  signingKey: Buffer,
): ExpectedSignature {
  const canonicalRequest = s3CanonicalRequest({
    method: request.method,
    rawPath: request.rawPath,
    query: request.query,
    headers: request.headers,
    signedHeaders,
    payloadHash,
  });
  const toSign = stringToSign(amzDate, scopeString(scope), canonicalRequest);
  return { signature: signatureFor(signingKey, toSign), stringToSign: toSign, canonicalRequest };
}

function checkSignature(expected: ExpectedSignature, provided: string, accessKeyId: string): void {
  if (constantTimeEquals(expected.signature, provided)) return;
  // S3 returns what it signed, so a client can see where its canonical request differs.
  throw new S3Error('SignatureDoesNotMatch', undefined, {
    fields: {
      AWSAccessKeyId: accessKeyId,
      StringToSign: expected.stringToSign,
      SignatureProvided: provided,
      CanonicalRequest: expected.canonicalRequest,
    },
  });
}

function payloadSigning(value: string, chain: SignatureChain): PayloadSigning {
  switch (value) {
    case 'UNSIGNED-PAYLOAD':
      return { kind: 'unsigned' };
    case 'STREAMING-UNSIGNED-PAYLOAD-TRAILER':
      return { kind: 'streaming-unsigned-trailer' };
    case 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD':
      return { kind: 'streaming-signed', trailer: false, chain };
    case 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER':
      return { kind: 'streaming-signed', trailer: true, chain };
    case 'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD':
    case 'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER':
      throw new S3Error('NotImplemented', 'SigV4a (ECDSA) streaming payloads are not supported by the local S3 server');
    default:
      if (SHA256_HEX.test(value)) return { kind: 'sha256', hash: value };
      throw new S3Error(
        'InvalidArgument',
        'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.',
        { fields: { ArgumentName: 'x-amz-content-sha256', ArgumentValue: value } },
      );
  }
}

function queryError(message: string, details: { fields: Record<string, string> } = { fields: {} }): S3Error {
  return new S3Error('AuthorizationQueryParametersError', message, details);
}

function scopeString(scope: CredentialScope): string {
  return `${scope.date}/${scope.region}/${scope.service}/${SCOPE_TERMINATOR}`;
}

function amzDateToMillis(amzDate: string): number {
  const match = AMZ_DATE.exec(amzDate);
  if (!match) return Number.NaN;
  const [, year, month, day, hour, minute, second] = match;
  return Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
}

function isoSeconds(millis: number): string {
  return new Date(millis).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function constantTimeEquals(expected: string, provided: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(provided, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
