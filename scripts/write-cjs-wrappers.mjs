/* global URL, console */
// Writes the CommonJS entry files named in package.json `exports` (`require.default`): each one require()s
// the ESM file of the same entry (`import.default`), so both module systems share one implementation
// (see tsup.config.ts). Run after tsup.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { posix } from 'node:path';

const root = new URL('../', import.meta.url);
const { exports } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
for (const [subpath, target] of Object.entries(exports)) {
  if (typeof target !== 'object') continue;
  const esm = target.import.default;
  const cjs = target.require.default;
  if (!existsSync(new URL(esm, root))) throw new Error(`exports["${subpath}"]: ${esm} was not built`);
  if (!existsSync(new URL(target.require.types, root))) throw new Error(`exports["${subpath}"]: ${target.require.types} was not built`);
  const relative = `./${posix.relative(posix.dirname(cjs), esm)}`;
  writeFileSync(new URL(cjs, root), `'use strict';\n// CommonJS entry: the ESM build, loaded with require(esm) (Node >= 20.19).\nmodule.exports = require('${relative}');\n`);
  console.log(`CJS ${cjs} -> ${relative}`);
}
