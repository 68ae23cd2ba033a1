/**
 * What the restXml sandbox tests (S3, S3 Control) share: a request made by hand (for framings and
 * operations no SDK call sends), S3's error document with its random ids blanked, the output of
 * an SDK call without its metadata, and the AWS CLI with extra environment (a proxy).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REGION } from './json-wire.js';

/** A REST call made by hand with a SigV4-shaped Authorization header for S3. */
export async function rawRestCall(
  endpoint: string,
  call: {
    method: string;
    path: string;
    region?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  },
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const scope = `AKIDSANDBOX/20260101/${call.region ?? REGION}/s3/aws4_request`;
  const response = await fetch(`${endpoint}${call.path}`, {
    method: call.method,
    headers: {
      authorization: `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host, Signature=00`,
      ...call.headers,
    },
    ...(call.body === undefined ? {} : { body: call.body }),
  });
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: await response.text(),
  };
}

/** An S3 XML document with its request ids (random on every response) replaced by `…`. */
export function withoutRequestIds(xml: string): string {
  return xml
    .replace(/<RequestId>[^<]*<\/RequestId>/, '<RequestId>…</RequestId>')
    .replace(/<HostId>[^<]*<\/HostId>/, '<HostId>…</HostId>');
}

/** An SDK command's output without `$metadata` (request ids and attempts differ on every call). */
export function outputOf<T extends { $metadata: unknown }>(output: T): Omit<T, '$metadata'> {
  const { $metadata: _metadata, ...rest } = output;
  return rest;
}

const run = promisify(execFile);

/**
 * Runs `aws <service> <operation> …` against the sandbox with extra environment variables and
 * parses its JSON output. S3 Control puts the account id in front of the endpoint's host
 * (`111122223333.127.0.0.1`), which nothing resolves: `HTTP_PROXY` set to the sandbox makes the
 * CLI hand it the request anyway.
 */
export async function awsCliWithEnv(
  endpoint: string,
  region: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<unknown> {
  const { stdout } = await run(
    'aws',
    ['--endpoint-url', endpoint, '--region', region, '--output', 'json', ...args],
    {
      env: {
        // The caller's own AWS_* and proxy settings must not leak in.
        ...Object.fromEntries(
          Object.entries(process.env).filter(([name]) => !/^(AWS_|HTTPS?_PROXY$|NO_PROXY$)/i.test(name)),
        ),
        AWS_ACCESS_KEY_ID: 'AKIDSANDBOX',
        AWS_SECRET_ACCESS_KEY: 'sandbox',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        AWS_EC2_METADATA_DISABLED: 'true',
        ...env,
      },
      timeout: 60_000,
    },
  );
  return JSON.parse(stdout);
}
