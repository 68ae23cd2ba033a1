import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createClientFactory } from '../../shared/aws/clients.js';
import { aggregateOrganization } from '../../shared/organization/aggregate.js';
import { organizationAlert } from '../../shared/organization/organization-alert.js';
import { readMapResults } from '../../shared/organization/read-map-results.js';
import { writeOrganizationReport } from '../../shared/organization/write-organization-report.js';
import { publishAlerts } from '../../shared/publish/publish-alert.js';
import { createHandler } from './aggregate-handler.js';
import { readOrgAggregateConfig } from './config.js';

// Cold start: a misconfigured deployment fails at init with every problem listed; nothing calls AWS yet.
const logger = new Logger({ serviceName: 'kda-auditor' });
const metrics = new Metrics({ namespace: 'KdaAuditor', serviceName: 'kda-auditor' });

/** The Lambda entry point of the organisation scan's Aggregate step. */
export const handler = createHandler({
  config: readOrgAggregateConfig(process.env),
  clients: createClientFactory(),
  library: {
    readMapResults,
    aggregateOrganization,
    writeOrganizationReport,
    organizationAlert,
    publishAlerts,
  },
  logger,
  metrics,
});
