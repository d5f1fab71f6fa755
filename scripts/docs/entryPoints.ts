import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

/**
 * Subpaths that are exported for lrkit's own packages but are not a public API (no semver promise, see
 * src/internal.ts): the reference does not document them.
 */
export const NOT_PUBLIC_SUBPATHS: readonly string[] = ['./internal'];

// Every string target of an exports entry, whatever the nesting of conditions (import/require/types/node/default).
function targets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(targets);
  if (value && typeof value === 'object') return Object.values(value).flatMap(targets);
  return [];
}

// `./dist/tfjs/index.js`, `./dist/finder/plot.d.cts` -> `tfjs/index`, `finder/plot`: the bundler's entry name.
function entryName(target: string): string {
  return target
    .replace(/^\.\//, '')
    .replace(/\.d\.[cm]?ts$|\.[cm]?js$|\.ts$/, '')
    .replace(/^(dist|build|lib|out)\/((esm|cjs|types)\/)?/, '');
}

// The bundler's map from entry name to source (tsup's `entry` object), when the package has a tsup config.
async function bundlerEntries(dir: string): Promise<Map<string, string>> {
  const config = join(dir, 'tsup.config.ts');
  const map = new Map<string, string>();
  if (!existsSync(config)) return map;
  const loaded = ((await import(pathToFileURL(config).href)) as { default: unknown }).default;
  for (const c of (Array.isArray(loaded) ? loaded : [loaded]) as Array<{ entry?: unknown }>) {
    if (c.entry && typeof c.entry === 'object' && !Array.isArray(c.entry)) {
      for (const [name, source] of Object.entries(c.entry as Record<string, string>)) map.set(name, source);
    }
  }
  return map;
}

async function entriesOf(dir: string): Promise<EntryPoint[]> {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
  const exportsField = pkg.exports;
  if (!exportsField) return [];
  // `"exports": "./dist/index.js"` or conditions at the top level mean a single `.` entry.
  const map: Record<string, unknown> =
    typeof exportsField === 'string' || Object.keys(exportsField as object).every((k) => !k.startsWith('.'))
      ? { '.': exportsField }
      : (exportsField as Record<string, unknown>);
  const bundled = await bundlerEntries(dir);
  const entries: EntryPoint[] = [];
  for (const [key, value] of Object.entries(map)) {
    if (key.endsWith('.json') || key.includes('*') || NOT_PUBLIC_SUBPATHS.includes(key)) continue;
    const specifier = key === '.' ? pkg.name : `${pkg.name}/${key.replace(/^\.\//, '')}`;
    const names = [...new Set(targets(value).map(entryName))];
    const candidates = names.flatMap((n) => [bundled.get(n), `src/${n}.ts`, `src/${n}/index.ts`]).filter((c): c is string => !!c);
    const source = candidates.map((c) => join(dir, c)).find((c) => existsSync(c));
    if (!source) throw new Error(`docs: cannot find the source of export "${specifier}" in ${dir} (tried ${candidates.join(', ')})`);
    entries.push({ specifier, source });
  }
  return entries;
}

/**
 * The public entry points of the package at `root` and of its workspace packages, read from their `exports`
 * maps (and tsup's entry map, to find each one's source): what the API reference must cover.
 */
export async function publicEntryPoints(root: string): Promise<EntryPoint[]> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
  const entries = await entriesOf(root);
  for (const pattern of pkg.workspaces ?? []) {
    // Workspaces are listed as `packages/name` or `packages/*`.
    const dirs = pattern.endsWith('/*') ? listDirs(join(root, pattern.slice(0, -2))) : [join(root, pattern)];
    for (const d of dirs) if (existsSync(join(d, 'package.json'))) entries.push(...(await entriesOf(d)));
  }
  return entries;
}

function listDirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(dir, d.name))
    .sort();
}

/** `src/tfjs/index.ts` relative to the repository root, with forward slashes. */
export function repoPath(root: string, file: string): string {
  return relative(root, file).split('\\').join('/');
}

/** The repository root (this file lives in scripts/docs/). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
