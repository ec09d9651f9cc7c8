/**
 * Fetches JWKS documents for `aws-jwt-verify` over https and, for the local issuer, plain http.
 *
 * Why: the library's Node fetcher calls `https.request`, which refuses `http:` URLs ("Protocol
 * "http:" not supported"), while the local runtime serves its issuer on `http://127.0.0.1:<port>`.
 * Plain http is accepted only for loopback hosts, where nobody can tamper with the keys in transit.
 */
import { FetchError, NonRetryableFetchError } from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';

/** How long a JWKS fetch may take before it fails. @default 3000 ms (the library's default) */
export interface JwksFetcherOptions {
  readonly timeoutMs?: number;
  /** Allow `http:` for non-loopback hosts (never in production). @default false */
  readonly allowInsecureHttp?: boolean;
}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '0.0.0.0']);

/**
 * A {@link Fetcher} for `SimpleJwksCache` built on Node's global `fetch`.
 * @returns the fetcher; it rejects with `NonRetryableFetchError` for non-200 answers or refused
 *   URLs and `FetchError` for network failures, as the library's own fetcher does
 */
export function createJwksFetcher(options: JwksFetcherOptions = {}): Fetcher {
  const timeoutMs = options.timeoutMs ?? 3000;
  return {
    async fetch(uri: string): Promise<ArrayBuffer> {
      assertFetchable(uri, options.allowInsecureHttp ?? false);
      let response: Response;
      try {
        response = await fetch(uri, { method: 'GET', redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        throw new FetchError(uri, error instanceof Error ? error.message : String(error));
      }
      if (response.status !== 200) {
        await response.body?.cancel();
        throw new NonRetryableFetchError(uri, `Status code is ${response.status}, expected 200`);
      }
      return response.arrayBuffer();
    },
  };
}

function assertFetchable(uri: string, allowInsecureHttp: boolean): void {
  const url = new URL(uri);
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && (allowInsecureHttp || isLoopback(url.hostname))) return;
  throw new NonRetryableFetchError(uri, `Refusing to fetch a JWKS over ${url.protocol} from ${url.hostname} (https, or http on loopback only)`);
}

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}
