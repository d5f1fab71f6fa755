// Writes schema/lrkit-trace.schema.json from lrkit's option definitions. Run: npm run schema
import { writeFileSync } from 'node:fs';
import { jsonSchemaText } from '../src/spec/jsonSchema.js';

const out = new URL('../schema/lrkit-trace.schema.json', import.meta.url);
writeFileSync(out, jsonSchemaText());
console.log(`wrote ${out.pathname}`);
