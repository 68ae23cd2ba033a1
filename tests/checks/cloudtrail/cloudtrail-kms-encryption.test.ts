import { describe, expect, it } from 'vitest';
import { cloudtrailKmsEncryption } from '../../../shared/checks/cloudtrail/cloudtrail-kms-encryption.js';
import { expectedFinding, findingsOf } from '../../support/encryption-fixtures.js';
import { REGION } from '../../support/snapshot-builder.js';
import {
  REGION_TRAILS_ARN,
  trail,
  trailArn,
  trailError,
  trailSnapshot,
} from '../../support/trail-fixtures.js';

const check = cloudtrailKmsEncryption;

/** A recording trail whose logs use SSE-S3. */
function withoutKey(name: string) {
  const entry = trail(name);
  delete entry.KmsKeyId;
  return entry;
}

describe('Check: cloudtrail-kms-encryption', () => {
  it('returns PASS naming a recording trail that encrypts its logs with KMS', () => {
    // Prepare
    const snapshot = trailSnapshot({ trails: [trail('org-audit')] });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: trailArn('org-audit'),
        detail: `Trail org-audit, which records the write management events of ${REGION}, encrypts its log files with a KMS key.`,
      }),
    ]);
  });

  it('returns FAIL naming every recording trail when none uses a KMS key', () => {
    // Prepare
    const snapshot = trailSnapshot({ trails: [withoutKey('org-audit'), withoutKey('team-audit')] });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        resourceArn: REGION_TRAILS_ARN,
        detail: `No trail recording the write management events of ${REGION} encrypts its log files with a KMS key: org-audit (no KMS key, logs use SSE-S3), team-audit (no KMS key, logs use SSE-S3).`,
      }),
    ]);
  });

  it('returns NOT_APPLICABLE when no trail covers the region', () => {
    // Prepare
    const snapshot = trailSnapshot();

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'NOT_APPLICABLE',
        resourceArn: REGION_TRAILS_ARN,
        detail: `No trail records the write management events of ${REGION}; see cloudtrail-region-logging.`,
      }),
    ]);
  });

  it('returns ERROR when the trails of the region could not be listed', () => {
    // Prepare
    const snapshot = trailSnapshot({
      collectionErrors: [trailError('cloudtrail:DescribeTrails', { region: REGION })],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: REGION_TRAILS_ARN,
        detail: `Could not list the CloudTrail trails of ${REGION} (cloudtrail:DescribeTrails failed with AccessDeniedException); grant the auditor cloudtrail:DescribeTrails and scan again.`,
      }),
    ]);
  });
});
