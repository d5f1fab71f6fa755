import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import type { EntryPoint } from './entryPoints.js';
import type { ExportDoc } from './coverage.js';

/** A code example from the API reference or a guide, to type-check and (unless marked `no-run`) run. */
export interface Example {
  /** File-safe unique id. */
  id: string;
  /** Where it comes from, for messages: `lrkit/tfjs tfjsOptimizer` or `docs/pitfalls.md:42`. */
  origin: string;
  /** Entry point whose exports it may use without importing (reference examples). */
  entry?: string;
  code: string;
  run: boolean;
}

const NO_RUN = /^\s*\/\/\s*no-run\b/m;

/** The `@example` blocks of the reference (exports and their members), one per block. */
export function referenceExamples(docs: ExportDoc[]): Example[] {
  return docs.flatMap((d) => {
    const own = d.examples.map((code, i) => ({ name: `${d.name}${d.examples.length > 1 ? `_${i + 1}` : ''}`, code }));
    const members = d.memberExamples.map((m, i) => ({ name: `${d.name}.${m.member}_${i + 1}`, code: m.code }));
    return [...own, ...members].map(({ name, code }) => ({
      id: `${d.entry.replace(/\W+/g, '_')}__${name.replace(/\W+/g, '_')}`,
      origin: `${d.entry} ${name}`,
      entry: d.entry,
      code,
      run: !NO_RUN.test(code),
    }));
  });
}

/**
 * The TypeScript code blocks of markdown guides. A fence ```ts (or ```typescript) is type-checked and run;
 * ```ts no-run is only type-checked (it writes files, trains for minutes, needs a browser...); a ```json spec
 * block is a trace spec, replayed with runTrace.
 */
export function guideExamples(docsDir: string, root: string): Example[] {
  const examples: Example[] = [];
  for (const file of readdirSync(docsDir, { recursive: true }) as string[]) {
    if (!file.endsWith('.md')) continue;
    const path = join(docsDir, file);
    const lines = readFileSync(path, 'utf8').split('\n');
    let open: { line: number; info: string; body: string[] } | undefined;
    lines.forEach((line, i) => {
      const fence = /^```(.*)$/.exec(line.trim());
      if (!open && fence && line.startsWith('```')) {
        open = { line: i + 1, info: fence[1]!.trim(), body: [] };
      } else if (open && line.startsWith('```')) {
        const [lang, ...flags] = open.info.split(/\s+/);
        const origin = `${relative(root, path)}:${open.line}`;
        if (lang === 'ts' || lang === 'typescript') {
          const code = open.body.join('\n');
          examples.push({ id: origin.replace(/\W+/g, '_'), origin, code, run: !flags.includes('no-run') && !NO_RUN.test(code) });
        } else if (lang === 'json' && flags.includes('spec')) {
          // A trace spec shown in a guide must be one lrkit accepts: it is replayed with runTrace.
          const code = `import { runTrace } from 'lrkit';\nrunTrace(${open.body.join('\n')});`;
          examples.push({ id: origin.replace(/\W+/g, '_'), origin, code, run: true });
        }
        open = undefined;
      } else if (open) {
        open.body.push(line);
      }
    });
  }
  return examples;
}

// A statement line ending in a value comment, `s(5); // 0.05` or `xs; // => [1, 2]`: the comment is asserted.
const VALUE_LINE =
  /^(\s*)((?!(?:const|let|var|import|export|return|await\s+import|if|for|while)\b)[^/\n]*?[^\s;{,(])\s*;?\s*\/\/\s*(?:=>\s*)?((?:-?\d[\d_.]*(?:e[-+]?\d+)?)|-?Infinity|NaN|true|false|null|undefined|'[^']*'|"[^"]*"|\[[-\d.,\se+]*\])\s*$/;

/** Turns value comments into assertions; returns the code and how many it found. */
export function assertValueComments(code: string): { code: string; asserted: number } {
  let asserted = 0;
  const out = code.split('\n').map((line, i) => {
    const m = VALUE_LINE.exec(line);
    if (!m) return line;
    asserted++;
    return `${m[1]}__expectValue(${m[2]}, ${JSON.stringify(m[3])}, ${i + 1});`;
  });
  return { code: out.join('\n'), asserted };
}

const IMPORT_FROM = /(from\s+|import\s*\(\s*|import\s+)(['"])([^'"]+)\2/g;

/** Writes each example as a module under `outDir`, importing the package's sources; returns file paths by id. */
export function materialize(examples: Example[], outDir: string, entries: EntryPoint[], exportsOf: Map<string, string[]>): Map<string, string> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const sourceOf = new Map(entries.map((e) => [e.specifier, e.source]));
  const toSource = (specifier: string) => {
    const source = sourceOf.get(specifier);
    if (!source) return specifier;
    const rel = relative(outDir, source).replace(/\.ts$/, '.js').split('\\').join('/');
    return rel.startsWith('.') ? rel : `./${rel}`;
  };
  writeFileSync(join(outDir, 'expectValue.ts'), EXPECT_VALUE);
  const files = new Map<string, string>();
  for (const [index, example] of examples.entries()) {
    const { code } = assertValueComments(example.code);
    const header: string[] = ["import { __expectValue as __expect } from './expectValue.js';"];
    // Reference examples may use their entry's (and the root's) exports without an import line, like the docs read.
    const imported = new Set([...example.code.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}/g)].flatMap((m) => m[1]!.split(',').map((s) => s.trim().split(/\s+as\s+/).pop()!)));
    if (example.entry) {
      const root = entries[0]?.specifier;
      for (const specifier of [...new Set([example.entry, root].filter((s): s is string => !!s))]) {
        const names = (exportsOf.get(specifier) ?? []).filter(
          (n) => !imported.has(n) && new RegExp(`\\b${n}\\b`).test(example.code) && !new RegExp(`\\b(const|let|var|function|class)\\s+${n}\\b`).test(example.code),
        );
        names.forEach((n) => imported.add(n));
        if (names.length) header.push(`import { ${names.join(', ')} } from '${specifier}';`);
      }
    }
    const body = `${header.join(' ')} const __expectValue = (actual: unknown, expected: string, line: number) => __expect(actual, expected, ${JSON.stringify(example.origin)}, line);\n${code}\nexport {};\n`;
    const rewritten = body.replace(IMPORT_FROM, (all, pre: string, quote: string, spec: string) => (sourceOf.has(spec) ? `${pre}${quote}${toSource(spec)}${quote}` : all));
    // The index keeps ids that differ only in case (lrMonitor, LrMonitor) apart on any file system.
    const file = join(outDir, `${String(index).padStart(3, '0')}_${example.id}.ts`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, rewritten);
    files.set(example.id, file);
  }
  return files;
}

/** Type errors of the materialized examples, each prefixed with the example's origin. */
export function typeCheck(files: Map<string, string>, examples: Example[], tsconfig: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(tsconfig, { noEmit: true }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error(`cannot read ${tsconfig}`);
  const program = ts.createProgram([...files.values()], { ...config.options, noEmit: true, noUnusedLocals: false });
  const originOf = new Map(examples.map((e) => [files.get(e.id), e.origin]));
  const fileSet = new Set(files.values());
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => !d.file || fileSet.has(d.file.fileName))
    .map((d) => {
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      if (!d.file || d.start === undefined) return text;
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      // The generated prelude is one line: the example's own line number is the 0-based one.
      return `${originOf.get(d.file.fileName)} (line ${line}): ${text}`;
    });
}

const EXPECT_VALUE = `// Generated by scripts/docs/examples.ts: asserts the value comments of documentation examples.
function matches(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isNaN(expected)) return Number.isNaN(actual);
    if (actual === expected) return true;
    // A documented number is written with the digits that matter: compare at that precision.
    const digits = String(expected).replace(/^-?0\\.0*|e.*$|[-.]/g, '').length || 1;
    return Number(actual.toPrecision(Math.min(digits, 21))) === expected || Math.abs(actual - expected) <= 1e-12 * Math.abs(expected);
  }
  if (Array.isArray(expected)) {
    const list = ArrayBuffer.isView(actual) ? Array.from(actual as unknown as ArrayLike<number>) : actual;
    return Array.isArray(list) && list.length === expected.length && expected.every((e, i) => matches(list[i], e));
  }
  return Object.is(actual, expected);
}
export function __expectValue(actual: unknown, expected: string, origin: string, line: number): void {
  const value = expected === 'undefined' ? undefined : expected === 'NaN' ? NaN : /^-?Infinity$/.test(expected) ? Number(expected) : expected.startsWith("'") ? expected.slice(1, -1) : JSON.parse(expected.replace(/_/g, ''));
  if (!matches(actual, value)) throw new Error(\`\${origin} (line \${line}): documented \${expected}, got \${JSON.stringify(actual)}\`);
}
`;
