import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { KinesisClient, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { describe, expect, it } from 'vitest';
import { FaultInjector, type FaultKind, type FaultOptions } from '../../../sandbox/load/faults.js';
import { startSandbox } from '../../../sandbox/server.js';
import {
  destroyClients,
  loadServices,
  loadSnapshot,
  manualClock,
  outcome,
  REGION,
  sandboxClients,
} from './load-fixtures.js';

const credentials = { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox' };

function draws(injector: FaultInjector, operation: string, count: number): (FaultKind | undefined)[] {
  return Array.from({ length: count }, () => injector.decide(operation));
}

describe('Class: FaultInjector', () => {
  describe('Method: decide', () => {
    const options: FaultOptions = { rate: 0.3, kinds: ['500', '503', 'reset', 'slow'], seed: 7 };

    it('fails the same calls of an operation for the same seed, however other operations interleave', () => {
      // Prepare
      const alone = new FaultInjector(options);
      const interleaved = new FaultInjector(options);

      // Act
      const expected = draws(alone, 'kms:DescribeKey', 40);
      const actual = Array.from({ length: 40 }, () => {
        interleaved.decide('iam:GetRole');
        interleaved.decide('kinesis:ListStreams');
        return interleaved.decide('kms:DescribeKey');
      });

      // Assess
      expect(actual).toEqual(expected);
    });

    it('fails other calls under another seed', () => {
      // Act
      const seven = draws(new FaultInjector(options), 'kms:DescribeKey', 40);
      const eight = draws(new FaultInjector({ ...options, seed: 8 }), 'kms:DescribeKey', 40);

      // Assess
      expect(eight).not.toEqual(seven);
    });

    it('fails about the configured share of calls, with the configured kinds only', () => {
      // Prepare
      const injector = new FaultInjector({ rate: 0.25, kinds: ['503', 'reset'], seed: 42 });

      // Act
      const decided = draws(injector, 'logs:DescribeLogGroups', 4000);
      const failed = decided.filter((kind) => kind !== undefined);

      // Assess
      expect([Math.abs(failed.length / decided.length - 0.25) < 0.03, [...new Set(failed)].sort()]).toEqual([
        true,
        ['503', 'reset'],
      ]);
    });

    it('fails no call at rate 0 and every call at rate 1', () => {
      // Act
      const never = draws(new FaultInjector({ rate: 0, kinds: ['500'], seed: 1 }), 'sts:AssumeRole', 100);
      const always = draws(new FaultInjector({ rate: 1, kinds: ['500'], seed: 1 }), 'sts:AssumeRole', 100);

      // Assess
      expect([never, always]).toEqual([
        Array.from({ length: 100 }, () => undefined),
        Array.from({ length: 100 }, () => '500'),
      ]);
    });

    it('refuses options it cannot honour, naming every problem', () => {
      // Act
      const build = () => new FaultInjector({ rate: 1.5, kinds: [], seed: 0.5, slowMs: -1 });

      // Assess
      expect(build).toThrow(
        expect.objectContaining({
          problems: [
            'rate must be a number from 0 to 1 (the share of requests that fail), got 1.5',
            'kinds must name at least one of 500, 503, reset, slow',
            'seed must be a whole number, got 0.5',
            'slowMs must be a whole number of milliseconds above 0, got -1',
          ],
        }),
      );
    });
  });
});

describe('Function: startSandbox with faults', () => {
  const serverFaults = [
    { kind: '500', protocol: 'awsJson (Kinesis)', name: 'InternalFailure', status: 500 },
    { kind: '503', protocol: 'awsJson (Kinesis)', name: 'ServiceUnavailable', status: 503 },
    { kind: '500', protocol: 'awsQuery (STS)', name: 'InternalFailure', status: 500 },
    { kind: '503', protocol: 'awsQuery (STS)', name: 'ServiceUnavailable', status: 503 },
    { kind: '500', protocol: 'ec2Query (EC2)', name: 'InternalError', status: 500 },
    { kind: '503', protocol: 'ec2Query (EC2)', name: 'Unavailable', status: 503 },
    { kind: '500', protocol: 'restXml (S3)', name: 'InternalError', status: 500 },
    { kind: '503', protocol: 'restXml (S3)', name: 'ServiceUnavailable', status: 503 },
  ] as const;

  it.each(serverFaults)(
    'answers an injected $kind over $protocol with $name ($status)',
    async ({ kind, protocol, name, status }) => {
      // Prepare
      const sandbox = await startSandbox({
        snapshot: loadSnapshot,
        services: loadServices,
        faults: { rate: 1, kinds: [kind], seed: 1 },
      });
      const clients = sandboxClients(sandbox.endpoint);
      const calls = {
        'awsJson (Kinesis)': () => clients.kinesis(REGION).send(new ListStreamsCommand({})),
        'awsQuery (STS)': () => clients.sts(REGION).send(new GetCallerIdentityCommand({})),
        'ec2Query (EC2)': () => clients.ec2(REGION).send(new DescribeRegionsCommand({})),
        'restXml (S3)': () => clients.s3(REGION).send(new ListBucketsCommand({})),
      };

      // Act
      const call = calls[protocol]();

      // Assess
      await expect(call).rejects.toMatchObject({ name, $metadata: { httpStatusCode: status } });
      destroyClients(clients);
      await sandbox.close();
    },
  );

  it('drops an HTTP/1.1 connection without answering on reset, which the SDK retries', async () => {
    // Prepare
    const sandbox = await startSandbox({
      snapshot: loadSnapshot,
      faults: { rate: 1, kinds: ['reset'], seed: 1 },
    });
    const sts = sandboxClients(sandbox.endpoint, 2).sts(REGION);

    // Act
    const call = sts.send(new GetCallerIdentityCommand({}));

    // Assess
    await expect(call).rejects.toMatchObject({ code: 'ECONNRESET', message: 'socket hang up' });
    expect(sandbox.state.stats().operations['sts:GetCallerIdentity']?.faults.reset).toBe(2);
    sts.destroy();
    await sandbox.close();
  });

  it('refuses the HTTP/2 stream on reset, which the SDK retries', async () => {
    // Prepare: the Kinesis client's default handler speaks HTTP/2.
    const sandbox = await startSandbox({
      snapshot: loadSnapshot,
      faults: { rate: 1, kinds: ['reset'], seed: 1 },
    });
    const kinesis = new KinesisClient({
      region: REGION,
      endpoint: sandbox.endpoint,
      credentials,
      maxAttempts: 2,
    });

    // Act
    const call = kinesis.send(new ListStreamsCommand({}));

    // Assess
    await expect(call).rejects.toMatchObject({ code: 'ERR_HTTP2_STREAM_ERROR' });
    expect(sandbox.state.stats().operations['kinesis:ListStreams']?.faults.reset).toBe(2);
    kinesis.destroy();
    await sandbox.close();
  });

  it('holds a slow answer back past the client timeout', async () => {
    // Prepare
    const sandbox = await startSandbox({
      snapshot: loadSnapshot,
      faults: { rate: 1, kinds: ['slow'], seed: 1, slowMs: 30_000 },
    });
    const kinesis = new KinesisClient({
      region: REGION,
      endpoint: sandbox.endpoint,
      credentials,
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({ requestTimeout: 100, throwOnRequestTimeout: true }),
    });

    // Act
    const call = kinesis.send(new ListStreamsCommand({}));

    // Assess
    await expect(call).rejects.toMatchObject({ name: 'TimeoutError', code: 'ETIMEDOUT' });
    kinesis.destroy();
    await sandbox.close();
  });

  it('answers a slow call in full once the delay is over', async () => {
    // Prepare
    const sandbox = await startSandbox({
      snapshot: loadSnapshot,
      faults: { rate: 1, kinds: ['slow'], seed: 1, slowMs: 50 },
    });
    const sts = sandboxClients(sandbox.endpoint).sts(REGION);

    // Act
    const { Account } = await sts.send(new GetCallerIdentityCommand({}));

    // Assess
    expect([Account, sandbox.state.stats().totals.faults.slow]).toEqual(['111122223333', 1]);
    sts.destroy();
    await sandbox.close();
  });

  it('serves the same calls the same way for the same seed, over the wire', async () => {
    // Prepare
    const faults: FaultOptions = { rate: 0.5, kinds: ['500', '503'], seed: 7 };
    const listTwelveTimes = async (interleave: boolean) => {
      const sandbox = await startSandbox({ snapshot: loadSnapshot, services: loadServices, faults });
      const clients = sandboxClients(sandbox.endpoint);
      const outcomes: string[] = [];
      for (let call = 0; call < 12; call += 1) {
        if (interleave) await outcome(clients.sts(REGION).send(new GetCallerIdentityCommand({})));
        outcomes.push(await outcome(clients.kinesis(REGION).send(new ListStreamsCommand({}))));
      }
      destroyClients(clients);
      await sandbox.close();
      return outcomes;
    };

    // Act
    const alone = await listTwelveTimes(false);
    const interleaved = await listTwelveTimes(true);

    // Assess
    expect([interleaved, alone.some((result) => result !== 'ok')]).toEqual([alone, true]);
  });
});

describe('Method: SandboxState.stats', () => {
  it('counts requests per operation, throttles and injected faults', async () => {
    // Prepare: ListStreams gets 2 tokens; every call meets a 503 unless throttled first.
    const sandbox = await startSandbox({
      snapshot: loadSnapshot,
      services: loadServices,
      clock: manualClock().clock,
      rateLimits: { 'kinesis:ListStreams': { rate: 1, burst: 2 } },
      faults: { rate: 1, kinds: ['503'], seed: 3 },
    });
    const clients = sandboxClients(sandbox.endpoint);
    for (let call = 0; call < 3; call += 1)
      await outcome(clients.kinesis(REGION).send(new ListStreamsCommand({})));
    await outcome(clients.sts(REGION).send(new GetCallerIdentityCommand({})));

    // Act
    const stats = sandbox.state.stats();
    destroyClients(clients);
    await sandbox.close();

    // Assess
    expect(stats).toEqual({
      totals: { requests: 4, throttled: 1, faults: { '500': 0, '503': 3, reset: 0, slow: 0 } },
      operations: {
        'kinesis:ListStreams': {
          requests: 3,
          throttled: 1,
          faults: { '500': 0, '503': 2, reset: 0, slow: 0 },
        },
        'sts:GetCallerIdentity': {
          requests: 1,
          throttled: 0,
          faults: { '500': 0, '503': 1, reset: 0, slow: 0 },
        },
      },
    });
  });
});
