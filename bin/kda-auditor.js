#!/usr/bin/env node
// The package's command: runs the bundled CLI (npm run build writes dist/cli.mjs; npm pack runs
// the build first through "prepack"). From a clone, `npm run kda-auditor --` runs the sources.
import('../dist/cli.mjs').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.mjs')) {
    process.stderr.write('kda-auditor: dist/cli.mjs is missing; run "npm run build" first.\n');
    process.exitCode = 3;
    return;
  }
  throw error;
});
