/**
 * Keeps a kind's result storable: the result is one DynamoDB item (400 KB at most) sent through the
 * API as AWSJSON. A result over the budget loses the tail of its longest lists, halving them until
 * it fits, and says so (`truncated: true`); short fields (summaries, counts, text) are kept.
 */

/** The result as JSON within `maxBytes` (UTF-8). */
export function fitResult(result: Record<string, unknown>, maxBytes: number): string {
  let current: Record<string, unknown> = result;
  let json = JSON.stringify(current);
  for (let round = 0; Buffer.byteLength(json) > maxBytes && round < 64; round++) {
    const longest = longestList(current);
    if (!longest) {
      break;
    }
    const list = current[longest] as unknown[];
    current = { ...current, [longest]: list.slice(0, Math.floor(list.length / 2)), truncated: true };
    json = JSON.stringify(current);
  }
  if (Buffer.byteLength(json) > maxBytes) {
    // Nothing left to shorten but long strings (a transcript's text): cut them to what fits.
    current = shortenStrings(current, maxBytes);
    json = JSON.stringify(current);
  }
  return json;
}

function longestList(result: Record<string, unknown>): string | null {
  let best: string | null = null;
  let bestSize = 0;
  for (const [key, value] of Object.entries(result)) {
    if (Array.isArray(value) && value.length > 0) {
      const size = JSON.stringify(value).length;
      if (size > bestSize) {
        best = key;
        bestSize = size;
      }
    }
  }
  return best;
}

function shortenStrings(result: Record<string, unknown>, maxBytes: number): Record<string, unknown> {
  const shortened: Record<string, unknown> = { ...result, truncated: true };
  for (const [key, value] of Object.entries(result)) {
    if (typeof value === 'string' && value.length > 1000) {
      // Characters, not bytes: a conservative quarter of the budget per long string.
      shortened[key] = Array.from(value).slice(0, Math.floor(maxBytes / 4 / 4)).join('');
    }
  }
  return shortened;
}
