/**
 * CORS as S3 applies a bucket's CORS rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors-troubleshooting.html): the first rule
 * whose AllowedOrigins (one `*` wildcard allowed), AllowedMethods and AllowedHeaders match the
 * request answers. Preflights (OPTIONS) need no credentials; a preflight no rule matches is refused
 * with 403 "CORSResponse: This CORS request is not allowed…". Actual requests from an allowed origin
 * get Access-Control-* headers, including ExposeHeaders (ETag and x-amz-version-id for uploads).
 */

/** One CORS rule, shaped like `bucket.cors` in infra/storage.ts. */
export interface CorsRule {
  readonly allowedOrigins: readonly string[];
  readonly allowedMethods: readonly string[];
  readonly allowedHeaders?: readonly string[];
  readonly exposedHeaders?: readonly string[];
  readonly maxAgeSeconds?: number;
}

/** The answer to a preflight. */
export type PreflightResult =
  | { readonly kind: 'allowed'; readonly headers: Record<string, string> }
  | { readonly kind: 'missing-origin' }
  | { readonly kind: 'not-enabled' }
  | { readonly kind: 'forbidden' };

const VARY = 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method';

/**
 * Evaluates an OPTIONS preflight.
 * @returns the headers to answer with, or why it is refused
 */
export function evaluatePreflight(
  rules: readonly CorsRule[],
  request: { origin: string | undefined; method: string | undefined; requestHeaders: string | undefined },
): PreflightResult {
  if (!request.origin || !request.method) return { kind: 'missing-origin' };
  if (rules.length === 0) return { kind: 'not-enabled' };
  const requested = (request.requestHeaders ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const method = request.method.toUpperCase();
  const origin = request.origin;
  const rule = rules.find(
    (candidate) =>
      originMatches(candidate, origin) &&
      candidate.allowedMethods.some((allowed) => allowed.toUpperCase() === method) &&
      requested.every((name) => (candidate.allowedHeaders ?? []).some((pattern) => wildcardMatches(pattern.toLowerCase(), name))),
  );
  if (!rule) return { kind: 'forbidden' };
  const headers = ruleHeaders(rule, origin);
  if (requested.length > 0) headers['access-control-allow-headers'] = requested.join(', ');
  return { kind: 'allowed', headers };
}

/**
 * The CORS headers for an actual (non-preflight) request.
 * @returns the headers to add, or an empty object when no rule allows the origin and method
 */
export function corsResponseHeaders(rules: readonly CorsRule[], origin: string | undefined, method: string): Record<string, string> {
  if (!origin) return {};
  const upper = method.toUpperCase();
  const rule = rules.find((candidate) => originMatches(candidate, origin) && candidate.allowedMethods.some((allowed) => allowed.toUpperCase() === upper));
  return rule ? ruleHeaders(rule, origin) : {};
}

function ruleHeaders(rule: CorsRule, origin: string): Record<string, string> {
  const wildcard = rule.allowedOrigins.includes('*');
  const headers: Record<string, string> = {
    'access-control-allow-origin': wildcard ? '*' : origin,
    'access-control-allow-methods': rule.allowedMethods.map((method) => method.toUpperCase()).join(', '),
    vary: VARY,
  };
  // S3 sends credentials permission only for an origin it matched exactly or by pattern, never with `*`.
  if (!wildcard) headers['access-control-allow-credentials'] = 'true';
  if (rule.exposedHeaders && rule.exposedHeaders.length > 0) headers['access-control-expose-headers'] = rule.exposedHeaders.join(', ');
  if (rule.maxAgeSeconds !== undefined) headers['access-control-max-age'] = String(rule.maxAgeSeconds);
  return headers;
}

function originMatches(rule: CorsRule, origin: string): boolean {
  return rule.allowedOrigins.some((pattern) => wildcardMatches(pattern, origin));
}

function wildcardMatches(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const expression = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${expression}$`).test(value);
}
