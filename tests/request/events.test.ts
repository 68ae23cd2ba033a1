import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../shared/errors.js';
import { parseScanEvent } from '../../shared/request/scan-request.js';

/** A sample payload from events/, as `sam local invoke -e` would send it. */
function sampleEvent(name: string): unknown {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../../events/${name}`, import.meta.url)), 'utf8'));
}

describe('Events: events/*.json', () => {
  it('reads scheduled.json as the nightly scan', () => {
    // Act
    const invocation = parseScanEvent(sampleEvent('scheduled.json'));

    // Assess
    expect(invocation).toEqual({ trigger: 'schedule', request: {} });
  });

  it('reads on-demand.json as a scan of two regions and two applications', () => {
    // Act
    const invocation = parseScanEvent(sampleEvent('on-demand.json'));

    // Assess
    expect(invocation).toEqual({
      trigger: 'on-demand',
      request: {
        regions: ['eu-west-1', 'us-east-1'],
        applications: [
          'clickstream-enricher',
          'arn:aws:kinesisanalytics:eu-west-1:111122223333:application/legacy-sessionizer',
        ],
      },
    });
  });

  it('reads on-demand-dry-run.json as a dry run of every region', () => {
    // Act
    const invocation = parseScanEvent(sampleEvent('on-demand-dry-run.json'));

    // Assess
    expect(invocation).toEqual({ trigger: 'on-demand', request: { regions: 'all', dryRun: true } });
  });

  it('reads continuation.json as the continuation of a scan stopped by its time limit', () => {
    // Act
    const invocation = parseScanEvent(sampleEvent('continuation.json'));

    // Assess
    expect(invocation).toEqual({ trigger: 'on-demand', request: { continuation: true } });
  });

  it('rejects on-demand-invalid.json naming every problem', () => {
    // Act
    const act = () => parseScanEvent(sampleEvent('on-demand-invalid.json'));

    // Assess
    expect(act).toThrow(
      new InvalidRequestError([
        'regions.0: "eu-west" is not a region name (expected e.g. eu-west-1)',
        'regions.2: "eu-west-1" is listed twice',
        'applications.0: "" is neither an application name (letters, digits, _ . -; up to 128) nor a kinesisanalytics application ARN',
        'dryRun: must be true or false',
        'verbose: unknown field (allowed: trigger, regions, applications, dryRun, continuation)',
      ]),
    );
  });

  it('reads organization-scan-item.json as one organisation item', () => {
    // Act
    const invocation = parseScanEvent(sampleEvent('organization-scan-item.json'));

    // Assess
    expect(invocation).toEqual({
      trigger: 'organization',
      item: {
        trigger: 'organization',
        orgScanId: '20261129T020000Z-0a1b2c3d',
        accountId: '222222222222',
        accountName: 'prod',
        region: 'eu-west-1',
      },
    });
  });
});
