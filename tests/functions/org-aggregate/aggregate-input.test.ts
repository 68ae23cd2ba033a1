import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAggregateInput } from '../../../functions/org-aggregate/aggregate-input.js';
import { InvalidRequestError } from '../../../shared/errors.js';

/** A sample payload from events/, as `sam local invoke -e` would send it. */
function sampleEvent(name: string): unknown {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../../../events/${name}`, import.meta.url)), 'utf8'));
}

const TARGETS = {
  orgScanId: '20261129T020000Z-0a1b2c3d',
  startedAt: '2026-11-29T02:00:00.000Z',
  organizationId: 'o-a1b2c3d4e5',
  itemsBucket: 'kda-auditor-reports-111111111111',
  itemsKey: 'reports/organization/runs/20261129T020000Z-0a1b2c3d/targets.json',
  resultsPrefix: 'reports/organization/runs/20261129T020000Z-0a1b2c3d',
  targetCount: 4,
  settings: { maxConcurrency: 20, toleratedFailurePercentage: 10 },
};

describe('Function: parseAggregateInput', () => {
  it('returns the targets and the map output of events/organization-aggregate.json', () => {
    // Act
    const input = parseAggregateInput(sampleEvent('organization-aggregate.json'));

    // Assess
    expect(input).toEqual({
      targets: {
        ...TARGETS,
        skipped: [
          { accountId: '444444444444', accountName: 'sandbox', reason: 'listed in the exclude list' },
        ],
      },
      map: {
        MapRunArn:
          'arn:aws:states:eu-west-1:111111111111:mapRun:kda-auditor-organization-scan/ScanTargets:6dbfba93-bcff-410b-9b5c-abf41ae9eddb',
        ResultWriterDetails: {
          Bucket: 'kda-auditor-reports-111111111111',
          Key: 'reports/organization/runs/20261129T020000Z-0a1b2c3d/6dbfba93-bcff-410b-9b5c-abf41ae9eddb/manifest.json',
        },
      },
    });
  });

  it('returns the targets and the map error of events/organization-aggregate-map-failed.json', () => {
    // Act
    const input = parseAggregateInput(sampleEvent('organization-aggregate-map-failed.json'));

    // Assess
    expect(input).toEqual({
      targets: { ...TARGETS, skipped: [] },
      mapError: {
        Error: 'States.ExceedToleratedFailureThreshold',
        Cause: 'The specified tolerated failure threshold was exceeded',
      },
    });
  });

  it('throws InvalidRequestError naming each field the state machine did not give', () => {
    // Act
    const act = () =>
      parseAggregateInput({ targets: { ...TARGETS, skipped: [], startedAt: 'yesterday', itemsKey: '' } });

    // Assess
    const suffix =
      ' (the Aggregate step takes { targets, map? , mapError? } from statemachine/organization-scan.asl.json)';
    expect(act).toThrow(
      new InvalidRequestError([
        `targets.startedAt: must be an ISO 8601 date-time${suffix}`,
        `targets.itemsKey: must not be empty${suffix}`,
      ]),
    );
  });
});
