import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { gateAttempts } from './attempt-gate.js';
import { baseClientConfig, type ClientFactoryOptions } from './clients.js';

/**
 * Builds the Organizations client of the organisation scan's targets function, as
 * `createClientFactory` builds its clients (retries, timeouts, endpoint, credentials, attempts
 * gated when a governor sends the call). It lives outside the factory so that only the
 * org-targets bundle carries the Organizations SDK (31 KB; docs/performance.md, "Cold start").
 * Organizations answers in us-east-1 (aws partition) whatever region is asked: pass your own.
 */
export function createOrganizationsClient(
  region: string,
  options: ClientFactoryOptions = {},
): OrganizationsClient {
  const client = new OrganizationsClient(baseClientConfig(region, options));
  gateAttempts(client.middlewareStack);
  return client;
}
