import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One public entry point: the specifier users import and the TypeScript source behind it. */
export interface EntryPoint {
  /** What users write in `import ... from`, e.g. `lrkit/tfjs`. */
  specifier: string;
  /** Absolute path of the source file (`src/.../*.ts`). */
  source: string;
}

interface PackageJson {
  name: string;
  exports?: unknown;
  workspaces?: string[];
}

// Every string target of an exports entry, whatever the nesting of conditions (import/require/types/node/default).
function targets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(targets);
  if (value && typeof value === 'object') return Object.values(value).flatMap(targets);
  return [];
}

// `./dist/esm/tfjs/index.js`, `./dist/tfjs/index.d.ts`, `./dist/cjs/x.cjs` -> candidates under `src/`.
function sourceCandidates(target: string): string[] {
  const path = target.replace(/^\.\//, '');
  const stem = path.replace(/\.d\.[cm]?ts$|\.[cm]?js$|\.ts$/, '');
  const inner = stem.replace(/^(dist|build|lib|out)\/(esm|cjs|types|mjs|node|browser)\//, '').replace(/^(dist|build|lib|out)\//, '');
  return [`src/${inner}.ts`, `src/${inner}.mts`, `src/${inner}/index.ts`, `${stem}.ts`];
}

function entriesOf(dir: string): EntryPoint[] {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
  const exportsField = pkg.exports;
  if (!exportsField) return [];
  // `"exports": "./dist/index.js"` or conditions at the top level mean a single `.` entry.
  const map: Record<string, unknown> =
    typeof exportsField === 'string' || Object.keys(exportsField as object).every((k) => !k.startsWith('.'))
      ? { '.': exportsField }
      : (exportsField as Record<string, unknown>);
  const entries: EntryPoint[] = [];
  for (const [key, value] of Object.entries(map)) {
    if (key.endsWith('.json') || key.includes('*')) continue;
    const specifier = key === '.' ? pkg.name : `${pkg.name}/${key.replace(/^\.\//, '')}`;
    const candidates = targets(value).flatMap(sourceCandidates);
    const source = candidates.map((c) => join(dir, c)).find((c) => existsSync(c));
    if (!source) throw new Error(`docs: cannot find the source of export "${specifier}" in ${dir} (tried ${[...new Set(candidates)].join(', ')})`);
    entries.push({ specifier, source });
  }
  return entries;
}

/**
 * The public entry points of the package at `root` (and of its workspace packages), read from the
 * `exports` maps: the single source of truth for what the API reference must cover.
 */
export function publicEntryPoints(root: string): EntryPoint[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
  const entries = entriesOf(root);
  for (const pattern of pkg.workspaces ?? []) {
    // Workspaces are listed as `packages/name` or `packages/*`.
    const dirs = pattern.endsWith('/*') ? listDirs(join(root, pattern.slice(0, -2))) : [join(root, pattern)];
    for (const d of dirs) if (existsSync(join(d, 'package.json'))) entries.push(...entriesOf(d));
  }
  return entries;
}

function listDirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(dir, d.name));
}

/** `src/tfjs/index.ts` relative to the repository root, with forward slashes. */
export function repoPath(root: string, file: string): string {
  return relative(root, file).split('\\').join('/');
}

/** The repository root (this file lives in scripts/docs/). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
