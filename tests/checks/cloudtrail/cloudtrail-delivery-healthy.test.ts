import { describe, expect, it } from 'vitest';
import { cloudtrailDeliveryHealthy } from '../../../shared/checks/cloudtrail/cloudtrail-delivery-healthy.js';
import { expectedFinding, findingsOf } from '../../support/encryption-fixtures.js';
import { REGION } from '../../support/snapshot-builder.js';
import {
  REGION_TRAILS_ARN,
  trail,
  trailArn,
  trailError,
  trailSnapshot,
} from '../../support/trail-fixtures.js';

const check = cloudtrailDeliveryHealthy;
const STALE = { IsLogging: true, LatestDeliveryTime: '2026-11-27T23:00:00Z' };

describe('Check: cloudtrail-delivery-healthy', () => {
  it('returns PASS for a recording trail that delivered within the last 24 hours', () => {
    // Prepare
    const snapshot = trailSnapshot({ trails: [trail('org-audit')] });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: trailArn('org-audit'),
        detail: `Trail org-audit, which records the write management events of ${REGION}, delivers its log files.`,
      }),
    ]);
  });

  it('returns PASS for an old delivery when the snapshot time is unknown', () => {
    // Prepare
    const snapshot = trailSnapshot({ trails: [trail('org-audit', { Status: STALE })], collectedAt: null });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: trailArn('org-audit'),
        detail: `Trail org-audit, which records the write management events of ${REGION}, delivers its log files.`,
      }),
    ]);
  });

  it('returns FAIL quoting the delivery error of the recording trail', () => {
    // Prepare
    const snapshot = trailSnapshot({
      trails: [trail('org-audit', { Status: { IsLogging: true, LatestDeliveryError: 'AccessDenied' } })],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        resourceArn: trailArn('org-audit'),
        detail: `No trail recording the write management events of ${REGION} delivers its log files: org-audit (last delivery failed: AccessDenied).`,
      }),
    ]);
  });

  it('returns FAIL for a recording trail that delivered nothing for more than 24 hours', () => {
    // Prepare
    const snapshot = trailSnapshot({ trails: [trail('org-audit', { Status: STALE })] });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        resourceArn: trailArn('org-audit'),
        detail: `No trail recording the write management events of ${REGION} delivers its log files: org-audit (nothing delivered since 2026-11-27T23:00:00Z).`,
      }),
    ]);
  });

  it('returns NOT_APPLICABLE when no trail records the region', () => {
    // Prepare
    const snapshot = trailSnapshot({ trails: [trail('stopped', { Status: { IsLogging: false } })] });

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
