import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createClientFactory } from '../../shared/aws/clients.js';
import { S3ArtifactScanCache } from '../../shared/collect/artifact-scan-cache.js';
import { runReaudit } from '../../shared/live/run-reaudit.js';
import { loadSuppressions } from '../../shared/suppressions/load-suppressions.js';
import { readScanConfig } from '../scan/config.js';
import { createLiveHandler } from './live-handler.js';

// Cold start: the same environment as the scan function, validated once, so a misconfigured
// deployment fails at init with every problem listed. Nothing calls AWS before an invocation.
const logger = new Logger({ serviceName: 'kda-auditor-live' });
const metrics = new Metrics({ namespace: 'KdaAuditor', serviceName: 'kda-auditor-live' });

const config = readScanConfig(process.env);
const clients = createClientFactory();

/** The Lambda entry point (template.yaml: LiveFunction, Handler handler.handler). */
export const handler = createLiveHandler({
  config,
  clients,
  runReaudit,
  loadSuppressions: () =>
    loadSuppressions({
      kind: 's3',
      s3: clients.s3(config.region),
      bucket: config.reportBucket,
      key: config.suppressionsKey,
    }),
  // The nightly scan's cache: a re-audit right after it downloads no unchanged JAR.
  artifactCache: new S3ArtifactScanCache(
    () => clients.s3(config.region),
    config.reportBucket,
    config.artifactCachePrefix,
  ),
  logger,
  metrics,
});
