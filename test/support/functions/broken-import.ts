/** Test module: fails while loading, like a handler whose module-level set-up throws. */
throw new Error('configuration missing at import time');

export async function handler(): Promise<string> {
  return 'never';
}
