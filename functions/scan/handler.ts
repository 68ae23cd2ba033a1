import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { runAudit } from '../../shared/audit.js';
import { createClientFactory } from '../../shared/aws/clients.js';
import { S3ArtifactScanCache } from '../../shared/collect/artifact-scan-cache.js';
import { loadSuppressions } from '../../shared/suppressions/load-suppressions.js';
import { readScanConfig } from './config.js';
import { createHandler } from './scan-handler.js';

// Cold start: the environment is validated once, here, so a misconfigured deployment fails at
// init with every problem listed. Clients are built lazily: nothing calls AWS before an invocation.
const logger = new Logger({ serviceName: 'kda-auditor' });
const metrics = new Metrics({ namespace: 'KdaAuditor', serviceName: 'kda-auditor' });

const config = readScanConfig(process.env);
const clients = createClientFactory();

/** The Lambda entry point (template.yaml: Handler handler.handler). */
export const handler = createHandler({
  config,
  clients,
  // Nightly scans skip JARs that did not change since the last one.
  loadSuppressions: () =>
    loadSuppressions({
      kind: 's3',
      s3: clients.s3(config.region),
      bucket: config.reportBucket,
      key: config.suppressionsKey,
    }),
  artifactCache: new S3ArtifactScanCache(
    () => clients.s3(config.region),
    config.reportBucket,
    config.artifactCachePrefix,
  ),
  runAudit,
  logger,
  metrics,
});
