import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { aggregateOrganization } from '../../shared/organization/aggregate.js';
import {
  DEV_ACCOUNT,
  failedResult,
  ORG_SCAN_ID,
  ORGANIZATION_ID,
  organizationReport,
  scannedResult,
  scanTarget,
} from '../support/organization-fixtures.js';

const schema: unknown = JSON.parse(
  readFileSync(new URL('../../schemas/organization-report.schema.json', import.meta.url), 'utf8'),
);
// ajv-formats is CommonJS: under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule.default;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema as object);

describe('Function: aggregateOrganization (organisation report schema)', () => {
  it('returns a report the schema accepts, with every optional part present', () => {
    // Prepare
    const report = aggregateOrganization({
      orgScanId: ORG_SCAN_ID,
      organizationId: ORGANIZATION_ID,
      startedAt: new Date('2026-11-29T02:00:00Z'),
      completedAt: new Date('2026-11-29T02:10:00Z'),
      results: [
        scannedResult({
          previousScore: null,
          reportKey: 'kda/eu-west-1/x.json',
          scoreBasis: { earned: 19, possible: 20, caps: ['critical'] },
          complete: false,
          notReached: 3,
          notListed: true,
        }),
        failedResult(),
      ],
      failedItems: [{ target: null, error: 'States.TIMED_OUT', cause: '' }],
      skipped: [
        { accountId: '444444444444', accountName: 'old', reason: 'the account is SUSPENDED, not ACTIVE' },
      ],
      mapError: { error: 'States.ExceedToleratedFailureThreshold', cause: 'Too many items failed.' },
      targets: [scanTarget({ accountId: DEV_ACCOUNT, region: 'us-east-1' })],
    });

    // Act
    const valid = validate(report);

    // Assess
    expect([valid, validate.errors ?? [], report.cappedBy, report.failedTargets.length]).toEqual([
      true,
      [],
      'critical',
      3,
    ]);
  });

  it('returns false for a report whose account has no region', () => {
    // Prepare
    const report = organizationReport();
    const broken = { ...report, accounts: report.accounts.map((account) => ({ ...account, regions: [] })) };

    // Act
    const valid = validate(broken);

    // Assess
    expect([valid, validate.errors?.map((error) => `${error.instancePath} ${error.message}`)]).toEqual([
      false,
      ['/accounts/0/regions must NOT have fewer than 1 items'],
    ]);
  });
});
