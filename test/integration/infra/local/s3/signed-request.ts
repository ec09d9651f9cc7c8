/**
 * Test helper: sends a SigV4-signed request with the raw path chosen by the test (node:http, which —
 * unlike fetch — sends the path exactly as given, `%2e%2e` and `..` included).
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { request as httpRequest } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface SignedRequestInput {
  endpoint: string;
  method: string;
  /** The canonical (once-encoded) path the signature covers. */
  signedPath: string;
  /** The path put on the wire; defaults to `signedPath`. */
  wirePath?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: Buffer;
  /** `x-amz-content-sha256`; defaults to UNSIGNED-PAYLOAD. */
  payloadHash?: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  region?: string;
}

export async function sendSigned(input: SignedRequestInput): Promise<RawResponse> {
  const url = new URL(input.endpoint);
  const headers: Record<string, string> = {
    host: url.host,
    'x-amz-content-sha256': input.payloadHash ?? 'UNSIGNED-PAYLOAD',
    ...(input.body ? { 'content-length': String(input.body.length) } : {}),
    ...input.headers,
  };
  const signer = new SignatureV4({
    credentials: input.credentials,
    region: input.region ?? 'us-east-1',
    service: 's3',
    sha256: Sha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    new HttpRequest({ method: input.method, protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: input.signedPath, query: input.query ?? {}, headers }),
  );
  const search = new URLSearchParams(input.query ?? {}).toString();
  return sendRaw(input.endpoint, input.method, `${input.wirePath ?? input.signedPath}${search ? `?${search}` : ''}`, signed.headers as Record<string, string>, input.body);
}

export function sendRaw(endpoint: string, method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<RawResponse> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: url.hostname, port: Number(url.port), method, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** The `<Code>` of an S3 XML error body. */
export function errorCodeOf(response: RawResponse): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(response.body.toString())?.[1];
}
