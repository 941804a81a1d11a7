// The window's words, from the catalogues the CLI reads too (`locales/*/invalidator.ftl`):
// every file there is a language, found at build time. A message missing from the chosen
// language is said in English, never by its id.
import { FluentBundle, FluentDateTime, FluentResource, type FluentVariable } from '@fluent/bundle';

const files = import.meta.glob('../../../locales/*/invalidator.ftl', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** Every language there is a catalogue for, by tag (`en`, `fr`). */
export const CATALOGUES: ReadonlyMap<string, string> = new Map(
  Object.entries(files).map(([path, text]) => [path.split('/').at(-2) ?? '', text]),
);

export const ENGLISH = 'en';

/** The languages on offer, English first. */
export const LANGUAGES: readonly string[] = [ENGLISH, ...[...CATALOGUES.keys()].filter((t) => t !== ENGLISH).sort()];

/** A message as the domain sends it: `{ id, args }` (a condition's `text`, for one). */
export type Message = { id: string; args?: Record<string, unknown> };

function bundle(tag: string): FluentBundle {
  // No isolation marks: the CLI writes none either, and the window's text is one direction.
  const made = new FluentBundle(tag, { useIsolating: false });
  made.addResource(new FluentResource(CATALOGUES.get(tag) ?? ''));
  return made;
}

/** Each language's bundle, parsed the first time it is spoken: a window in English never
 *  parses the French catalogue (the first row waits on the script). */
const bundles = new Map<string, FluentBundle>();

function bundleOf(tag: string): FluentBundle | undefined {
  let made = bundles.get(tag);
  if (!made && CATALOGUES.has(tag)) {
    made = bundle(tag);
    bundles.set(tag, made);
  }
  return made;
}

/** The catalogue language a BCP 47 tag asks for (`fr-CA` → `fr`); English when none. */
export function negotiate(requested: string | null | undefined): string {
  const primary = (requested ?? '').toLowerCase().split(/[-_.@]/)[0];
  return CATALOGUES.has(primary) ? primary : ENGLISH;
}

/** The language the OS asks for, as the web view reports it. */
export function systemLanguage(): string {
  return typeof navigator === 'undefined' ? ENGLISH : navigator.language;
}

let current = $state(negotiate(systemLanguage()));

/** The language the window speaks now. */
export function language(): string {
  return current;
}

/** Speaks `tag` from now on (a language without a catalogue: English). */
export function setLanguage(tag: string): void {
  current = negotiate(tag);
  if (typeof document !== 'undefined') document.documentElement.lang = current;
}

/** Numbers stay numbers (plurals select on them); an argument named `at` is a moment; a
 *  message inside a message (a line's place in a notice) is said first. */
function variables(args: Record<string, unknown> | undefined, tag: string): Record<string, FluentVariable> {
  const out: Record<string, FluentVariable> = {};
  for (const [name, value] of Object.entries(args ?? {})) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'object' && 'id' in value) {
      const nested = value as Message;
      out[name] = find(nested.id, null, nested.args, tag);
      continue;
    }
    if (name === 'at' && typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
      out[name] = new FluentDateTime(Date.parse(value), {
        dateStyle: 'medium',
        timeStyle: 'short',
        hourCycle: 'h23',
      } as Intl.DateTimeFormatOptions);
    } else if (typeof value === 'number') {
      out[name] = value;
    } else {
      out[name] = String(value);
    }
  }
  return out;
}

function find(id: string, attribute: string | null, args?: Record<string, unknown>, tag = current): string {
  const tags = tag === ENGLISH ? [ENGLISH] : [tag, ENGLISH];
  for (const each of tags) {
    const made = bundleOf(each);
    const message = made?.getMessage(id);
    const pattern = attribute ? message?.attributes[attribute] : message?.value;
    if (made && pattern) return made.formatPattern(pattern, variables(args, tag), []);
  }
  // Unreachable while the catalogue test passes (every id used is in English).
  return attribute ? `${id}.${attribute}` : id;
}

/** Message `id`'s words in the window's language. */
export function t(id: string, args?: Record<string, unknown>): string {
  return find(id, null, args);
}

/** Attribute `attribute` of message `id` (an `aria-label`, a `title`). */
export function attr(id: string, attribute: string, args?: Record<string, unknown>): string {
  return find(id, attribute, args);
}

/** Text as a sentence shows it: its first letter a capital. (Problems read as clauses, "the
 *  service refused…", so that the CLI can put them after "error: ".) */
export function sentence(text: string): string {
  return text.charAt(0).toLocaleUpperCase(current) + text.slice(1);
}

/** Items said as a list in the window's language ("#3, #4"). */
export function list(items: readonly string[]): string {
  return new Intl.ListFormat(current, { type: 'unit', style: 'short' }).format(items);
}

/** A message's value: a status pill's words. */
export function say(message: Message): string {
  return find(message.id, null, message.args);
}

/** A message's `.detail`: the sentence beside the pill. */
export function sayDetail(message: Message): string {
  return sayAttribute(message, 'detail');
}

/** One attribute of a message (`body`: a notification's text under its title). */
export function sayAttribute(message: Message, attribute: string): string {
  return find(message.id, attribute, message.args);
}


/** A piece of a sentence: plain text, or an argument shown its own way (`name` is the
 *  argument's). */
export type Part = { text: string; name?: string };

// Private-use characters around an argument's index: no catalogue or argument holds them
// where it matters, since the text of an argument is put back as it came.
const OPEN = '\uE000';
const CLOSE = '\uE001';

/** Message `id` cut into parts, each argument named in `marked` a part of its own, so that
 *  the markup around it (bold, code, a button) stays out of the catalogue's sentences.
 *  Only text arguments can be marked: numbers select plurals and are said whole. */
export function parts(id: string, args: Record<string, unknown>, marked: readonly string[]): Part[] {
  const stand: Record<string, unknown> = { ...args };
  marked.forEach((name, i) => (stand[name] = `${OPEN}${i}${CLOSE}`));
  const [first, ...rest] = find(id, null, stand).split(OPEN);
  const out: Part[] = first ? [{ text: first }] : [];
  for (const piece of rest) {
    const end = piece.indexOf(CLOSE);
    const name = end > 0 ? marked[Number(piece.slice(0, end))] : undefined;
    if (name === undefined) {
      // The character came in an argument's own text: kept as it came.
      out.push({ text: OPEN + piece });
      continue;
    }
    out.push({ text: String(args[name] ?? ''), name });
    if (piece.length > end + 1) out.push({ text: piece.slice(end + 1) });
  }
  return out;
}

/** Marks a message id passed around rather than said where it is written (the catalogue
 *  test finds ids by `t('…')` and `messageId('…')`). */
export function messageId(id: string): string {
  return id;
}

const AUTONYM = messageId('language-name');

/** A language's name for itself ("Français"), whatever the window speaks. The language menu
 *  names every language at start: a catalogue not spoken yet gives that one message alone,
 *  read from its line, rather than being parsed whole (~3 ms before the first row). */
export function autonym(tag: string): string {
  if (bundles.has(tag)) return find(AUTONYM, null, undefined, tag);
  const line = CATALOGUES.get(tag)?.match(new RegExp(`^${AUTONYM} *=.*$`, 'm'))?.[0];
  const alone = new FluentBundle(tag, { useIsolating: false });
  const message = line && !alone.addResource(new FluentResource(line)).length ? alone.getMessage(AUTONYM) : undefined;
  return message?.value ? alone.formatPattern(message.value) : find(AUTONYM, null, undefined, tag);
}
