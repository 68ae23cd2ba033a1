import { describe, expect, it } from 'vitest';
import { resourceIndex } from '../../shared/live/resource-index.js';
import type { AccountSnapshot } from '../../shared/snapshot/types.js';
import {
  graphNode,
  LIVE_ACCOUNT,
  liveApplicationArn,
  liveReport,
  reportApplication,
} from '../support/live-fixtures.js';

const ROLE = `arn:aws:iam::${LIVE_ACCOUNT}:role/service/orders-role`;
const STREAM = `arn:aws:kinesis:eu-west-1:${LIVE_ACCOUNT}:stream/orders-in`;
const KEY = `arn:aws:kms:eu-west-1:${LIVE_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const POLICY = `arn:aws:iam::${LIVE_ACCOUNT}:policy/orders-streams`;
const TRAIL = `arn:aws:cloudtrail:eu-west-1:${LIVE_ACCOUNT}:trail/audit`;

function twoApplicationReport() {
  const nodes = [
    graphNode(ROLE, 'iam-role', 'orders-role'),
    graphNode(STREAM, 'kinesis-stream', 'orders-in'),
  ];
  return liveReport([
    reportApplication(
      'orders-router',
      'eu-west-1',
      [...nodes, graphNode(KEY, 'kms-key', KEY)],
      [{ from: STREAM, to: KEY, relation: 'encryption-key' }],
    ),
    reportApplication('orders-audit', 'us-east-1', nodes),
  ]);
}

describe('Function: resourceIndex', () => {
  it('returns every resource pointing back to its applications, without the snapshot-only maps', () => {
    // Prepare
    const report = twoApplicationReport();
    const router = liveApplicationArn('orders-router');
    const audit = liveApplicationArn('orders-audit', 'us-east-1');

    // Act
    const index = resourceIndex(report);

    // Assess
    expect(index).toEqual({
      formatVersion: 1,
      scanId: 'scan-20261129T020000Z-0001',
      accountId: LIVE_ACCOUNT,
      partition: 'aws',
      applications: {
        [router]: { name: 'orders-router', region: 'eu-west-1' },
        [audit]: { name: 'orders-audit', region: 'us-east-1' },
      },
      regions: { 'eu-west-1': [router], 'us-east-1': [audit] },
      dependents: {
        [router]: [router],
        [audit]: [audit],
        [ROLE]: [router, audit],
        [STREAM]: [router, audit],
        [KEY]: [router],
      },
      encrypts: { [KEY]: [STREAM] },
      roleNames: { 'orders-role': [ROLE] },
      keyAliases: null,
      policies: null,
      trails: null,
    });
  });

  it('returns aliases, policy attachments and trails from the snapshot when given', () => {
    // Prepare
    const snapshot: AccountSnapshot = {
      snapshotVersion: 1,
      accountId: LIVE_ACCOUNT,
      iam: {
        roles: [{ RoleName: 'orders-role', Arn: ROLE, AttachedManagedPolicies: [{ PolicyArn: POLICY }] }],
      },
      regions: {
        'eu-west-1': {
          keys: [
            {
              KeyMetadata: { KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab', Arn: KEY },
              Aliases: ['alias/orders'],
            },
          ],
          trails: [{ Name: 'audit', TrailARN: TRAIL, HomeRegion: 'eu-west-1', IsMultiRegionTrail: true }],
        },
      },
    };

    // Act
    const index = resourceIndex(twoApplicationReport(), snapshot);

    // Assess
    expect({ keyAliases: index.keyAliases, policies: index.policies, trails: index.trails }).toEqual({
      keyAliases: { [`arn:aws:kms:eu-west-1:${LIVE_ACCOUNT}:alias/orders`]: KEY },
      policies: { [POLICY]: [ROLE] },
      trails: { [TRAIL]: { name: 'audit', homeRegion: 'eu-west-1', multiRegion: true } },
    });
  });

  it('returns an index that survives a JSON round trip unchanged', () => {
    // Prepare
    const index = resourceIndex(twoApplicationReport());

    // Act
    const stored = JSON.parse(JSON.stringify(index));

    // Assess
    expect(stored).toEqual(index);
  });
});
