/**
 * Isomorphic helpers (browser and Node ≥ 20, no Buffer) for what AppSync's real-time handshake
 * needs: base64 and base64url of UTF-8 JSON, and random operation ids.
 */

/** Base64 of a string's UTF-8 bytes; `urlSafe` gives base64url without padding (amplify v6 form). */
export function base64Encode(text: string, urlSafe = false): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  const encoded = btoa(binary);
  return urlSafe ? encoded.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') : encoded;
}

/** A random v4 UUID (AppSync recommends UUIDs as subscription ids). */
export function randomId(): string {
  const cryptoApi = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (cryptoApi?.randomUUID) return cryptoApi.randomUUID();
  const hex = Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
