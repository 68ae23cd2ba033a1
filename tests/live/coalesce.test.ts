import { describe, expect, it } from 'vitest';
import { coalesce } from '../../shared/live/coalesce.js';
import { resourceIndex } from '../../shared/live/resource-index.js';
import {
  changeEvent,
  graphNode,
  LIVE_ACCOUNT,
  liveApplicationArn,
  liveReport,
  reportApplication,
} from '../support/live-fixtures.js';

const ROLE = `arn:aws:iam::${LIVE_ACCOUNT}:role/orders-role`;
const ORDERS_IN = `arn:aws:kinesis:eu-west-1:${LIVE_ACCOUNT}:stream/orders-in`;
const PAYMENTS = `arn:aws:kinesis:eu-west-1:${LIVE_ACCOUNT}:stream/payments-raw`;
const ROUTER = liveApplicationArn('orders-router');
const AUDIT = liveApplicationArn('orders-audit', 'us-east-1');
const TOTALS = liveApplicationArn('payments-totals');

function index() {
  const orders = [
    graphNode(ROLE, 'iam-role', 'orders-role'),
    graphNode(ORDERS_IN, 'kinesis-stream', 'orders-in'),
  ];
  return resourceIndex(
    liveReport([
      reportApplication('orders-router', 'eu-west-1', orders),
      reportApplication('orders-audit', 'us-east-1', orders),
      reportApplication('payments-totals', 'eu-west-1', [
        graphNode(PAYMENTS, 'kinesis-stream', 'payments-raw'),
      ]),
    ]),
  );
}

describe('Function: coalesce', () => {
  it('returns one plan per region with each application once and every reason', () => {
    // Prepare
    const events = [
      changeEvent('kinesis.amazonaws.com', 'StopStreamEncryption', { streamARN: ORDERS_IN }),
      changeEvent('iam.amazonaws.com', 'PutRolePolicy', { roleName: 'orders-role' }, { region: 'us-east-1' }),
      changeEvent('kinesis.amazonaws.com', 'StopStreamEncryption', { streamARN: ORDERS_IN }),
      changeEvent('kinesis.amazonaws.com', 'DeleteStream', { streamName: 'payments-raw' }),
      changeEvent('s3.amazonaws.com', 'PutBucketAcl', { bucketName: 'team-scratch' }),
    ];

    // Act
    const plan = coalesce(events, index());

    // Assess
    const stopped = `kinesis StopStreamEncryption on ${ORDERS_IN}`;
    const rolePolicy = `iam PutRolePolicy on role ${ROLE}`;
    expect(plan).toEqual({
      regions: [
        {
          region: 'eu-west-1',
          applications: [
            { applicationArn: ROUTER, reasons: [stopped, rolePolicy], events: [0, 1, 2] },
            { applicationArn: TOTALS, reasons: [`kinesis DeleteStream on ${PAYMENTS}`], events: [3] },
          ],
        },
        {
          region: 'us-east-1',
          applications: [{ applicationArn: AUDIT, reasons: [stopped, rolePolicy], events: [0, 1, 2] }],
        },
      ],
      events: 5,
      ignored: 1,
      ignoredReasons: ['s3 PutBucketAcl on arn:aws:s3:::team-scratch: no audited application uses it'],
    });
  });

  it('returns an empty plan when every event is ignored', () => {
    // Prepare
    const events = [changeEvent('kinesis.amazonaws.com', 'PutRecord', { streamName: 'orders-in' })];

    // Act
    const plan = coalesce(events, index());

    // Assess
    expect(plan).toEqual({
      regions: [],
      events: 1,
      ignored: 1,
      ignoredReasons: ['kinesis.amazonaws.com PutRecord is not a change event'],
    });
  });

  it('returns a new application in the region its ARN names', () => {
    // Prepare
    const created = liveApplicationArn('orders-v2', 'ap-southeast-2');
    const events = [
      changeEvent(
        'kinesisanalytics.amazonaws.com',
        'CreateApplication',
        { applicationName: 'orders-v2' },
        {
          region: 'ap-southeast-2',
        },
      ),
    ];

    // Act
    const plan = coalesce(events, index());

    // Assess
    expect(plan).toEqual({
      regions: [
        {
          region: 'ap-southeast-2',
          applications: [
            {
              applicationArn: created,
              reasons: [`kinesisanalytics CreateApplication on ${created} (not in the last scan)`],
              events: [0],
            },
          ],
        },
      ],
      events: 1,
      ignored: 0,
      ignoredReasons: [],
    });
  });
});
