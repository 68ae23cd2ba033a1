import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { runAudit } from '../../shared/audit.js';
import { createClientFactory } from '../../shared/aws/clients.js';
import { keepHeapNearLiveSize } from '../../shared/heap-policy.js';
import { reportBucketStores } from './audit-settings.js';
import { readScanConfig } from './config.js';
import { createHandler } from './scan-handler.js';

// Cold start: the environment is validated once, here, so a misconfigured deployment fails at
// init with every problem listed. Clients are built lazily: nothing calls AWS before an invocation.
keepHeapNearLiveSize();
const logger = new Logger({ serviceName: 'kda-auditor' });
const metrics = new Metrics({ namespace: 'KdaAuditor', serviceName: 'kda-auditor' });

const config = readScanConfig(process.env);
const clients = createClientFactory();

/** The Lambda entry point (template.yaml: Handler handler.handler). */
export const handler = createHandler({
  config,
  clients,
  ...reportBucketStores(config, clients),
  runAudit,
  logger,
  metrics,
});
