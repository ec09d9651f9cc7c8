/**
 * Writing an answer on `node:http`: an operation's status, headers and body (streamed with
 * backpressure), or S3's XML error document (`<Error><Code/><Message/>…<RequestId/><HostId/></Error>`,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#RESTErrorResponses). A request
 * refused before its body was read has the body drained (small) or the connection closed (large).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Logger } from '../log';
import { S3Error } from './errors';
import type { S3Response } from './operation-context';
import { escapeXml } from './xml';

/** Error answers wait for a body up to this size to arrive (keeping the connection); larger ones close it. */
const DRAIN_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * Sends an operation's answer (HEAD: headers only).
 * @returns once the body has been written
 */
export async function send(request: IncomingMessage, response: ServerResponse, answer: S3Response): Promise<void> {
  await settleRequestBody(request, response);
  response.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
  const body = answer.body;
  if (body instanceof Readable) {
    if (request.method === 'HEAD') {
      body.destroy();
      response.end();
      return;
    }
    await pipeline(body, response);
    return;
  }
  if (typeof body === 'string') {
    response.setHeader('content-length', Buffer.byteLength(body));
    response.end(request.method === 'HEAD' ? undefined : body);
    return;
  }
  if (!response.hasHeader('content-length') && answer.status !== 204 && answer.status !== 304) response.setHeader('content-length', 0);
  response.end();
}

/**
 * Sends S3's XML error for `error` (anything but an S3Error becomes InternalError, logged), or
 * cuts the connection when a body was already under way.
 * @returns once written
 */
export async function sendError(request: IncomingMessage, response: ServerResponse, error: unknown, requestId: string, logger: Logger): Promise<void> {
  if (response.headersSent) {
    // The body was already on its way: S3 can only cut the connection here too.
    logger.warn('s3.stream-interrupted', { requestId, error: error instanceof Error ? error.message : String(error) });
    response.destroy();
    return;
  }
  const s3Error = error instanceof S3Error ? error : new S3Error('InternalError', undefined, { cause: error });
  if (!(error instanceof S3Error)) {
    logger.error('s3.internal-error', { requestId, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
  const fields = Object.entries(s3Error.fields)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${s3Error.code}</Code><Message>${escapeXml(s3Error.message)}</Message>${fields}<RequestId>${requestId}</RequestId><HostId>${escapeXml(String(response.getHeader('x-amz-id-2') ?? ''))}</HostId></Error>`;
  await send(request, response, { status: s3Error.status, headers: { 'content-type': 'application/xml', ...s3Error.headers }, body });
}

/**
 * A request refused before its body was read: small bodies are read and dropped so the connection
 * stays usable; a large one is not waited for — the connection closes after the answer.
 */
async function settleRequestBody(request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.complete || request.readableEnded) return;
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared <= DRAIN_LIMIT_BYTES && !request.destroyed) {
    request.resume();
    await new Promise<void>((resolve) => {
      request.once('end', resolve);
      request.once('close', resolve);
      request.once('error', () => resolve());
    });
    return;
  }
  response.setHeader('connection', 'close');
  request.resume();
}
