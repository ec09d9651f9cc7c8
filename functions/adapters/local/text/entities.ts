/**
 * Named entities with compromise's tagger plus rules for what it misses: organisations named by
 * their form ("… Inc.", "… University", "Bank of …"), unknown proper nouns typed by the word
 * before them ("at Microsoft" → ORGANIZATION, "on the Moon" → LOCATION, "Google and Amazon"),
 * dates with their modifiers ("last year", "the summer of 2018") and quantities (a number and
 * its unit or counted noun: "300 kilometres", "1,500 jobs"). Types as Comprehend names them.
 */
import type { Compromise } from './text-models';

export type EntityType = 'PERSON' | 'LOCATION' | 'ORGANIZATION' | 'DATE' | 'QUANTITY' | 'OTHER';

/** One entity mention with a 0–1 confidence. */
export interface FoundEntity {
  readonly text: string;
  readonly type: EntityType;
  readonly confidence: number;
}

interface Term {
  readonly text: string;
  readonly normal: string;
  readonly post: string;
  readonly tags: ReadonlySet<string>;
  readonly start: number;
  readonly end: number;
}

/** Words that make a capitalised name an organisation's ("Acme Widgets Ltd", "Bank of England"). */
const ORGANIZATION_WORDS: ReadonlySet<string> = new Set([
  'Inc', 'Ltd', 'LLC', 'LLP', 'PLC', 'GmbH', 'AG', 'SA', 'Corp', 'Corporation', 'Company', 'Co', 'Group', 'Holdings',
  'University', 'Institute', 'College', 'School', 'Academy', 'Foundation', 'Association', 'Organization', 'Organisation',
  'Agency', 'Bank', 'Press', 'Motors', 'Electronics', 'Airlines', 'Airways', 'Systems', 'Technologies', 'Labs',
  'Laboratories', 'Industries', 'Partners', 'Society', 'Council', 'Ministry', 'Department', 'Museum', 'Hospital',
  'Club', 'Trust', 'Federation', 'Union', 'Committee', 'Commission', 'Bureau', 'Studios', 'Records', 'Pharmaceuticals',
  'Enterprises', 'Ventures', 'Solutions', 'Software', 'Media', 'News', 'Times', 'Post', 'Cross',
]);
/** Organisation words that take an "of …" complement ("University of Paris", "Institute of Technology"). */
const TAKES_OF: ReadonlySet<string> = new Set(['Bank', 'University', 'Institute', 'College', 'School', 'Academy', 'Ministry', 'Department', 'Museum', 'Council', 'Society', 'Bureau', 'Commission', 'Federation', 'Union', 'Association']);
const HONORIFICS: ReadonlySet<string> = new Set(['Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'Prof', 'Sir', 'Dame', 'Lord', 'Lady', 'Mx']);
const ORGANIZATION_CONTEXT: ReadonlySet<string> = new Set(['at', 'for', 'from', 'by', 'with', 'of', 'joined', 'join', 'joins', 'hired', 'founded', 'acquired', 'bought', 'sued']);
const LOCATION_CONTEXT: ReadonlySet<string> = new Set(['in', 'to', 'near', 'through', 'on', 'into', 'across', 'around', 'visited', 'visit', 'toward', 'towards', 'outside', 'inside']);
const DATE_MODIFIERS: ReadonlySet<string> = new Set(['last', 'next', 'this', 'past', 'coming', 'early', 'late', 'mid']);
const SEASONS: ReadonlySet<string> = new Set(['spring', 'summer', 'autumn', 'fall', 'winter']);
const COUNT_NOUN_TAGS = ['Unit', 'Plural', 'Duration', 'Currency'];

const has = (term: Term | undefined, ...tags: string[]): boolean => term !== undefined && tags.some((tag) => term.tags.has(tag));
const capitalised = (term: Term): boolean => /^\p{Lu}/u.test(term.text);
const isYear = (term: Term): boolean => has(term, 'Year') || (/^(1[0-9]|20)\d\d$/.test(term.text) && has(term, 'Value'));
const isDateTerm = (term: Term): boolean => has(term, 'Date', 'Month', 'WeekDay', 'Holiday') && !has(term, 'Duration');

function termsOf(compromise: Compromise, text: string): Term[][] {
  const sentences = compromise(text).json({ offset: true }) as unknown[];
  return sentences.map((sentence) => {
    const terms = (sentence as { terms?: unknown[] }).terms ?? [];
    return terms.map((raw) => {
      const term = raw as { text: string; normal: string; post: string; tags: string[]; offset: { start: number; length: number } };
      return { text: term.text, normal: term.normal, post: term.post, tags: new Set(term.tags), start: term.offset.start, end: term.offset.start + term.offset.length };
    });
  });
}

/**
 * Finds entities in `text`.
 * @returns mentions in document order (duplicates included; callers dedupe)
 */
export function findEntities(compromise: Compromise, text: string): FoundEntity[] {
  const found: { entity: FoundEntity; start: number }[] = [];
  for (const terms of termsOf(compromise, text)) {
    const used = new Array<boolean>(terms.length).fill(false);
    const span = (from: number, to: number) => text.slice(terms[from]!.start, terms[to]!.end);
    const emit = (from: number, to: number, type: EntityType, confidence: number) => {
      for (let index = from; index <= to; index += 1) used[index] = true;
      found.push({ entity: { text: span(from, to), type, confidence }, start: terms[from]!.start });
    };
    names(terms, used, emit);
    dates(terms, used, emit);
    quantities(terms, used, emit);
  }
  found.sort((a, b) => a.start - b.start);
  return found.map(({ entity }) => entity);
}

type Emit = (from: number, to: number, type: EntityType, confidence: number) => void;

/** Runs of capitalised words (with "of" after an organisation word, and hyphen joins), typed. */
function names(terms: Term[], used: boolean[], emit: Emit): void {
  const typed: { to: number; type: EntityType }[] = [];
  let index = 0;
  while (index < terms.length) {
    const term = terms[index]!;
    const startsName =
      capitalised(term) && !isDateTerm(term) && !has(term, 'Value', 'Pronoun', 'Honorific') && !HONORIFICS.has(term.text) &&
      (index > 0 || has(term, 'ProperNoun', 'Person', 'Place', 'Organization'));
    if (!startsName) {
      index += 1;
      continue;
    }
    let to = index;
    while (to + 1 < terms.length && !/[,;:.!?()]/.test(terms[to]!.post)) {
      const next = terms[to + 1]!;
      if (terms[to]!.post === '-') {
        to += 1;
        continue;
      }
      if (capitalised(next) && !isDateTerm(next) && !has(next, 'Value', 'Pronoun')) {
        to += 1;
        continue;
      }
      // "Bank of England", "University of the Arts": "of" joins only after an organisation word.
      const afterOf = next.normal === 'of' ? (terms[to + 2]?.normal === 'the' ? to + 3 : to + 2) : -1;
      if (afterOf > 0 && TAKES_OF.has(terms[to]!.text) && terms[afterOf] && capitalised(terms[afterOf]!)) {
        to = afterOf;
        continue;
      }
      break;
    }
    const run = terms.slice(index, to + 1);
    const type = nameType(run, terms[index - 1], typed.at(-1), terms[index - 1]?.normal === 'and' || terms[index - 1]?.normal === 'or');
    if (type && !used[index]) {
      const confidence = type.rule === 'form' ? 0.9 : type.rule === 'tagger' ? (run.length > 1 || type.type === 'LOCATION' ? 0.9 : 0.75) : 0.55;
      emit(index, to, type.type, confidence);
      typed.push({ to, type: type.type });
    }
    index = to + 1;
  }
}

function nameType(run: Term[], before: Term | undefined, previous: { type: EntityType; to: number } | undefined, coordinated: boolean): { type: EntityType; rule: 'form' | 'tagger' | 'context' } | undefined {
  if (run.some((term) => ORGANIZATION_WORDS.has(term.text.replace(/\.$/, '')))) return { type: 'ORGANIZATION', rule: 'form' };
  const every = (tag: string) => run.every((term) => has(term, tag) || /^\p{Ll}/u.test(term.text));
  if (every('Person')) return { type: 'PERSON', rule: 'tagger' };
  if (every('Place')) return { type: 'LOCATION', rule: 'tagger' };
  if (run.some((term) => has(term, 'Organization'))) return { type: 'ORGANIZATION', rule: 'tagger' };
  if (has(run[0], 'Person') && run.length > 1) return { type: 'PERSON', rule: 'tagger' };
  if (run.some((term) => has(term, 'Place')) && !run.some((term) => has(term, 'Person'))) return { type: 'LOCATION', rule: 'tagger' };
  if (coordinated && previous) return { type: previous.type, rule: 'context' };
  const context = before?.normal === 'the' ? undefined : before?.normal;
  if (context && ORGANIZATION_CONTEXT.has(context)) return { type: 'ORGANIZATION', rule: 'context' };
  if (before?.normal === 'the' || (context && LOCATION_CONTEXT.has(context))) return { type: 'LOCATION', rule: 'context' };
  if (run.some((term) => has(term, 'ProperNoun'))) return { type: 'OTHER', rule: 'context' };
  return undefined;
}

/** Dates: month/weekday/year runs with their numbers, "last year", "the summer of 2018", "yesterday". */
function dates(terms: Term[], used: boolean[], emit: Emit): void {
  let index = 0;
  while (index < terms.length) {
    const term = terms[index]!;
    const season = SEASONS.has(term.normal) && terms[index + 1]?.normal === 'of' && terms[index + 2] && isYear(terms[index + 2]!);
    const relative = DATE_MODIFIERS.has(term.normal) && has(terms[index + 1], 'Date', 'Duration') && !used[index + 1];
    const dateLike = (candidate: Term | undefined, at: number) =>
      candidate !== undefined && !used[at] && (isDateTerm(candidate) || isYear(candidate) || (has(candidate, 'Value') && (isDateTerm(terms[at + 1] ?? candidate) && has(terms[at + 1], 'Month') || has(terms[at - 1], 'Month'))));
    if (used[index] || !(season || relative || dateLike(term, index))) {
      index += 1;
      continue;
    }
    let to = season ? index + 2 : relative ? index + 1 : index;
    while (to + 1 < terms.length && !/[,;:.!?]/.test(terms[to]!.post) && dateLike(terms[to + 1], to + 1)) {
      to += 1;
    }
    const yearOnly = to === index && isYear(term) && !has(terms[index + 1], ...COUNT_NOUN_TAGS);
    if (yearOnly || to > index || season || relative || isDateTerm(term)) {
      emit(index, to, 'DATE', yearOnly ? 0.8 : 0.85);
    }
    index = to + 1;
  }
}

/** Quantities: a number (words or digits) and the unit or counted noun after it. */
function quantities(terms: Term[], used: boolean[], emit: Emit): void {
  let index = 0;
  while (index < terms.length) {
    if (used[index] || !has(terms[index], 'Value') || isYear(terms[index]!)) {
      index += 1;
      continue;
    }
    let to = index;
    while (to + 1 < terms.length && !used[to + 1] && has(terms[to + 1], 'Value') && !/[,;:.!?]/.test(terms[to]!.post)) {
      to += 1;
    }
    const unit = terms[to + 1];
    const percent = /%$/.test(terms[to]!.text) || has(terms[to], 'Percent') && unit?.normal !== 'percent';
    if (unit && !used[to + 1] && !/[,;:.!?]/.test(terms[to]!.post) && (has(unit, ...COUNT_NOUN_TAGS) || unit.normal === 'percent' || unit.normal === 'per')) {
      emit(index, unit.normal === 'per' && terms[to + 2] ? to + 2 : to + 1, 'QUANTITY', 0.85);
      index = to + 2;
      continue;
    }
    if (percent || has(terms[index], 'Money')) {
      emit(index, to, 'QUANTITY', 0.8);
    }
    index = to + 1;
  }
}
