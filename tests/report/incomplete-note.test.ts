import { describe, expect, it } from 'vitest';
import { incompleteReasons } from '../../shared/report/incomplete-note.js';
import type { ReportNotReached } from '../../shared/report/types.js';

const FAILED = [{ operation: 'kms:DescribeKey', code: 'AccessDeniedException', message: 'denied' }];
const MISSED: ReportNotReached = {
  reason: 'TIME_LIMIT',
  reads: 9,
  regions: ['us-east-1'],
  applications: [
    {
      applicationArn: 'arn:aws:kinesisanalytics:eu-west-1:111122223333:application/orders',
      applicationName: 'orders',
      region: 'eu-west-1',
    },
  ],
};

describe('Function: incompleteReasons', () => {
  it('says nothing for a complete report', () => {
    expect(incompleteReasons({ complete: true, collectionErrors: [] })).toEqual([]);
  });

  it('names the failed reads', () => {
    expect(incompleteReasons({ complete: false, collectionErrors: FAILED })).toEqual([
      '1 read(s) failed; the checks that needed them report ERROR',
    ]);
  });

  it('names what the time limit left, and the failed reads only when there are some', () => {
    expect([
      incompleteReasons({ complete: false, collectionErrors: [], notReached: MISSED }),
      incompleteReasons({ complete: false, collectionErrors: FAILED, notReached: MISSED }),
    ]).toEqual([
      [
        'the time limit left 1 application(s) not reached and us-east-1 not listed (not judged by this scan; the next scan reads them first)',
      ],
      [
        'the time limit left 1 application(s) not reached and us-east-1 not listed (not judged by this scan; the next scan reads them first)',
        '1 read(s) failed; the checks that needed them report ERROR',
      ],
    ]);
  });
});
