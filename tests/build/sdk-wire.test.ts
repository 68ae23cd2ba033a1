import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeSdkWire } from './sdk-wire-probe.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

// Canned AWS answers, by what the request asks for.
const EC2_REGIONS =
  '<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId><regionInfo><item><regionName>eu-west-1</regionName><regionEndpoint>ec2.eu-west-1.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item></regionInfo></DescribeRegionsResponse>';
const S3_POLICY_STATUS = '<PolicyStatus><IsPublic>true</IsPublic></PolicyStatus>';
const S3_OBJECTS =
  '<ListBucketResult><Name>probe-bucket</Name><Prefix>jars/</Prefix><KeyCount>1</KeyCount><IsTruncated>false</IsTruncated><Contents><Key>jars/app.jar</Key><Size>12</Size><ETag>"e1"</ETag></Contents></ListBucketResult>';

let server: Server;
let endpoint = '';
let outdir = '';
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      requests.push(`${request.method} ${request.url} ${body}`);
      response.setHeader('content-type', 'text/xml');
      if (body.includes('Action=DescribeRegions')) response.end(EC2_REGIONS);
      else if (request.url?.includes('policyStatus')) response.end(S3_POLICY_STATUS);
      else response.end(S3_OBJECTS);
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  outdir = await mkdtemp(join(tmpdir(), 'kda-wire-'));
  await run(
    process.execPath,
    ['scripts/build.mjs', '--entry', 'tests/build/sdk-wire-probe.ts', '--outdir', outdir],
    {
      cwd: root,
    },
  );
}, 120_000);

afterAll(async () => {
  await new Promise((closed) => server.close(closed));
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

async function probeBundled(): Promise<unknown> {
  const script = `const { probeSdkWire } = await import(${JSON.stringify(pathToFileURL(join(outdir, 'entry.mjs')).href)});
process.stdout.write(JSON.stringify(await probeSdkWire(${JSON.stringify(endpoint)})));`;
  const { stdout } = await run(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], {
    cwd: tmpdir(),
  });
  return JSON.parse(stdout);
}

describe('Script: scripts/build.mjs (SDK schemas rewritten by its plugins)', () => {
  it('returns the same requests and parsed answers from the bundle as from the SDK unbundled', async () => {
    // Prepare
    requests.length = 0;
    const unbundled = JSON.parse(JSON.stringify(await probeSdkWire(endpoint)));
    const unbundledRequests = requests.splice(0);

    // Act
    const bundled = await probeBundled();

    // Assess
    expect({ answers: bundled, requests: requests.splice(0) }).toEqual({
      answers: unbundled,
      requests: unbundledRequests,
    });
  }, 30_000);

  it('returns the parsed answers the canned XML holds', async () => {
    // Act
    const bundled = await probeBundled();

    // Assess
    expect(bundled).toEqual({
      regions: [
        {
          RegionName: 'eu-west-1',
          Endpoint: 'ec2.eu-west-1.amazonaws.com',
          OptInStatus: 'opt-in-not-required',
        },
      ],
      objects: [{ Key: 'jars/app.jar', Size: 12, ETag: '"e1"' }],
      truncated: false,
      policyStatus: { IsPublic: true },
    });
  }, 30_000);
});
