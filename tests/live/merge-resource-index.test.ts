import { describe, expect, it } from 'vitest';
import { mergeResourceIndex } from '../../shared/live/merge-resource-index.js';
import { resourceIndex } from '../../shared/live/resource-index.js';
import type { AccountSnapshot } from '../../shared/snapshot/types.js';
import {
  graphNode,
  LIVE_ACCOUNT,
  liveApplicationArn,
  liveReport,
  reportApplication,
} from '../support/live-fixtures.js';

const SHARED_ROLE = `arn:aws:iam::${LIVE_ACCOUNT}:role/shared-role`;
const ORDERS_ROLE = `arn:aws:iam::${LIVE_ACCOUNT}:role/orders-role`;
const SHARED_STREAM = `arn:aws:kinesis:eu-west-1:${LIVE_ACCOUNT}:stream/events`;
const ORDERS_STREAM = `arn:aws:kinesis:eu-west-1:${LIVE_ACCOUNT}:stream/orders-in`;
const FRESH_STREAM = `arn:aws:kinesis:us-east-1:${LIVE_ACCOUNT}:stream/fresh-in`;
const KEY = `arn:aws:kms:eu-west-1:${LIVE_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const POLICY = `arn:aws:iam::${LIVE_ACCOUNT}:policy/streams`;
const ORDERS = liveApplicationArn('orders');
const CLICKS = liveApplicationArn('clicks');
const FRESH = liveApplicationArn('fresh', 'us-east-1');

/** The last full scan: orders (own role, stream and key) and clicks share a stream. */
function previousIndex(snapshot?: AccountSnapshot) {
  return resourceIndex(
    liveReport([
      reportApplication(
        'orders',
        'eu-west-1',
        [
          graphNode(ORDERS_ROLE, 'iam-role', 'orders-role'),
          graphNode(ORDERS_STREAM, 'kinesis-stream', 'orders-in'),
          graphNode(SHARED_STREAM, 'kinesis-stream', 'events'),
          graphNode(KEY, 'kms-key', KEY),
        ],
        [{ from: ORDERS_STREAM, to: KEY, relation: 'encryption-key' }],
      ),
      reportApplication('clicks', 'eu-west-1', [
        graphNode(SHARED_ROLE, 'iam-role', 'shared-role'),
        graphNode(SHARED_STREAM, 'kinesis-stream', 'events'),
      ]),
    ]),
    snapshot,
  );
}

/** The re-audit: fresh was created, with the shared role; orders was deleted. */
function reauditIndex(snapshot?: AccountSnapshot) {
  return resourceIndex(
    {
      ...liveReport([
        reportApplication('fresh', 'us-east-1', [
          graphNode(SHARED_ROLE, 'iam-role', 'shared-role'),
          graphNode(FRESH_STREAM, 'kinesis-stream', 'fresh-in'),
        ]),
      ]),
      scanId: 'scan-reaudit',
    },
    snapshot,
  );
}

function snapshotWith(roles: { arn: string; policies: string[] }[]): AccountSnapshot {
  return {
    snapshotVersion: 1,
    accountId: LIVE_ACCOUNT,
    iam: {
      roles: roles.map(({ arn, policies }) => ({
        RoleName: arn.split('/').at(-1) ?? arn,
        Arn: arn,
        AttachedManagedPolicies: policies.map((PolicyArn) => ({ PolicyArn })),
      })),
    },
    regions: {},
  };
}

describe('Function: mergeResourceIndex', () => {
  it('returns the index without the deleted application and with the created one and its dependencies', () => {
    // Act
    const merged = mergeResourceIndex(previousIndex(), reauditIndex(), [ORDERS, FRESH], 'scan-merged');

    // Assess
    expect(merged).toEqual({
      formatVersion: 1,
      scanId: 'scan-merged',
      accountId: LIVE_ACCOUNT,
      partition: 'aws',
      applications: {
        [CLICKS]: { name: 'clicks', region: 'eu-west-1' },
        [FRESH]: { name: 'fresh', region: 'us-east-1' },
      },
      regions: { 'eu-west-1': [CLICKS], 'us-east-1': [FRESH] },
      dependents: {
        [CLICKS]: [CLICKS],
        [SHARED_ROLE]: [CLICKS, FRESH],
        [SHARED_STREAM]: [CLICKS],
        [FRESH]: [FRESH],
        [FRESH_STREAM]: [FRESH],
      },
      encrypts: {},
      roleNames: { 'shared-role': [SHARED_ROLE] },
      keyAliases: null,
      policies: null,
      trails: null,
    });
  });

  it('returns the untouched applications as they were when nothing settled', () => {
    // Prepare
    const previous = previousIndex();

    // Act
    const merged = mergeResourceIndex(
      previous,
      { ...reauditIndex(), applications: {}, regions: {}, dependents: {}, roleNames: {} },
      [],
      'scan-merged',
    );

    // Assess
    expect(merged).toEqual({ ...previous, scanId: 'scan-merged' });
  });

  it('replaces the policy attachments of the roles the re-audit read again, and keeps the others', () => {
    // Prepare
    const previous = previousIndex(
      snapshotWith([
        { arn: ORDERS_ROLE, policies: [POLICY] },
        { arn: SHARED_ROLE, policies: [POLICY] },
      ]),
    );
    const reaudit = reauditIndex(snapshotWith([{ arn: SHARED_ROLE, policies: [] }]));

    // Act
    const merged = mergeResourceIndex(previous, reaudit, [FRESH], 'scan-merged');

    // Assess
    expect([merged.policies, merged.keyAliases, merged.trails]).toEqual([
      { [POLICY]: [ORDERS_ROLE] },
      {},
      {},
    ]);
  });
});
