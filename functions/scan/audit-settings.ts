import type { ClientFactory } from '../../shared/aws/clients.js';
import { type ArtifactScanCache, S3ArtifactScanCache } from '../../shared/collect/artifact-scan-cache.js';
import type { CodeArtifactOptions } from '../../shared/collect/collect-account.js';
import { loadSuppressions } from '../../shared/suppressions/load-suppressions.js';
import type { SuppressionSet } from '../../shared/suppressions/types.js';
import type { ScanConfig } from './config.js';

// The scan and live functions share one environment (readScanConfig): these turn it into the
// library's options once, so a full scan, a re-audit and an organisation item deliver alike.

/** Where reports go and when alerts fire, from the function's settings. */
export function deliverySettings(config: ScanConfig) {
  return {
    region: config.region,
    reportBucket: config.reportBucket,
    reportPrefix: config.reportPrefix,
    ...(config.topicArn ? { topicArn: config.topicArn } : {}),
    alertThreshold: config.alertThreshold,
    scoreDrop: config.scoreDrop,
    trendLength: config.trendLength,
  };
}

/** How code objects are scanned: the size cap, the byte budget, and the results kept between invocations. */
export function codeArtifactSettings(config: ScanConfig, cache?: ArtifactScanCache): CodeArtifactOptions {
  return {
    maxBytes: config.codeArtifactMaxBytes,
    maxBytesInFlight: config.codeArtifactBytesInFlight,
    ...(cache ? { cache } : {}),
  };
}

/** What a function keeps in the report bucket besides reports: the suppression rules and the code scan cache. */
export function reportBucketStores(
  config: ScanConfig,
  clients: ClientFactory,
): { loadSuppressions: () => Promise<SuppressionSet | undefined>; artifactCache: ArtifactScanCache } {
  return {
    loadSuppressions: () =>
      loadSuppressions({
        kind: 's3',
        s3: clients.s3(config.region),
        bucket: config.reportBucket,
        key: config.suppressionsKey,
      }),
    // Nightly scans and re-audits skip JARs that did not change since they were last scanned.
    artifactCache: new S3ArtifactScanCache(
      () => clients.s3(config.region),
      config.reportBucket,
      config.artifactCachePrefix,
    ),
  };
}
