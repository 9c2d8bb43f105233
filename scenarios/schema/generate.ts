#!/usr/bin/env node
/** `npm run schema`: writes scenarios/scenario.schema.json and scenarios/DEFAULTS.md from the schema and defaults modules. */
import { writeFileSync } from 'node:fs';
import { generatedFiles } from './json-schema.js';

for (const f of generatedFiles()) {
  writeFileSync(f.path, f.text);
  console.log(`wrote ${f.path}`);
}
