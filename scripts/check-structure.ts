/**
 * Fails when a source file in worker/ or web/ is over 500 lines, or a function, arrow function or method there is
 * over 80 lines. Route tables (functions whose body only lists Hono routes) and generated or reference-data files are
 * exempt. Prints each offender and exits non-zero.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

export const MAX_FILE_LINES = 500;
export const MAX_FUNCTION_LINES = 80;
/** Files allowed to be long: reference data and anything a generator wrote. */
const EXEMPT_FILES = new Set(['db/seed/reference-data.ts']);
const GENERATED_MARK = /@generated|auto-generated|do not edit/i;
const ROUTE_METHODS = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'all',
  'on',
  'use',
  'route',
  'options',
  'basePath',
]);

/** A file or function that breaks a size rule. */
export interface Offender {
  file: string;
  line: number;
  name: string;
  lines: number;
  limit: number;
}

/** True for `app.get(...)`, `app.route(...).post(...)` and other chains of route registrations on one object. */
function isRouteCall(expr: ts.Expression): boolean {
  if (!ts.isCallExpression(expr) || !ts.isPropertyAccessExpression(expr.expression)) return false;
  if (!ROUTE_METHODS.has(expr.expression.name.text)) return false;
  const target = expr.expression.expression;
  return ts.isIdentifier(target) || target.kind === ts.SyntaxKind.ThisKeyword || isRouteCall(target);
}

/** True when a statement only creates the Hono app, registers routes on it, or returns it. */
function isRouteStatement(stmt: ts.Statement): boolean {
  if (ts.isExpressionStatement(stmt)) return isRouteCall(stmt.expression);
  if (ts.isReturnStatement(stmt))
    return !stmt.expression || ts.isIdentifier(stmt.expression) || isRouteCall(stmt.expression);
  if (ts.isVariableStatement(stmt)) {
    return stmt.declarationList.declarations.every((d) => {
      const init = d.initializer;
      return !!init && ((ts.isNewExpression(init) && init.expression.getText() === 'Hono') || isRouteCall(init));
    });
  }
  return false;
}

/** A function whose body only lists routes: exempt from the length limit however many routes it holds. */
function isRouteTable(node: ts.FunctionLikeDeclaration): boolean {
  const body = node.body;
  if (!body) return false;
  if (!ts.isBlock(body)) return isRouteCall(body);
  return body.statements.length > 0 && body.statements.every(isRouteStatement);
}

function functionName(node: ts.FunctionLikeDeclaration): string {
  if (node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) return node.name.text;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return '(anonymous)';
}

/** Every over-long function, arrow function or method in one source text (nested ones are measured on their own too). */
export function longFunctions(file: string, source: string, limit = MAX_FUNCTION_LINES): Offender[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const found: Offender[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const fn = node as ts.FunctionLikeDeclaration;
      const start = sf.getLineAndCharacterOfPosition(fn.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(fn.getEnd()).line;
      const lines = end - start + 1;
      if (lines > limit && !isRouteTable(fn))
        found.push({ file, line: start + 1, name: functionName(fn), lines, limit });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The file itself when it is over the line limit and neither reference data nor generated. */
export function longFile(file: string, source: string, limit = MAX_FILE_LINES): Offender | null {
  if (EXEMPT_FILES.has(file) || GENERATED_MARK.test(source.slice(0, 400))) return null;
  const lines = source.split('\n').length - (source.endsWith('\n') ? 1 : 0);
  return lines > limit ? { file, line: 1, name: '(file)', lines, limit } : null;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every offender under the given folders of root, files first, then functions, in path order. */
export function checkStructure(root: string, folders: string[]): Offender[] {
  const files = folders.flatMap((f) => sourceFiles(join(root, f))).sort();
  return files.flatMap((path) => {
    const file = relative(root, path);
    const source = readFileSync(path, 'utf8');
    const whole = longFile(file, source);
    return [...(whole ? [whole] : []), ...longFunctions(file, source)];
  });
}

function main() {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const offenders = checkStructure(root, ['worker', 'web']);
  if (!offenders.length) return;
  console.error(`Over the size limits (${offenders.length}):`);
  for (const o of offenders) console.error(`  ${o.file}:${o.line} ${o.name} is ${o.lines} lines (limit ${o.limit})`);
  process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
