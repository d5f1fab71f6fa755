/* global URL, console */
// Completes the build after tsup (see tsup.config.ts) for every entry of package.json `exports`:
// - the CommonJS entry (`require.default`) require()s the ESM file of the same entry (`import.default`), so both
//   module systems share one implementation;
// - the ESM declarations (`import.types`) re-export the CommonJS declarations (`require.types`, the one set
//   tsup rolls up), so both module systems see the same types, shipped once.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { posix } from 'node:path';

const root = new URL('../', import.meta.url);
const { exports } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));

function relative(from, to) {
  return `./${posix.relative(posix.dirname(from), to)}`;
}

for (const [subpath, target] of Object.entries(exports)) {
  if (typeof target !== 'object') continue;
  const { import: esm, require: cjs } = target;
  for (const file of [esm.default, cjs.types]) {
    if (!existsSync(new URL(file, root))) throw new Error(`exports["${subpath}"]: ${file} was not built`);
  }
  writeFileSync(
    new URL(cjs.default, root),
    `'use strict';\n// CommonJS entry: the ESM build, loaded with require(esm) (Node >= 20.19).\nmodule.exports = require('${relative(cjs.default, esm.default)}');\n`,
  );
  // `./x.cjs` in a declaration file resolves to `./x.d.cts`.
  const cjsTypesAsModule = relative(esm.types, cjs.types).replace(/\.d\.cts$/, '.cjs');
  writeFileSync(new URL(esm.types, root), `export * from '${cjsTypesAsModule}';\n`);
  console.log(`${cjs.default} -> ${esm.default}; ${esm.types} -> ${cjs.types}`);
}
