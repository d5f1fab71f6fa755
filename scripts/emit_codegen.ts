// Writes test/fixtures/codegen/<name>.py = toCode(spec, 'pytorch') for every spec in specs.json.
// Called by scripts/gen_codegen_fixtures.py, which then runs each program with the .venv's PyTorch.
import { readFileSync, writeFileSync } from 'node:fs';
import { toCode } from '../src/codegen/toCode.js';

const dir = new URL('../test/fixtures/codegen/', import.meta.url);
const specs = JSON.parse(readFileSync(new URL('specs.json', dir), 'utf8')) as Record<string, unknown>;
for (const [name, spec] of Object.entries(specs)) writeFileSync(new URL(`${name}.py`, dir), toCode(spec, 'pytorch'));
console.log(`emitted ${Object.keys(specs).length} programs`);
