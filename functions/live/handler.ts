import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createClientFactory } from '../../shared/aws/clients.js';
import { keepHeapNearLiveSize } from '../../shared/heap-policy.js';
import { runReaudit } from '../../shared/live/run-reaudit.js';
import { reportBucketStores } from '../scan/audit-settings.js';
import { readScanConfig } from '../scan/config.js';
import { createLiveHandler } from './live-handler.js';

// Cold start: the same environment as the scan function, validated once, so a misconfigured
// deployment fails at init with every problem listed. Nothing calls AWS before an invocation.
keepHeapNearLiveSize();
const logger = new Logger({ serviceName: 'kda-auditor-live' });
const metrics = new Metrics({ namespace: 'KdaAuditor', serviceName: 'kda-auditor-live' });

const config = readScanConfig(process.env);
const clients = createClientFactory();

/** The Lambda entry point (template.yaml: LiveFunction, Handler handler.handler). */
export const handler = createLiveHandler({
  config,
  clients,
  runReaudit,
  ...reportBucketStores(config, clients),
  logger,
  metrics,
});
