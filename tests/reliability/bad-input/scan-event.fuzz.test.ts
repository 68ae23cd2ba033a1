import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLiveEvents } from '../../../functions/live/live-events.js';
import { InvalidRequestError } from '../../../shared/errors.js';
import { parseScanEvent, type ScanInvocation } from '../../../shared/request/scan-request.js';
import { deeplyNested, hostileJson, hostileString, PROTOTYPE_KEYS, wrongValue } from './hostile-values.js';

// A Lambda payload is whatever the invoker sent: the parser answers with an invocation or an
// InvalidRequestError naming the field, never another exception. fast-check prints the seed and
// the shrunk counterexample of any failure; rerun with { seed, path } to replay it.
const ON_DEMAND_FIELDS = ['trigger', 'regions', 'applications', 'dryRun', 'continuation'] as const;

/** The invocation, or the InvalidRequestError it threw; any other exception escapes and fails the property. */
function parseOrRefuse(event: unknown): ScanInvocation | InvalidRequestError {
  try {
    return parseScanEvent(event);
  } catch (error) {
    if (error instanceof InvalidRequestError) return error;
    throw error;
  }
}

/** An on-demand payload with one field set to a hostile value, other fields valid or absent. */
const nearValidRequest = fc.record(
  {
    trigger: fc.oneof(fc.constantFrom('on-demand', 'schedule'), wrongValue),
    regions: fc.oneof(
      fc.constant('all'),
      fc.array(fc.constantFrom('eu-west-1', 'us-east-1', 'xx-nowhere-9', 'EU-WEST-1'), { maxLength: 5 }),
      fc.array(hostileString, { maxLength: 5 }),
      wrongValue,
    ),
    applications: fc.oneof(
      fc.array(fc.oneof(fc.constant('orders'), hostileString), { maxLength: 5 }),
      wrongValue,
    ),
    dryRun: fc.oneof(fc.boolean(), wrongValue),
  },
  { requiredKeys: [] },
);

describe('Function: parseScanEvent (fuzzed)', () => {
  it('returns an invocation or throws InvalidRequestError for any JSON value', () => {
    fc.assert(
      fc.property(hostileJson, (event) => {
        // Act
        const outcome = parseOrRefuse(event);

        // Assess
        expect(
          outcome instanceof InvalidRequestError ? outcome.problems.length > 0 : 'trigger' in outcome,
        ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('names a field, or the payload, in every problem of a near-valid request', () => {
    fc.assert(
      fc.property(
        nearValidRequest,
        fc.constantFrom(...PROTOTYPE_KEYS, 'verbose'),
        fc.boolean(),
        (request, key, extra) => {
          // Prepare
          const event = extra ? { ...request, ...Object.fromEntries([[key, 1]]) } : request;

          // Act
          const outcome = parseOrRefuse(event);

          // Assess
          if (!(outcome instanceof InvalidRequestError)) return;
          for (const problem of outcome.problems) {
            const field = problem.split(/[.:]/, 1)[0] ?? '';
            expect([...ON_DEMAND_FIELDS, key, '(payload)', '… and ']).toContain(
              problem.startsWith('… and ') ? '… and ' : field,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a region of the right shape that AWS has no such region of', () => {
    // Act
    const outcome = parseOrRefuse({ regions: ['eu-west-1', 'xx-nowhere-9', 'eu-wset-1'] });

    // Assess
    expect(outcome).toEqual(
      new InvalidRequestError([
        'regions.1: "xx-nowhere-9" is not an AWS region (expected e.g. eu-west-1; aws ec2 describe-regions --all-regions lists them)',
        'regions.2: "eu-wset-1" is not an AWS region (expected e.g. eu-west-1; aws ec2 describe-regions --all-regions lists them)',
      ]),
    );
  });

  it('accepts every region of the aws, aws-cn, aws-us-gov, aws-iso and aws-eusc partitions', () => {
    // Prepare
    const regions = [
      'af-south-1',
      'ap-east-1',
      'ap-east-2',
      'ap-northeast-1',
      'ap-northeast-2',
      'ap-northeast-3',
      'ap-south-1',
      'ap-south-2',
      'ap-southeast-1',
      'ap-southeast-2',
      'ap-southeast-3',
      'ap-southeast-4',
      'ap-southeast-5',
      'ap-southeast-6',
      'ap-southeast-7',
      'ca-central-1',
      'ca-west-1',
      'eu-central-1',
      'eu-central-2',
      'eu-north-1',
      'eu-south-1',
      'eu-south-2',
      'eu-west-1',
      'eu-west-2',
      'eu-west-3',
      'il-central-1',
      'me-central-1',
      'me-south-1',
      'me-west-1',
      'mx-central-1',
      'sa-east-1',
      'sa-west-1',
      'us-east-1',
      'us-east-2',
      'us-west-1',
      'us-west-2',
      'cn-north-1',
      'cn-northwest-1',
      'us-iso-east-1',
      'us-iso-west-1',
      'us-isob-east-1',
      'us-isob-west-1',
      'eu-isoe-west-1',
      'us-isof-east-1',
      'us-isof-south-1',
      'us-gov-east-1',
      'us-gov-west-1',
      'eusc-de-east-1',
    ];

    // Act
    const outcome = parseOrRefuse({ regions });

    // Assess
    expect(outcome).toEqual({ trigger: 'on-demand', request: { regions } });
  });

  it('refuses a European Sovereign Cloud name of no known country, and four-letter garbage', () => {
    // Act
    const outcome = parseOrRefuse({ regions: ['eusc-xx-east-1', 'eusc-east-1', 'abcd-west-1'] });

    // Assess
    const notARegion =
      '" is not an AWS region (expected e.g. eu-west-1; aws ec2 describe-regions --all-regions lists them)';
    expect(outcome).toEqual(
      new InvalidRequestError([
        `regions.0: "eusc-xx-east-1${notARegion}`,
        `regions.1: "eusc-east-1${notARegion}`,
        `regions.2: "abcd-west-1${notARegion}`,
      ]),
    );
  });

  it('refuses a list of 100,000 regions at once, without checking each entry', () => {
    // Prepare
    const regions = Array.from({ length: 100_000 }, () => 'eu-west-1');

    // Act
    const outcome = parseOrRefuse({ regions, applications: Array.from({ length: 10_001 }, () => 'orders') });

    // Assess
    expect(outcome).toEqual(
      new InvalidRequestError([
        'regions: lists 100000 entries; at most 64 are allowed (omit the field to mean all)',
        'applications: lists 10001 entries; at most 10000 are allowed (omit the field to mean all)',
      ]),
    );
  });

  it('refuses 10,000 repeated application names and lists at most 20 problems', () => {
    // Prepare
    const applications = Array.from({ length: 10_000 }, () => 'orders');

    // Act
    const outcome = parseOrRefuse({ applications });

    // Assess
    expect(outcome).toEqual(
      new InvalidRequestError([
        ...Array.from({ length: 20 }, (_, index) => `applications.${index + 1}: "orders" is listed twice`),
        '… and 9979 more problems of the same kind',
      ]),
    );
  });

  it('escapes control characters and cuts long values in problems', () => {
    // Act
    const outcome = parseOrRefuse({ applications: [`bad\u0000\n${'x'.repeat(500)}`], '\u001b[31mred': 1 });

    // Assess
    expect(outcome).toEqual(
      new InvalidRequestError([
        `applications.0: "bad\\u0000\\n${'x'.repeat(69)}…" is neither an application name (letters, digits, _ . -; up to 128) nor a kinesisanalytics application ARN`,
        '\\u001b[31mred: unknown field (allowed: trigger, regions, applications, dryRun, continuation)',
      ]),
    );
  });

  it('refuses a 10,000-deep payload without overflowing the stack', () => {
    // Act
    const outcome = parseOrRefuse({ regions: deeplyNested(10_000) });

    // Assess
    expect(outcome).toEqual(new InvalidRequestError(['regions.0: must be a region name such as eu-west-1']));
  });
});

describe('Function: readLiveEvents (fuzzed)', () => {
  it('returns the events it kept and the ones it dropped for any JSON value, never throwing', () => {
    fc.assert(
      fc.property(hostileJson, (payload) => {
        // Act
        const read = readLiveEvents(payload);

        // Assess
        expect(read.events.length + read.dropped.length).toBe(read.received);
      }),
      { numRuns: 300 },
    );
  });

  it('drops every hostile body of an SQS batch with its message id and a reason', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            hostileString,
            hostileJson.map((value) => JSON.stringify(value) ?? ''),
          ),
          { maxLength: 5 },
        ),
        (bodies) => {
          // Prepare
          const Records = bodies.map((body, index) => ({
            messageId: `m-${index}`,
            body,
            eventSource: 'aws:sqs',
          }));

          // Act
          const read = readLiveEvents({ Records });

          // Assess
          expect(read).toEqual({
            delivery: 'sqs',
            received: bodies.length,
            events: [],
            messageIds: [],
            dropped: bodies.map((_, index) => ({ messageId: `m-${index}`, reason: expect.any(String) })),
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('drops a 100,000-deep body without overflowing the stack', () => {
    // Prepare
    const body = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;

    // Act
    const read = readLiveEvents({ Records: [{ messageId: 'm-0', body, eventSource: 'aws:sqs' }] });

    // Assess
    expect(read).toEqual({
      delivery: 'sqs',
      received: 1,
      events: [],
      messageIds: [],
      dropped: [
        {
          messageId: 'm-0',
          reason:
            'not an "AWS API Call via CloudTrail" event: (body) Invalid input: expected object, received array',
        },
      ],
    });
  });
});
