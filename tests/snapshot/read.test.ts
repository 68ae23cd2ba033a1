import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SnapshotFormatError } from '../../shared/errors.js';
import { parseSnapshotText, readSnapshot } from '../../shared/snapshot/read.js';

const example = readFileSync(new URL('../fixtures/example-account.json', import.meta.url), 'utf8');

describe('Function: readSnapshot', () => {
  it('accepts the example account and keeps unknown fields', () => {
    // Prepare
    const json = { ...JSON.parse(example), vendorExtension: { note: 'kept' } };

    // Act
    const snapshot = readSnapshot(json);

    // Assess
    expect(snapshot.accountId).toBe('111122223333');
    expect(snapshot.vendorExtension).toEqual({ note: 'kept' });
    expect(snapshot.regions?.['eu-west-1']?.applications?.map((app) => app.ApplicationName)).toEqual([
      'clickstream-enricher',
      'legacy-sessionizer',
    ]);
  });

  it('accepts a snapshot with every optional section missing', () => {
    // Act
    const snapshot = readSnapshot({ snapshotVersion: 1, accountId: '123456789012' });

    // Assess
    expect(snapshot).toEqual({ snapshotVersion: 1, accountId: '123456789012' });
  });

  it('lists every problem with its path', () => {
    // Prepare
    const json = {
      snapshotVersion: 2,
      accountId: '42',
      regions: { 'eu-west-1': { streams: [{ StreamName: 'x' }] } },
    };

    // Act
    const read = () => readSnapshot(json);

    // Assess
    expect(read).toThrow(SnapshotFormatError);
    expect(read).toThrow(/snapshotVersion: snapshotVersion must be 1/);
    expect(read).toThrow(/accountId: accountId must be a 12-digit AWS account id/);
    expect(read).toThrow(/regions\.eu-west-1\.streams\.0\.StreamARN/);
  });

  it('accepts access key lookups, keeping their fields', () => {
    // Prepare
    const accessKeys = [
      {
        AccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        Account: '123456789012',
        UserName: 'ci-deployer',
        Status: 'Active',
        CreateDate: '2024-03-01T09:00:00Z',
        AccessKeyLastUsed: { LastUsedDate: '2026-11-27T08:15:00Z', ServiceName: 's3', Region: 'eu-west-1' },
      },
      { AccessKeyId: 'AKIAI44QH8DHBEXAMPLE', Account: '444455556666' },
    ];

    // Act
    const snapshot = readSnapshot({ snapshotVersion: 1, accountId: '123456789012', iam: { accessKeys } });

    // Assess
    expect(snapshot).toEqual({ snapshotVersion: 1, accountId: '123456789012', iam: { accessKeys } });
  });

  it('rejects an access key lookup without its id or with an account that is not one', () => {
    // Prepare
    const json = {
      snapshotVersion: 1,
      accountId: '123456789012',
      iam: {
        accessKeys: [{ Account: '123456789012' }, { AccessKeyId: 'AKIAI44QH8DHBEXAMPLE', Account: 'mine' }],
      },
    };

    // Act
    const read = () => readSnapshot(json);

    // Assess
    expect(read).toThrow(/iam\.accessKeys\.0\.AccessKeyId/);
    expect(read).toThrow(/iam\.accessKeys\.1\.Account: Account must be a 12-digit AWS account id/);
  });

  it('accepts an organisation and its accounts, keeping their fields', () => {
    // Prepare
    const json = {
      snapshotVersion: 1,
      accountId: '123456789012',
      organization: { Id: 'o-a1b2c3d4e5', MasterAccountId: '123456789012', FeatureSet: 'ALL' },
      organizationAccounts: [{ Id: '123456789012', Name: 'management', Status: 'ACTIVE' }],
    };

    // Act
    const snapshot = readSnapshot(json);

    // Assess
    expect(snapshot).toEqual(json);
  });

  it('rejects an organisation id or member account id that is not one', () => {
    // Prepare
    const json = {
      snapshotVersion: 1,
      accountId: '123456789012',
      organization: { Id: 'acme', MasterAccountId: '42' },
      organizationAccounts: [{ Name: 'no id' }, { Id: 'x' }],
    };

    // Act
    const read = () => readSnapshot(json);

    // Assess
    expect(read).toThrow(/organization\.Id: Id must be an organisation id such as o-a1b2c3d4e5/);
    expect(read).toThrow(/organization\.MasterAccountId: MasterAccountId must be a 12-digit AWS account id/);
    expect(read).toThrow(/organizationAccounts\.0\.Id/);
    expect(read).toThrow(/organizationAccounts\.1\.Id: Id must be a 12-digit AWS account id/);
  });

  it('rejects a region key that is not a region name', () => {
    // Act
    const read = () =>
      readSnapshot({ snapshotVersion: 1, accountId: '123456789012', regions: { Europe: {} } });

    // Assess
    expect(read).toThrow(/regions\.Europe: region names look like eu-west-1/);
  });

  it('reads an account of the European Sovereign Cloud (partition aws-eusc, region eusc-de-east-1)', () => {
    // Prepare
    const json = {
      snapshotVersion: 1,
      accountId: '123456789012',
      partition: 'aws-eusc',
      regions: { 'eusc-de-east-1': {} },
    };

    // Act
    const read = readSnapshot(json);

    // Assess
    expect(read).toEqual(json);
  });
});

describe('Function: parseSnapshotText', () => {
  it('names the source when the text is not JSON', () => {
    // Act
    const parse = () => parseSnapshotText('{ not json', 'account.json');

    // Assess
    expect(parse).toThrow(SnapshotFormatError);
    expect(parse).toThrow(/^account\.json is not valid JSON/);
  });
});
