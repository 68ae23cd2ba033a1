import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import { createOrganizationsClient } from '../../shared/aws/organizations-client.js';
import { InvalidRequestError } from '../../shared/errors.js';
import { accountSnapshot } from '../support/snapshot-builder.js';

describe('Function: createOrganizationsClient', () => {
  let sandbox: Sandbox | undefined;

  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('returns a client whose attempts time out after requestTimeoutMs and are retried, as the factory does', async () => {
    // Prepare: every request stalls for 5 s, far beyond the 150 ms timeout
    sandbox = await startSandbox({
      snapshot: accountSnapshot(),
      faults: { rate: 1, kinds: ['slow'], seed: 1, slowMs: 5_000 },
    });
    const client = createOrganizationsClient('us-east-1', {
      endpoint: sandbox.endpoint,
      credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
      maxAttempts: 2,
      env: {},
      requestTimeoutMs: 150,
    });

    // Act
    const failure = await client.send(new ListAccountsCommand({})).then(
      () => 'answered',
      (error: unknown) => (error instanceof Error ? error.name : String(error)),
    );

    // Assess: two attempts, each given up long before the stall ends
    expect({
      failure,
      requests: sandbox.state.stats().operations['organizations:ListAccounts']?.requests,
    }).toEqual({ failure: 'TimeoutError', requests: 2 });
  });

  it('throws InvalidRequestError when requestTimeoutMs is not a whole number above 0', () => {
    // Act
    const build = () => createOrganizationsClient('us-east-1', { env: {}, requestTimeoutMs: 1.5 });

    // Assess
    expect(build).toThrow(
      new InvalidRequestError(['requestTimeoutMs must be a whole number of milliseconds above 0, got 1.5']),
    );
  });
});
