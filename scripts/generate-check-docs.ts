// Writes docs/checks.md from the checks' metadata: `npm run docs:checks`.
import { writeFileSync } from 'node:fs';
import { renderCheckCatalog } from '../shared/checks/catalog.js';
import { CHECKS } from '../shared/checks/registry.js';

const target = new URL('../docs/checks.md', import.meta.url);
writeFileSync(target, renderCheckCatalog(CHECKS));
process.stderr.write(`wrote ${target.pathname} (${CHECKS.length} checks)\n`);
