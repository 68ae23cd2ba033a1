/** A scan context for testing one collection module against the fake AWS. */
import { CallGovernor } from '../../../shared/aws/governor.js';
import type { ScanContext } from '../../../shared/collect/collection-context.js';
import { OncePerScan } from '../../../shared/collect/once-per-scan.js';
import { ACCOUNT_ID, REGION } from './account-builders.js';
import { fakeClients } from './fake-aws.js';

/** A fresh context in the fixture account, home region eu-west-1, recording errors and progress. */
export function scanContext(): ScanContext & { lines: string[] } {
  const lines: string[] = [];
  return {
    clients: fakeClients(),
    governor: new CallGovernor(),
    homeRegion: REGION,
    progress: (line) => lines.push(line),
    errors: [],
    once: new OncePerScan(),
    accountId: ACCOUNT_ID,
    partition: 'aws',
    lines,
  };
}
