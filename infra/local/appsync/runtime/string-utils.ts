/**
 * `util.str`. The typings (string-utils.d.ts) and the APPSYNC_JS docs declare only `normalize`;
 * toUpper/toLower/toReplace are VTL's `$util.str` helpers, kept for resolvers ported from VTL
 * (TypeScript resolvers cannot call them without a cast, so they do not hide a cloud failure).
 * https://docs.aws.amazon.com/appsync/latest/devguide/str-helpers-in-util-str-js.html
 */
export interface StringUtils {
  normalize(value: string, normalizationType: string): string;
  toUpper(value: string): string;
  toLower(value: string): string;
  toReplace(value: string, target: string, replacement: string): string;
}

const normalizationForms: Record<string, 'NFC' | 'NFD' | 'NFKC' | 'NFKD'> = {
  nfc: 'NFC',
  nfd: 'NFD',
  nfkc: 'NFKC',
  nfkd: 'NFKD',
};

/** Builds the `util.str` namespace. */
export function createStringUtils(): StringUtils {
  return {
    normalize(value, normalizationType) {
      const form = normalizationForms[String(normalizationType).toLowerCase()];
      if (form === undefined) {
        throw new TypeError(`util.str.normalize: normalization type must be nfc, nfd, nfkc or nfkd, got ${String(normalizationType)}`);
      }
      return String(value).normalize(form);
    },
    toUpper: (value) => String(value).toUpperCase(),
    toLower: (value) => String(value).toLowerCase(),
    toReplace: (value, target, replacement) => String(value).split(String(target)).join(String(replacement)),
  };
}
