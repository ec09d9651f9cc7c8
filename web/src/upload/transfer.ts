/**
 * Sends a file's bytes to presigned URLs with XMLHttpRequest (fetch has no upload progress):
 * one PUT with the signed headers, or the parts of a multipart upload one after another, each
 * reporting bytes sent. Resolves with the ETags S3 returns (CORS exposes them).
 */

export interface PutTarget {
  url: string;
  headers: Record<string, string>;
}

export class TransferError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransferError';
  }
}

/** PUTs `body` to `url`; `onProgress` gets the bytes of this body sent so far. */
export function putWithProgress(target: PutTarget, body: Blob, onProgress: (sent: number) => void, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', target.url);
    // The browser sets Content-Length and Host itself (and refuses to be told them).
    for (const [name, value] of Object.entries(target.headers)) {
      if (!['host', 'content-length'].includes(name.toLowerCase())) xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(body.size);
        resolve(xhr.getResponseHeader('etag') ?? '');
        return;
      }
      reject(new TransferError(`The storage refused the upload (HTTP ${xhr.status}): ${s3Message(xhr.responseText)}`));
    };
    xhr.onerror = () => reject(new TransferError('The upload was interrupted (network error).'));
    xhr.onabort = () => reject(new TransferError('The upload was cancelled.'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

/** S3's XML error `<Message>`, or the start of the body. */
export function s3Message(body: string): string {
  const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1];
  return message ?? (body.slice(0, 160) || 'no details');
}

/** Uploads the parts of a multipart upload in order. */
export async function putParts(
  file: Blob,
  partSize: number,
  parts: readonly { partNumber: number; url: string }[],
  onProgress: (sent: number) => void,
): Promise<{ partNumber: number; etag: string }[]> {
  const done: { partNumber: number; etag: string }[] = [];
  let before = 0;
  for (const part of [...parts].sort((a, b) => a.partNumber - b.partNumber)) {
    const start = (part.partNumber - 1) * partSize;
    const slice = file.slice(start, Math.min(file.size, start + partSize));
    const etag = await putWithProgress({ url: part.url, headers: {} }, slice, (sent) => onProgress(before + sent));
    before += slice.size;
    done.push({ partNumber: part.partNumber, etag });
  }
  return done;
}
