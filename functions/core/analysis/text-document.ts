/**
 * The start of a text document as a string: at most `maxBytes` are read from the stream (the rest
 * is never downloaded), decoded as UTF-8 (a byte-order mark dropped, invalid bytes as U+FFFD, a
 * character cut at the limit left out).
 */
import type { Readable } from 'node:stream';

export interface TextStart {
  text: string;
  /** Bytes decoded. */
  bytes: number;
  /** True when the document is longer than what was read. */
  truncated: boolean;
}

export async function readTextStart(body: Readable, maxBytes: number): Promise<TextStart> {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let bytes = 0;
  let truncated = false;
  try {
    for await (const chunk of body) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      const room = maxBytes - bytes;
      if (buffer.length > room) {
        text += decoder.decode(buffer.subarray(0, room), { stream: true });
        bytes += room;
        truncated = true;
        break;
      }
      text += decoder.decode(buffer, { stream: true });
      bytes += buffer.length;
    }
  } finally {
    body.destroy();
  }
  // Streaming mode holds back a character cut at the limit; only a whole document flushes it.
  if (!truncated) {
    text += decoder.decode();
  }
  return { text, bytes, truncated };
}
