import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../shared/errors.js';
import { parseScanEvent, validateScanRequest } from '../../shared/request/scan-request.js';

const APP_ARN = 'arn:aws:kinesisanalytics:eu-west-1:111122223333:application/clickstream-enricher';

/** The problems an invalid payload is rejected with, or a failure when it is accepted. */
function problemsOf(event: unknown): string[] {
  try {
    parseScanEvent(event);
  } catch (error) {
    if (error instanceof InvalidRequestError) return error.problems;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(event)}`);
}

describe('Function: parseScanEvent', () => {
  it.each([
    {
      name: 'the schedule input of our template',
      event: { trigger: 'schedule' },
      expected: { trigger: 'schedule', request: {} },
    },
    {
      name: 'an EventBridge rule scheduled event',
      event: {
        version: '0',
        id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: '111122223333',
        time: '2026-11-29T02:00:00Z',
        region: 'eu-west-1',
        resources: ['arn:aws:events:eu-west-1:111122223333:rule/nightly'],
        detail: {},
      },
      expected: { trigger: 'schedule', request: {} },
    },
    {
      name: 'an EventBridge Scheduler scheduled event',
      event: { 'detail-type': 'Scheduled Event', source: 'aws.scheduler', detail: '{}' },
      expected: { trigger: 'schedule', request: {} },
    },
    { name: 'an empty on-demand request', event: {}, expected: { trigger: 'on-demand', request: {} } },
    {
      name: 'an on-demand request for every region',
      event: { regions: 'all' },
      expected: { trigger: 'on-demand', request: { regions: 'all' } },
    },
    {
      name: 'an on-demand request with every field',
      event: {
        regions: ['eu-west-1', 'us-gov-west-1'],
        applications: ['clickstream-enricher', APP_ARN],
        dryRun: true,
      },
      expected: {
        trigger: 'on-demand',
        request: {
          regions: ['eu-west-1', 'us-gov-west-1'],
          applications: ['clickstream-enricher', APP_ARN],
          dryRun: true,
        },
      },
    },
    {
      name: 'an organisation scan item',
      event: {
        trigger: 'organization',
        orgScanId: '20261129T020000Z-0a1b2c3d',
        accountId: '222222222222',
        accountName: 'prod',
        region: 'eu-west-1',
      },
      expected: {
        trigger: 'organization',
        item: {
          trigger: 'organization',
          orgScanId: '20261129T020000Z-0a1b2c3d',
          accountId: '222222222222',
          accountName: 'prod',
          region: 'eu-west-1',
        },
      },
    },
    {
      name: 'an organisation scan item of an unnamed account',
      event: { trigger: 'organization', orgScanId: 'org-1', accountId: '222222222222', region: 'us-east-1' },
      expected: {
        trigger: 'organization',
        item: { trigger: 'organization', orgScanId: 'org-1', accountId: '222222222222', region: 'us-east-1' },
      },
    },
    {
      name: 'a scheduled input that narrows the regions',
      event: { trigger: 'schedule', regions: ['eu-central-2'], dryRun: false },
      expected: { trigger: 'schedule', request: { regions: ['eu-central-2'], dryRun: false } },
    },
  ])('returns the invocation for $name', ({ event, expected }) => {
    // Act
    const invocation = parseScanEvent(event);

    // Assess
    expect(invocation).toEqual(expected);
  });

  it.each([
    { name: 'null', event: null, problems: ['(payload): must be a JSON object such as {"regions":"all"}'] },
    {
      name: 'an array',
      event: ['eu-west-1'],
      problems: ['(payload): must be a JSON object such as {"regions":"all"}'],
    },
    {
      name: 'unknown fields',
      event: { region: 'eu-west-1', verbose: true },
      problems: [
        'region: unknown field (allowed: trigger, regions, applications, dryRun, continuation)',
        'verbose: unknown field (allowed: trigger, regions, applications, dryRun, continuation)',
      ],
    },
    {
      name: 'regions that are neither "all" nor a list',
      event: { regions: 'eu-west-1' },
      problems: ['regions: must be "all" or a list of region names such as ["eu-west-1"]'],
    },
    {
      name: 'an empty region list',
      event: { regions: [] },
      problems: ['regions: must name at least one region name (omit the field to mean all)'],
    },
    {
      name: 'malformed and repeated regions',
      event: { regions: ['eu-west-1', 'EU-WEST-1', 42, 'eu-west-1'] },
      problems: [
        'regions.1: "EU-WEST-1" is not a region name (expected e.g. eu-west-1)',
        'regions.2: must be a region name such as eu-west-1',
        'regions.3: "eu-west-1" is listed twice',
      ],
    },
    {
      name: 'bad application references',
      event: { applications: ['', 'has space', 'arn:aws:kinesis:eu-west-1:111122223333:stream/x'] },
      problems: [
        'applications.0: "" is neither an application name (letters, digits, _ . -; up to 128) nor a kinesisanalytics application ARN',
        'applications.1: "has space" is neither an application name (letters, digits, _ . -; up to 128) nor a kinesisanalytics application ARN',
        'applications.2: "arn:aws:kinesis:eu-west-1:111122223333:stream/x" is neither an application name (letters, digits, _ . -; up to 128) nor a kinesisanalytics application ARN',
      ],
    },
    { name: 'a non-boolean dryRun', event: { dryRun: 'yes' }, problems: ['dryRun: must be true or false'] },
    {
      name: 'an unknown trigger',
      event: { trigger: 'nightly' },
      problems: ['trigger: must be "schedule" or "on-demand"'],
    },
    {
      name: 'an organisation item with missing, malformed and unknown fields',
      event: {
        trigger: 'organization',
        accountId: '2222',
        accountName: '',
        region: 'Europe',
        regions: 'all',
      },
      problems: [
        'orgScanId: must be the organisation scan id (from the ListTargets step)',
        'accountId: must be a 12-digit account id',
        'accountName: must not be empty (omit the field instead)',
        'region: "Europe" is not a region name (expected e.g. eu-west-1)',
        'regions: unknown field (allowed: trigger, orgScanId, accountId, accountName, region)',
      ],
    },
    {
      name: 'an organisation item whose scan id is no id',
      event: {
        trigger: 'organization',
        orgScanId: '../other',
        accountId: '222222222222',
        region: 'eu-west-1',
      },
      problems: ['orgScanId: must be an organisation scan id such as 20261129T020000Z-0a1b2c3d'],
    },
    {
      name: 'an event from another source',
      event: { source: 'aws.s3', 'detail-type': 'Object Created' },
      problems: ['source: must be "aws.events" or "aws.scheduler"', 'detail-type: must be "Scheduled Event"'],
    },
  ])('throws InvalidRequestError naming each problem for $name', ({ event, problems }) => {
    // Act
    const actual = problemsOf(event);

    // Assess
    expect(actual).toEqual(problems);
  });

  it('throws an InvalidRequestError whose message lists the problems', () => {
    // Act
    const act = () => parseScanEvent({ dryRun: 1 });

    // Assess
    expect(act).toThrow(new InvalidRequestError(['dryRun: must be true or false']));
  });
});

describe('Function: validateScanRequest', () => {
  it('returns only the fields given', () => {
    // Act
    const request = validateScanRequest({ applications: ['clickstream-enricher'] });

    // Assess
    expect(request).toEqual({ applications: ['clickstream-enricher'] });
  });
});
