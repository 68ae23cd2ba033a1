import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What a handler reads at init; the endpoint is a closed loopback port, so nothing reaches AWS. */
const INIT_ENVIRONMENT = {
  AWS_REGION: 'eu-west-1',
  REPORT_BUCKET: 'kda-auditor-bundle-test',
  WEBHOOK_PARAMETER: '/kda-auditor/bundle-test/webhook',
  AWS_ACCESS_KEY_ID: 'AKIABUNDLETESTDUMMY0',
  AWS_SECRET_ACCESS_KEY: 'bundle-test-dummy-secret',
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  POWERTOOLS_METRICS_DISABLED: 'true',
};

// Imports one bundle in a fresh node, counting the sockets it opens, and prints what it exports.
const IMPORT_PROBE = `
import net from 'node:net';
let sockets = 0;
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) { sockets += 1; return connect.apply(this, args); };
const bundle = await import(process.env.BUNDLE_URL);
await new Promise((settle) => setTimeout(settle, 50));
process.stdout.write('\\nPROBE ' + JSON.stringify({ exports: Object.keys(bundle), handler: typeof bundle.handler, sockets }) + '\\n');
process.exit(0);
`;

/**
 * Imports a bundle in a fresh node process started outside the repository, so it must resolve
 * nothing from node_modules; returns its exports, the type of `handler` and the sockets it opened.
 */
export async function importInFreshNode(bundleFile: string): Promise<unknown> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', IMPORT_PROBE], {
    cwd: tmpdir(),
    env: { ...process.env, ...INIT_ENVIRONMENT, BUNDLE_URL: pathToFileURL(bundleFile).href },
  });
  const line = stdout.split('\n').find((printed) => printed.startsWith('PROBE '));
  return line ? JSON.parse(line.slice('PROBE '.length)) : { stdout };
}
