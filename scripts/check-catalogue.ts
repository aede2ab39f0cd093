/**
 * Fails when a page, component or route in web/ or worker/routes/ writes words a person reads straight into JSX
 * instead of asking the message catalogue (web/i18n) for them: text between tags, and words in attributes people
 * read or hear (labels, titles, hints, placeholders, accessible names). Files still being moved to the catalogue are
 * listed in PENDING; the check also fails when a listed file is already clean, so the list only shrinks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

/** Files whose words are not yet all in the catalogue. Remove a file once it is clean. */
export const PENDING: readonly string[] = [];

/** Attributes that hold machine words (addresses, names of fields, styling), never words a person reads. */
const TECHNICAL_ATTRIBUTES = new Set([
  'class',
  'className',
  'id',
  'name',
  'type',
  'href',
  'src',
  'action',
  'method',
  'rel',
  'target',
  'for',
  'htmlFor',
  'role',
  'autocomplete',
  'autocapitalize',
  'inputmode',
  'pattern',
  'lang',
  'hreflang',
  'style',
  'enctype',
  'accept',
  'value',
  'key',
  'd',
  'viewBox',
  'xmlns',
  'fill',
  'stroke',
  'transform',
  'points',
  'media',
  'content',
  'charset',
  'property',
  'sizes',
  'as',
  'crossorigin',
  'integrity',
  'nonce',
  'form',
  'formaction',
  'formmethod',
  'list',
  'dir',
  'scope',
  'headers',
  'wrap',
  'kind',
  'tone',
  'variant',
  'status',
  'field',
  'path',
  'area',
  'icon',
  'size',
  'min',
  'max',
  'step',
  'reader',
]);

/** Elements whose text is machine text shown as it is (a code sample, a key to press). */
const MACHINE_TEXT_ELEMENTS = new Set(['code', 'pre', 'kbd', 'samp']);

/** A catalogue key handed to a component that looks its words up itself, e.g. `label="auth.email"`. */
const CATALOGUE_KEY = /^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)+$/;

/** Words that are the same in every language: the product's name, and marks like "·" or "→". */
const SAME_IN_EVERY_LANGUAGE = new Set(['Care Passport']);

/** One piece of text written straight into a page. */
export interface Literal {
  file: string;
  line: number;
  text: string;
}

/** True when `text` holds a word (two letters in a row) that is not the product's name. */
function hasWords(text: string): boolean {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (SAME_IN_EVERY_LANGUAGE.has(trimmed)) return false;
  return /\p{L}{2,}/u.test(trimmed);
}

/** True for attribute names whose value a person reads or hears. */
function isReadAttribute(name: string): boolean {
  if (name.startsWith('data-') || name.startsWith('hx-') || name.startsWith('on')) return false;
  if (name.startsWith('aria-')) return name === 'aria-label' || name === 'aria-description';
  if (name.includes('-')) return false;
  return !TECHNICAL_ATTRIBUTES.has(name);
}

/** True for text inside <code>, <pre> and the like, which is shown as it is in every language. */
function isMachineText(node: ts.JsxText): boolean {
  const parent = node.parent;
  if (!ts.isJsxElement(parent)) return false;
  return MACHINE_TEXT_ELEMENTS.has(parent.openingElement.tagName.getText());
}

/** Every literal a person would read in one .tsx source file. */
export function literalsIn(file: string, source: string): Literal[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Literal[] = [];
  const add = (node: ts.Node, text: string) =>
    found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: text.trim() });
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text) && !isMachineText(node)) add(node, node.text);
    if (ts.isJsxAttribute(node) && node.initializer) {
      const name = node.name.getText(sf);
      const init = node.initializer;
      const text = ts.isStringLiteral(init)
        ? init.text
        : ts.isJsxExpression(init) && init.expression && ts.isNoSubstitutionTemplateLiteral(init.expression)
          ? init.expression.text
          : ts.isJsxExpression(init) && init.expression && ts.isStringLiteral(init.expression)
            ? init.expression.text
            : null;
      if (text !== null && isReadAttribute(name) && hasWords(text) && !CATALOGUE_KEY.test(text)) add(node, text);
    }
    if (ts.isJsxExpression(node) && node.expression && ts.isStringLiteral(node.expression)) {
      if (hasWords(node.expression.text) && !ts.isJsxAttribute(node.parent)) add(node, node.expression.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The .tsx files under a folder, as paths relative to the project root. */
function tsxFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsxFiles(root, path));
    else if (entry.name.endsWith('.tsx')) out.push(path);
  }
  return out;
}

/** The outcome of a check: literals in files not listed as pending, and pending files that are already clean. */
export function checkCatalogue(root: string, pending: readonly string[] = PENDING) {
  const files = [...tsxFiles(root, 'web'), ...tsxFiles(root, 'worker/routes')]
    .map((f) => relative(root, join(root, f)))
    .filter((f) => !f.startsWith('web/i18n/'));
  const pendingSet = new Set(pending);
  const offenders: Literal[] = [];
  const clean: string[] = [];
  for (const file of files) {
    const literals = literalsIn(file, readFileSync(join(root, file), 'utf8'));
    if (pendingSet.has(file)) {
      if (literals.length === 0) clean.push(file);
    } else offenders.push(...literals);
  }
  return { offenders, clean, pendingCount: pending.length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
  const { offenders, clean, pendingCount } = checkCatalogue(root);
  for (const o of offenders)
    console.error(`${o.file}:${o.line}: words outside the catalogue: ${JSON.stringify(o.text)}`);
  for (const f of clean) console.error(`${f}: already clean; remove it from PENDING in scripts/check-catalogue.ts`);
  if (offenders.length || clean.length) process.exit(1);
  console.log(`check-catalogue: every page asks the catalogue for its words (${pendingCount} files pending)`);
}
