import { describe, expect, it } from 'vitest';
import { cloudtrailRegionLogging } from '../../../shared/checks/cloudtrail/cloudtrail-region-logging.js';
import type { TrailDetail } from '../../../shared/snapshot/types.js';
import { expectedFinding, findingsOf } from '../../support/encryption-fixtures.js';
import { REGION } from '../../support/snapshot-builder.js';
import {
  REGION_TRAILS_ARN,
  trail,
  trailArn,
  trailError,
  trailSnapshot,
} from '../../support/trail-fixtures.js';

const check = cloudtrailRegionLogging;

/** The selectors of a trail that records management events of one ReadWriteType. */
function classic(readWrite: string, includeManagement = true): Partial<TrailDetail> {
  return {
    EventSelectors: {
      EventSelectors: [{ ReadWriteType: readWrite, IncludeManagementEvents: includeManagement }],
    },
  };
}

/** The selectors of a trail with one advanced selector made of these field selectors. */
function advanced(
  ...fields: { Field: string; Equals?: string[]; NotEquals?: string[] }[]
): Partial<TrailDetail> {
  return {
    EventSelectors: { AdvancedEventSelectors: [{ Name: 'Management events', FieldSelectors: fields }] },
  };
}

describe('Check: cloudtrail-region-logging', () => {
  it('returns PASS for a logging multi-region trail recording all management events', () => {
    // Prepare
    const snapshot = trailSnapshot({ trails: [trail('org-audit')] });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: trailArn('org-audit'),
        detail: `Trail org-audit is logging the write management events of ${REGION}.`,
      }),
    ]);
  });

  it('returns PASS for a home-region trail with the default event selectors', () => {
    // Prepare
    const local = trail('local', {
      HomeRegion: REGION,
      IsMultiRegionTrail: false,
      HasCustomEventSelectors: false,
    });
    delete local.EventSelectors;
    const snapshot = trailSnapshot({ trails: [local] });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: trailArn('local', REGION),
        detail: `Trail local is logging the write management events of ${REGION}.`,
      }),
    ]);
  });

  it('returns PASS for an advanced selector on write-only management events', () => {
    // Prepare
    const snapshot = trailSnapshot({
      trails: [
        trail(
          'org-audit',
          advanced(
            { Field: 'eventCategory', Equals: ['Management'] },
            { Field: 'readOnly', Equals: ['false'] },
          ),
        ),
      ],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: trailArn('org-audit'),
        detail: `Trail org-audit is logging the write management events of ${REGION}.`,
      }),
    ]);
  });

  it('returns PASS when one trail qualifies even though another could not be read', () => {
    // Prepare
    const unread = trail('team-audit');
    delete unread.Status;
    const snapshot = trailSnapshot({
      trails: [unread, trail('org-audit')],
      collectionErrors: [trailError('cloudtrail:GetTrailStatus', { trail: trailArn('team-audit') })],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: trailArn('org-audit'),
        detail: `Trail org-audit is logging the write management events of ${REGION}.`,
      }),
    ]);
  });

  it('returns FAIL when no trail covers the region', () => {
    // Prepare
    const snapshot = trailSnapshot({ trails: [trail('us-only', { IsMultiRegionTrail: false })] });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        resourceArn: REGION_TRAILS_ARN,
        detail: `No CloudTrail trail covers ${REGION}; create a multi-region trail that records management events.`,
      }),
    ]);
  });

  it.each([
    ['logging is stopped', { Status: { IsLogging: false } }, 'logging is stopped'],
    [
      'it records read-only events',
      classic('ReadOnly'),
      'its event selectors do not record write management events',
    ],
    [
      'it records no management events',
      classic('All', false),
      'its event selectors do not record write management events',
    ],
    [
      'its advanced selector keeps read-only events',
      advanced({ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['true'] }),
      'its event selectors do not record write management events',
    ],
    [
      'its advanced selector leaves out Managed Service for Apache Flink',
      advanced(
        { Field: 'eventCategory', Equals: ['Management'] },
        { Field: 'eventSource', NotEquals: ['kinesisanalytics.amazonaws.com'] },
      ),
      'its event selectors do not record write management events',
    ],
    [
      'its advanced selector records data events only',
      advanced(
        { Field: 'eventCategory', Equals: ['Data'] },
        { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
      ),
      'its event selectors do not record write management events',
    ],
  ])('returns FAIL naming the trail when %s', (_case, extra, reason) => {
    // Prepare
    const snapshot = trailSnapshot({ trails: [trail('org-audit', extra as Partial<TrailDetail>)] });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        resourceArn: trailArn('org-audit'),
        detail: `No trail logs the write management events of ${REGION}: org-audit (${reason}).`,
      }),
    ]);
  });

  it('returns FAIL saying what is wrong with each of several trails', () => {
    // Prepare
    const snapshot = trailSnapshot({
      trails: [
        trail('org-audit', { Status: { IsLogging: false } }),
        trail('local', { HomeRegion: REGION, ...classic('ReadOnly') }),
      ],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        resourceArn: REGION_TRAILS_ARN,
        detail: `No trail logs the write management events of ${REGION}: local (its event selectors do not record write management events), org-audit (logging is stopped).`,
      }),
    ]);
  });

  it('returns ERROR when the trails of the region could not be listed', () => {
    // Prepare
    const snapshot = trailSnapshot({
      trails: [trail('org-audit')],
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

  it('returns ERROR, not FAIL, when the only trail could not be read', () => {
    // Prepare
    const unread = trail('org-audit');
    delete unread.EventSelectors;
    const snapshot = trailSnapshot({
      trails: [unread],
      collectionErrors: [trailError('cloudtrail:GetEventSelectors', { trail: trailArn('org-audit') })],
    });

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'ERROR',
        resourceArn: REGION_TRAILS_ARN,
        detail: `No trail is proven to log the write management events of ${REGION}, and some could not be judged: org-audit (its event selectors could not be read (cloudtrail:GetEventSelectors failed with AccessDeniedException)); grant the auditor cloudtrail:GetTrailStatus and cloudtrail:GetEventSelectors and scan again.`,
      }),
    ]);
  });
});
