import type { InvocationScope } from './invocation-state';
import { definedEntries, isRecord } from './values';

/**
 * `util.http`: copy request headers without the restricted ones, and add response headers, with
 * the restrictions AppSync documents — restricted names and the `x-amz-`/`x-amzn-` prefixes are
 * refused, a null value or empty name too, all custom headers together stay within 4 KB, and a
 * refused header is ignored while a `ResponseHeaderError` joins the response's errors.
 * https://docs.aws.amazon.com/appsync/latest/devguide/http-helpers-in-utils-http-js.html
 */
export interface HttpUtils {
  copyHeaders(headers: unknown): Record<string, unknown>;
  addResponseHeader(name: string, value: unknown): void;
  addResponseHeaders(headers: Record<string, unknown>): void;
}

/** Headers copyHeaders drops (compared case-insensitively). */
export const restrictedRequestHeaders = [
  'transfer-encoding',
  'connection',
  'host',
  'expect',
  'keep-alive',
  'upgrade',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'content-length',
];

const restrictedResponseHeaders = new Set([
  ...restrictedRequestHeaders,
  'access-control-allow-credentials',
  'access-control-allow-origin',
  'access-control-expose-headers',
  'access-control-max-age',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'vary',
  'content-type',
]);

const maximumHeaderBytes = 4096;

function headerText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function refusal(name: string, value: unknown): string | null {
  const lower = name.toLowerCase();
  if (name.trim() === '') return 'a header name cannot be empty';
  if (value === null || value === undefined) return 'a header value cannot be null';
  if (restrictedResponseHeaders.has(lower)) return 'the name is restricted';
  if (lower.startsWith('x-amz-') || lower.startsWith('x-amzn-')) return 'names starting with x-amz- or x-amzn- are restricted';
  return null;
}

function headerBytes(headers: Record<string, string>): number {
  return Object.entries(headers).reduce(
    (total, [name, value]) => total + Buffer.byteLength(name) + Buffer.byteLength(value),
    0,
  );
}

/** Builds `util.http`, recording response headers and their errors on the current invocation. */
export function createHttpUtils(scope: InvocationScope): HttpUtils {
  const addResponseHeader = (name: string, value: unknown): void => {
    const state = scope.current('util.http.addResponseHeader');
    const headerName = String(name ?? '');
    const reason = refusal(headerName, value);
    const text = reason === null ? headerText(value) : '';
    const others = Object.fromEntries(
      Object.entries(state.responseHeaders).filter(([existing]) => existing.toLowerCase() !== headerName.toLowerCase()),
    );
    const tooLarge = reason === null && headerBytes({ ...others, [headerName]: text }) > maximumHeaderBytes;
    if (reason !== null || tooLarge) {
      state.errors.push({
        message: `Response header ${JSON.stringify(headerName)} was ignored: ${reason ?? 'custom response headers cannot exceed 4 KB'}`,
        errorType: 'ResponseHeaderError',
        data: null,
        errorInfo: null,
      });
      return;
    }
    // Mutated in place: the executor may hold this object. The latest definition of a name wins.
    for (const existing of Object.keys(state.responseHeaders)) {
      if (existing.toLowerCase() === headerName.toLowerCase()) delete state.responseHeaders[existing];
    }
    state.responseHeaders[headerName] = text;
  };
  return {
    copyHeaders(headers) {
      if (!isRecord(headers)) return {};
      const restricted = new Set(restrictedRequestHeaders);
      return Object.fromEntries(definedEntries(headers).filter(([name]) => !restricted.has(name.toLowerCase())));
    },
    addResponseHeader,
    addResponseHeaders(headers) {
      if (!isRecord(headers)) throw new TypeError('util.http.addResponseHeaders expects an object of headers');
      for (const [name, value] of Object.entries(headers)) addResponseHeader(name, value);
    },
  };
}
