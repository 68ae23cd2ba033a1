import { DescribeStreamSummaryCommand } from '@aws-sdk/client-kinesis';
import { ListKeysCommand } from '@aws-sdk/client-kms';
import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import { createClientFactory } from '../../shared/aws/clients.js';
import { InvalidRequestError } from '../../shared/errors.js';
import { accountSnapshot } from '../support/snapshot-builder.js';

// Every request stalls for 5 s: far beyond the timeouts these tests set.
async function stallingSandbox(): Promise<Sandbox> {
  return startSandbox({
    snapshot: accountSnapshot(),
    faults: { rate: 1, kinds: ['slow'], seed: 1, slowMs: 5_000 },
  });
}

function clientsOf(sandbox: Sandbox, requestTimeoutMs: number) {
  return createClientFactory({
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
    maxAttempts: 2,
    env: {},
    requestTimeoutMs,
  });
}

async function failureOf(call: Promise<unknown>): Promise<{ name: string; elapsedMs: number }> {
  const started = performance.now();
  try {
    await call;
  } catch (error) {
    return {
      name: error instanceof Error ? error.name : String(error),
      elapsedMs: performance.now() - started,
    };
  }
  throw new Error('the call was expected to fail');
}

describe('Function: createClientFactory', () => {
  let sandbox: Sandbox | undefined;

  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('returns clients whose attempts time out after requestTimeoutMs and are retried', async () => {
    // Prepare
    sandbox = await stallingSandbox();
    const clients = clientsOf(sandbox, 150);

    // Act
    const failure = await failureOf(clients.kms('eu-west-1').send(new ListKeysCommand({})));

    // Assess: two attempts, each given up after 150 ms, long before the 5 s stall ends
    expect(failure.name).toBe('TimeoutError');
    expect(failure.elapsedMs).toBeLessThan(3_000);
    expect(sandbox.state.stats().operations['kms:ListKeys']?.requests).toBe(2);
  });

  it('returns a Kinesis client (HTTP/1.1 against an endpoint override) that times out too', async () => {
    // Prepare
    sandbox = await stallingSandbox();
    const clients = clientsOf(sandbox, 150);

    // Act
    const failure = await failureOf(
      clients.kinesis('eu-west-1').send(new DescribeStreamSummaryCommand({ StreamName: 'orders' })),
    );

    // Assess
    expect(failure.name).toBe('TimeoutError');
    expect(failure.elapsedMs).toBeLessThan(3_000);
    expect(sandbox.state.stats().operations['kinesis:DescribeStreamSummary']?.requests).toBe(2);
  });

  it('throws InvalidRequestError when requestTimeoutMs is not a whole number above 0', () => {
    // Act
    const build = () => createClientFactory({ env: {}, requestTimeoutMs: 0 });

    // Assess
    expect(build).toThrow(
      new InvalidRequestError(['requestTimeoutMs must be a whole number of milliseconds above 0, got 0']),
    );
  });
});
