#!/usr/bin/env node
/**
 * Bundles kda-auditor with esbuild: the Lambda handlers to dist/functions/<name>/handler.mjs and
 * the CLI to dist/cli.mjs (what bin/kda-auditor.js runs), then prints each bundle's size.
 *
 * Everything is bundled, the AWS SDK included: the nodejs22.x runtime ships an SDK v3 whose
 * version AWS changes without notice, and bundling pins the version our tests ran against.
 * `sam build` bundles the functions itself from template.yaml's Metadata with the same settings.
 */
import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

// Bundled CommonJS dependencies still call require(); an ESM bundle has to provide one.
const requireShim =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: true,
};

const bundles = [
  {
    ...common,
    entryPoints: ['functions/scan/handler.ts'],
    outfile: 'dist/functions/scan/handler.mjs',
    banner: { js: requireShim },
  },
  {
    ...common,
    entryPoints: ['functions/notify/handler.ts'],
    outfile: 'dist/functions/notify/handler.mjs',
    banner: { js: requireShim },
  },
  {
    ...common,
    entryPoints: ['functions/org-targets/handler.ts'],
    outfile: 'dist/functions/org-targets/handler.mjs',
    banner: { js: requireShim },
  },
  {
    ...common,
    entryPoints: ['functions/org-aggregate/handler.ts'],
    outfile: 'dist/functions/org-aggregate/handler.mjs',
    banner: { js: requireShim },
  },
  {
    ...common,
    entryPoints: ['functions/live/handler.ts'],
    outfile: 'dist/functions/live/handler.mjs',
    banner: { js: requireShim },
  },
  {
    ...common,
    // The CLI must also run on Node 20, the oldest version package.json accepts; its map would
    // triple the package and Node ignores it without --enable-source-maps.
    target: 'node20',
    sourcemap: false,
    entryPoints: ['cli/main.ts'],
    outfile: 'dist/cli.mjs',
    banner: { js: `#!/usr/bin/env node\n${requireShim}` },
  },
];

for (const options of bundles) {
  await build(options);
  const bytes = statSync(new URL(options.outfile, `file://${root}/`)).size;
  console.log(
    `${relative(root, `${root}/${options.outfile}`).padEnd(34)} ${(bytes / 1024).toFixed(0).padStart(6)} KiB`,
  );
}
