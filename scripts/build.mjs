#!/usr/bin/env node
/**
 * Bundles kda-auditor with esbuild: the Lambda handlers to dist/functions/<name>/handler.mjs and
 * the CLI to dist/cli.mjs (what bin/kda-auditor.js runs), then prints each bundle's size.
 *
 * Everything is bundled, the AWS SDK included: the nodejs22.x runtime ships an SDK v3 whose
 * version AWS changes without notice, and bundling pins the version our tests ran against.
 *
 * Usage: node scripts/build.mjs [--outdir DIR] [--functions-only | --entry FILE (to DIR/entry.mjs)]
 *        node scripts/build.mjs --function NAME --outdir DIR   (one function, to DIR/handler.mjs)
 *
 * `--function` is what the Makefile's `build-<LogicalId>` targets run for `sam build`
 * (`BuildMethod: makefile`): SAM's own esbuild build cannot load the plugins below.
 *
 * What keeps each Lambda bundle under 1.5 MB (docs/performance.md, "Cold start"):
 * - ESM entry points of packages first (`mainFields`), so the SDK's unused commands drop out;
 * - the SDK's schema files made tree-shakable (sdkSchemaKeys): EC2 alone was 1 MB for one command;
 * - zod imported as a namespace in our sources (`import * as z`): `import { z }` kept all of zod
 *   and its 40 locales (tests/build/bundle-size.test.ts fails if they come back);
 * - each SDK package.json cut to its version (sdkPackageVersion).
 */
import { readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

// Bundled CommonJS dependencies still call require(); an ESM bundle has to provide one.
const requireShim =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/** The Lambda functions, each bundled from functions/<name>/handler.ts. */
export const FUNCTION_NAMES = ['scan', 'notify', 'org-targets', 'org-aggregate', 'live'];

// An SDK v3 client's schemas live in one generated file per client (schemas/schemas_0.js).
const SDK_SCHEMA_FILE =
  /[\\/]@aws-sdk[\\/][^\\/]+[\\/]dist-es[\\/](?:submodules[\\/][^\\/]+[\\/])?schemas[\\/]schemas_\d+\.js$/;
// `const _xN = "xmlName";` at the top of that file.
const SCHEMA_NAME_CONSTANT = /^const (_\w+) = ("[^"\\\n]*");$/gm;
// `{ [_xN]: …` or `, [_xN]: …`: a computed key that starts an object property.
const COMPUTED_SCHEMA_KEY = /([{,]\s*)\[(_\w+)\]:/g;

/**
 * Rewrites the computed keys of the SDK's schema files (`{ [_xN]: "Name" }`) to the string
 * constants they name (`{ "xmlName": "Name" }`). esbuild cannot prove a computed key free of side
 * effects, so every schema holding one was kept with all it references: 550 KB of EC2 schemas for
 * DescribeRegions alone. The objects are the same; only the keys are written out.
 */
const sdkSchemaKeys = {
  name: 'sdk-schema-keys',
  setup(builder) {
    builder.onLoad({ filter: SDK_SCHEMA_FILE }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      // A literal "__proto__" key would set the prototype where the computed one made a property.
      const constants = new Map(
        Array.from(source.matchAll(SCHEMA_NAME_CONSTANT), (m) => [m[1], m[2]]).filter(
          ([, value]) => value !== '"__proto__"',
        ),
      );
      const contents = source.replace(COMPUTED_SCHEMA_KEY, (whole, before, name) =>
        constants.has(name) ? `${before}${constants.get(name)}:` : whole,
      );
      return { contents, loader: 'js' };
    });
  },
};

// The package.json of an SDK package, read for its version (the user agent) and nothing else.
const SDK_PACKAGE_JSON = /[\\/]node_modules[\\/]@aws-sdk[\\/][^\\/]+[\\/]package\.json$/;

/**
 * Loads an SDK package's package.json as its name and version only. Each client imports the whole
 * file as a default import, which esbuild cannot trim: 2-4 KB of scripts and dependency lists per
 * client, 33 KB in the scan function. Its code reads `packageInfo.version` only.
 */
const sdkPackageVersion = {
  name: 'sdk-package-version',
  setup(builder) {
    builder.onLoad({ filter: SDK_PACKAGE_JSON }, async (args) => {
      const { name, version } = JSON.parse(await readFile(args.path, 'utf8'));
      return { contents: JSON.stringify({ name, version }), loader: 'json' };
    });
  },
};

/** The esbuild options every bundle shares. */
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  // ESM first: the SDK's dist-es tree-shakes, its dist-cjs does not.
  mainFields: ['module', 'main'],
  minify: true,
  // Class and function names survive minification, so stack traces in the logs stay readable.
  keepNames: true,
  sourcemap: true,
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: true,
  plugins: [sdkSchemaKeys, sdkPackageVersion],
};

/** The esbuild options of one Lambda function's bundle, written to `outfile`. */
function functionOptions(name, outfile) {
  return {
    ...common,
    entryPoints: [`functions/${name}/handler.ts`],
    outfile,
    banner: { js: requireShim },
  };
}

/** The esbuild options of every bundle, writing under `outdir`. */
export function bundleOptions(outdir, { functionsOnly = false } = {}) {
  const functions = FUNCTION_NAMES.map((name) =>
    functionOptions(name, join(outdir, 'functions', name, 'handler.mjs')),
  );
  if (functionsOnly) return functions;
  return [
    ...functions,
    {
      ...common,
      // The CLI must also run on Node 20, the oldest version package.json accepts; its map would
      // triple the package and Node ignores it without --enable-source-maps.
      target: 'node20',
      sourcemap: false,
      entryPoints: ['cli/main.ts'],
      outfile: join(outdir, 'cli.mjs'),
      banner: { js: `#!/usr/bin/env node\n${requireShim}` },
    },
  ];
}

/** Builds every bundle; returns each output file with its size in bytes. */
export async function buildBundles(outdir, options = {}) {
  // One esbuild service builds them side by side.
  return Promise.all(
    bundleOptions(outdir, options).map(async (config) => {
      await build(config);
      const file = resolve(root, config.outfile);
      return { file, bytes: (await stat(file)).size };
    }),
  );
}

/**
 * Builds one Lambda function to `outdir/handler.mjs` (its map and legal notices beside it): the
 * layout a function's `Handler: handler.handler` resolves in, as `sam build` packages `outdir`.
 */
export async function buildFunction(name, outdir) {
  if (!FUNCTION_NAMES.includes(name)) {
    throw new Error(`Unknown function "${name}": expected one of ${FUNCTION_NAMES.join(', ')}.`);
  }
  const outfile = resolve(outdir, 'handler.mjs');
  await build(functionOptions(name, outfile));
  return [{ file: outfile, bytes: (await stat(outfile)).size }];
}

/** Bundles one more entry point with the Lambda functions' options (tests, benchmarks). */
export async function buildEntry(entry, outfile) {
  await build({
    ...common,
    entryPoints: [resolve(entry)],
    outfile: resolve(outfile),
    banner: { js: requireShim },
  });
  return [{ file: resolve(outfile), bytes: (await stat(resolve(outfile))).size }];
}

function flagValue(argv, flag) {
  const at = argv.indexOf(flag);
  return at >= 0 ? argv[at + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const argv = process.argv.slice(2);
  const entry = flagValue(argv, '--entry');
  const functionName = flagValue(argv, '--function');
  const outdirFlag = flagValue(argv, '--outdir');
  if (functionName !== undefined && !FUNCTION_NAMES.includes(functionName)) {
    console.error(`Unknown function "${functionName}": expected one of ${FUNCTION_NAMES.join(', ')}.`);
    process.exit(2);
  }
  if (functionName !== undefined && !outdirFlag) {
    // A default would write handler.mjs into dist/, where the other functions' folders live.
    console.error('--function needs --outdir DIR: the folder that receives handler.mjs.');
    process.exit(2);
  }
  const outdir = resolve(outdirFlag ?? join(root, 'dist'));
  let built;
  try {
    built = functionName
      ? await buildFunction(functionName, outdir)
      : entry
        ? await buildEntry(entry, join(outdir, 'entry.mjs'))
        : await buildBundles(outdir, { functionsOnly: argv.includes('--functions-only') });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  for (const { file, bytes } of built) {
    console.log(`${relative(root, file).padEnd(40)} ${(bytes / 1024).toFixed(0).padStart(6)} KiB`);
  }
}
