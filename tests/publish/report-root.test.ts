import { describe, expect, it } from 'vitest';
import {
  organizationLedgerTarget,
  organizationReportKeys,
} from '../../shared/organization/write-organization-report.js';
import { accountLedgerTarget } from '../../shared/publish/alert-ledger.js';
import { datedReportKey, reportRoot } from '../../shared/publish/report-root.js';
import { resourceIndexKey } from '../../shared/publish/resource-index-store.js';
import { reportKeys } from '../../shared/publish/write-report.js';

const ACCOUNT = '111122223333';
const PREFIXES = [undefined, '', '/', 'reports', '/reports/', 'a//b/', 'a/b'];

describe('Function: reportRoot', () => {
  it('joins the prefix’s non-empty segments and the owner', () => {
    // Act
    const roots = PREFIXES.map((prefix) => reportRoot(prefix, ACCOUNT));

    // Assess
    expect(roots).toEqual([
      ACCOUNT,
      ACCOUNT,
      ACCOUNT,
      `reports/${ACCOUNT}`,
      `reports/${ACCOUNT}`,
      `a/b/${ACCOUNT}`,
      `a/b/${ACCOUNT}`,
    ]);
  });
});

describe('Function: datedReportKey', () => {
  it('dates the key by the scan’s start in UTC', () => {
    // Act: 23:30 in New York on 31 December is already 1 January in UTC
    const key = datedReportKey('reports/org', '2026-12-31T23:30:00-05:00', 'scan-1');

    // Assess
    expect(key).toBe('reports/org/2027/01/01/scan-1');
  });
});

describe('Root keys built from one builder', () => {
  it('puts the account’s report, alert markers and resource index under the same root', () => {
    // Act
    const mismatches = PREFIXES.flatMap((prefix) => {
      const root = reportRoot(prefix, ACCOUNT);
      const keys = reportKeys(prefix, { accountId: ACCOUNT, scanId: 's', startedAt: '2026-12-07T20:00:00Z' });
      const found = {
        latest: keys.latestKey,
        dated: keys.key,
        ledger: accountLedgerTarget({ bucket: 'b', ...(prefix === undefined ? {} : { prefix }) }, ACCOUNT)
          .root,
        index: resourceIndexKey(prefix, ACCOUNT),
      };
      const expected = {
        latest: `${root}/latest.json`,
        dated: `${root}/2026/12/07/s.json`,
        ledger: root,
        index: `${root}/live/resource-index.json`,
      };
      return JSON.stringify(found) === JSON.stringify(expected) ? [] : [{ prefix, found, expected }];
    });

    // Assess
    expect(mismatches).toEqual([]);
  });

  it('puts the organisation’s report and alert markers under `<prefix>/organization`', () => {
    // Act
    const found = PREFIXES.map((prefix) => {
      const target = { bucket: 'b', ...(prefix === undefined ? {} : { prefix }) };
      const keys = organizationReportKeys(prefix, { orgScanId: 'o', startedAt: '2026-12-07T20:00:00Z' });
      return [organizationLedgerTarget(target).root, keys.latestKey, keys.key];
    });

    // Assess
    expect(found).toEqual(
      PREFIXES.map((prefix) => {
        const root = reportRoot(prefix, 'organization');
        return [root, `${root}/latest.json`, `${root}/2026/12/07/o.json`];
      }),
    );
  });
});
