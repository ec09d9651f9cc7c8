/**
 * A text is in a language the analyzer cannot analyse (Comprehend's UnsupportedLanguageException;
 * locally, any language but English). Carries the detected language so callers can still record it.
 */
export class UnsupportedLanguageError extends Error {
  constructor(
    readonly language: { code: string; confidence: number },
    readonly supported: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`Text analysis does not support language "${language.code}" (confidence ${language.confidence}); supported: ${supported.join(', ')}`, options);
    this.name = 'UnsupportedLanguageError';
  }
}
