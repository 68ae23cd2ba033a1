import { describe, expect, it } from 'vitest';
import { cloudtrailLogFileValidation } from '../../../shared/checks/cloudtrail/cloudtrail-log-file-validation.js';
import { expectedFinding, findingsOf } from '../../support/encryption-fixtures.js';
import { REGION } from '../../support/snapshot-builder.js';
import {
  REGION_TRAILS_ARN,
  trail,
  trailArn,
  trailError,
  trailSnapshot,
} from '../../support/trail-fixtures.js';

const check = cloudtrailLogFileValidation;

describe('Check: cloudtrail-log-file-validation', () => {
  it('returns PASS naming a recording trail that validates its log files', () => {
    // Prepare
    const snapshot = trailSnapshot({
      trails: [trail('team-audit', { LogFileValidationEnabled: false }), trail('org-audit')],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: trailArn('org-audit'),
        detail: `Trail org-audit, which records the write management events of ${REGION}, validates its log files.`,
      }),
    ]);
  });

  it('returns FAIL naming the recording trails when none validates its log files', () => {
    // Prepare
    const snapshot = trailSnapshot({
      trails: [
        trail('org-audit', { LogFileValidationEnabled: false }),
        trail('stopped', { Status: { IsLogging: false } }),
      ],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        resourceArn: trailArn('org-audit'),
        detail: `No trail recording the write management events of ${REGION} validates its log files: org-audit (log file validation is off).`,
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

  it('returns ERROR when no trail is proven to record the region and one could not be read', () => {
    // Prepare
    const unread = trail('org-audit');
    delete unread.Status;
    const snapshot = trailSnapshot({
      trails: [unread],
      collectionErrors: [trailError('cloudtrail:GetTrailStatus', { trail: trailArn('org-audit') })],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: REGION_TRAILS_ARN,
        detail: `Could not tell which trail records the write management events of ${REGION}: org-audit (its status could not be read (cloudtrail:GetTrailStatus failed with AccessDeniedException)); grant the auditor read access to CloudTrail and scan again.`,
      }),
    ]);
  });
});
