// The window's words are in the catalogues (`locales/`), never in a component or a module
// of the UI: this test reads every component's markup and script, and every module, and fails
// on a literal that a person would read. A word written in the code would stay English in a
// French window.
import { parse } from 'svelte/compiler';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every component and module, as text (Vite reads them at build time).
const COMPONENTS = import.meta.glob(['../App.svelte', '../components/*.svelte'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;
const MODULES = import.meta.glob(['../lib/**/*.ts', '!../lib/bindings/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** Text that is the same in every language: the product's name, keys, commands, queries. */
const SAME_IN_EVERY_LANGUAGE = new Set(['Invalidator', 'Ctrl+N', 'invalidator watch', '(prefers-color-scheme: dark)']);

/** Attributes a person reads (or hears, through a screen reader). */
const READ_ATTRIBUTES = new Set(['title', 'aria-label', 'aria-description', 'placeholder', 'alt', 'label']);

/** Words: two letters in a row, in any script. */
const WORDS = /\p{L}{2,}/u;
/** Prose in a script: two words with a blank between them ("Recorded batch"); lines of
 *  paths (an example) are not. */
const PROSE = /\p{L}{2,}[,.:;!?]?[ \u00a0]+\p{L}{2,}/u;

function readable(text: string): boolean {
  const trimmed = text.trim();
  return WORDS.test(trimmed) && !SAME_IN_EVERY_LANGUAGE.has(trimmed);
}

/** Prose in the string literals of a script (TypeScript). */
function scriptProse(source: string, name: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (PROSE.test(node.text) && !SAME_IN_EVERY_LANGUAGE.has(node.text)) found.push(node.text);
    } else if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
      for (const part of parts) if (PROSE.test(part)) found.push(part);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(name, source, ts.ScriptTarget.Latest, true));
  return found;
}

type Node = { type: string; [key: string]: unknown };

/** A string in a markup expression that a person would read: prose, or a capitalised word
 *  (`{busy ? 'Stopping…' : 'Stop'}`); codes compared there are lower case (`'all'`). */
function shown(text: string): boolean {
  if (SAME_IN_EVERY_LANGUAGE.has(text)) return false;
  return PROSE.test(text) || (/^\p{Lu}\p{Ll}/u.test(text) && !SAME_IN_EVERY_LANGUAGE.has(text));
}

/** Text, read attributes and strings shown, with words in them, in a component's markup. */
function markupWords(node: unknown, found: string[]): string[] {
  if (Array.isArray(node)) {
    node.forEach((child) => markupWords(child, found));
    return found;
  }
  if (!node || typeof node !== 'object') return found;
  const n = node as Node;
  if (n.type === 'Text' && readable(String(n.data))) found.push(String(n.data).trim());
  if (n.type === 'Literal' && typeof n.value === 'string' && shown(n.value)) found.push(n.value);
  if (n.type === 'TemplateElement') {
    const cooked = String((n.value as { cooked?: string }).cooked ?? '');
    if (shown(cooked.trim())) found.push(cooked);
  }
  if (n.type === 'Attribute') {
    // Classes, ids, types: codes. Only what a person reads is a word.
    const value = n.value;
    if (!Array.isArray(value)) return markupWords(value, found);
    for (const part of value as Node[]) {
      if (part.type !== 'Text') markupWords(part, found);
      else if (READ_ATTRIBUTES.has(String(n.name)) && readable(String(part.data))) {
        found.push(`${n.name}="${String(part.data)}"`);
      }
    }
    return found;
  }
  // The style block is CSS, the script is read as a script.
  for (const [key, value] of Object.entries(n)) {
    if (!['css', 'instance', 'module', 'parent', 'metadata'].includes(key)) markupWords(value, found);
  }
  return found;
}

describe('the window’s words are in the catalogue', () => {
  it('no component shows a word of its own', () => {
    const offending: Record<string, string[]> = {};
    expect(Object.keys(COMPONENTS).length).toBeGreaterThan(10);
    for (const [path, source] of Object.entries(COMPONENTS)) {
      const ast = parse(source, { modern: true });
      const found = markupWords(ast.fragment, []);
      for (const script of [ast.instance, ast.module]) {
        if (script) {
          const { start, end } = script.content as unknown as { start: number; end: number };
          found.push(...scriptProse(source.slice(start, end), path));
        }
      }
      if (found.length) offending[path] = found;
    }
    expect(offending).toEqual({});
  });

  it('no module of the UI writes a sentence of its own', () => {
    const offending: Record<string, string[]> = {};
    expect(Object.keys(MODULES)).toContain('../lib/app.svelte.ts');
    for (const [path, source] of Object.entries(MODULES)) {
      const found = scriptProse(source, path);
      if (found.length) offending[path] = found;
    }
    expect(offending).toEqual({});
  });

  it('would catch a word in markup, in an attribute and in a script', () => {
    const ast = parse(
      '<script>const a = 1;</script><p class="x">Sent</p><b title="Copy it">✓</b>{a ? \'Stop\' : \'all\'}',
      { modern: true },
    );
    expect(markupWords(ast.fragment, [])).toEqual(['Sent', 'title="Copy it"', 'Stop']);
    expect(scriptProse('const a = `Sent ${n} requests now`;', 'x.ts')).toEqual([' requests now']);
    expect(scriptProse("toast('Project saved')", 'x.ts')).toEqual(['Project saved']);
    expect(scriptProse("const kind = 'text/plain'; t('log-title')", 'x.ts')).toEqual([]);
  });
});
