/**
 * A compiled event pattern: the tree of fields the pattern names, with the value matchers at its
 * leaves and `$or` branches at any level. Built by `pattern-compile.ts`, read by `pattern-match.ts`.
 */
import type { IpRange } from './ip-address';

/** One end of a numeric range. */
export interface NumericBound {
  /** In the engine's comparable form (micro-units, see numeric-values.ts). */
  readonly value: number;
  readonly inclusive: boolean;
}

/** What `anything-but` leaves out. */
export type Exclusion =
  | { readonly kind: 'strings'; readonly values: ReadonlySet<string> }
  /** Comparable form (micro-units). */
  | { readonly kind: 'numbers'; readonly values: readonly number[] }
  /** Lower-cased. */
  | { readonly kind: 'ignore-case'; readonly values: ReadonlySet<string> }
  | { readonly kind: 'prefixes'; readonly values: readonly string[] }
  | { readonly kind: 'suffixes'; readonly values: readonly string[] }
  | { readonly kind: 'wildcards'; readonly values: readonly RegExp[] };

/** One entry of a pattern's value array. */
export type ValueMatcher =
  | { readonly kind: 'exact'; readonly value: string | number | boolean | null }
  /** An exact string value that is an IP address: compared as an address. */
  | { readonly kind: 'exact-ip'; readonly range: IpRange }
  | { readonly kind: 'prefix'; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: 'suffix'; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: 'equals-ignore-case'; readonly value: string }
  | { readonly kind: 'wildcard'; readonly regex: RegExp }
  | { readonly kind: 'numeric'; readonly lower: NumericBound | null; readonly upper: NumericBound | null }
  | { readonly kind: 'cidr'; readonly range: IpRange }
  | { readonly kind: 'exists'; readonly exists: boolean }
  | { readonly kind: 'anything-but'; readonly exclusion: Exclusion };

/** An object level of the pattern: every field must match (AND), and one `$or` branch if any. */
export interface PatternNode {
  readonly fields: ReadonlyMap<string, PatternNode | readonly ValueMatcher[]>;
  /** The `$or` branches at this level, each matched against the same event object. */
  readonly anyOf: readonly PatternNode[] | null;
}
