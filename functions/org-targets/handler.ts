import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createClientFactory } from '../../shared/aws/clients.js';
import { createOrganizationsClient } from '../../shared/aws/organizations-client.js';
import { listScanTargets } from '../../shared/organization/list-scan-targets.js';
import { readOrgTargetsConfig } from './config.js';
import { createHandler } from './targets-handler.js';

// Cold start: a misconfigured deployment fails at init with every problem listed; nothing calls AWS yet.
const logger = new Logger({ serviceName: 'kda-auditor' });
const metrics = new Metrics({ namespace: 'KdaAuditor', serviceName: 'kda-auditor' });

const config = readOrgTargetsConfig(process.env);

/** The Lambda entry point of the organisation scan's ListTargets step. */
export const handler = createHandler({
  config,
  clients: createClientFactory(),
  organizations: createOrganizationsClient(config.region),
  listScanTargets,
  logger,
  metrics,
});
