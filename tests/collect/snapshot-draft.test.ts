import { describe, expect, it } from 'vitest';
import { SnapshotDraft } from '../../shared/collect/snapshot-draft.js';
import { dependencyGraph } from '../../shared/graph/dependency-graph.js';
import { AccountIndex } from '../../shared/snapshot/account-index.js';
import type { CollectionError } from '../../shared/snapshot/types.js';
import {
  ACCOUNT_ID,
  application,
  bucket,
  deliveryStream,
  deliveryStreamArn,
  key,
  keyArn,
  managedPolicy,
  REGION,
  role,
  roleArn,
  stream,
  streamArn,
} from './support/account-builders.js';

describe('Class: SnapshotDraft', () => {
  describe('Method: addAccessKey', () => {
    it('renders the access key lookups in iam.accessKeys, by id, the last one of an id kept', () => {
      // Prepare
      const draft = new SnapshotDraft(ACCOUNT_ID, 'aws', [REGION]);
      draft.addAccessKey({ AccessKeyId: 'AKIAZZZZZZZZZZZZZZZZ', Account: '444455556666' });
      draft.addAccessKey({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Account: ACCOUNT_ID });
      draft.addAccessKey({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Account: ACCOUNT_ID, Status: 'Active' });

      // Act
      const { iam } = draft.snapshot();

      // Assess
      expect(iam).toEqual({
        roles: [],
        policies: [],
        accessKeys: [
          { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Account: ACCOUNT_ID, Status: 'Active' },
          { AccessKeyId: 'AKIAZZZZZZZZZZZZZZZZ', Account: '444455556666' },
        ],
      });
    });

    it('leaves iam.accessKeys out when no key was looked up', () => {
      // Act
      const { iam } = new SnapshotDraft(ACCOUNT_ID, 'aws', [REGION]).snapshot();

      // Assess
      expect(iam).toEqual({ roles: [], policies: [] });
    });
  });
});

describe('Method: SnapshotDraft.readFirst', () => {
  it('puts the applications to read first at the front of applications(), and renders the snapshot in list order', () => {
    // Prepare
    const draft = new SnapshotDraft(ACCOUNT_ID, 'aws', [REGION, 'us-east-1']);
    const [a, b] = [application('a'), application('b')];
    const c = application('c', { region: 'us-east-1' });
    draft.setApplications(REGION, [a, b]);
    draft.setApplications('us-east-1', [c]);

    // Act
    draft.readFirst([c.ApplicationARN, b.ApplicationARN]);

    // Assess
    expect(draft.applications().map(({ application }) => application.ApplicationName)).toEqual([
      'b',
      'c',
      'a',
    ]);
    expect(draft.snapshot().regions?.[REGION]?.applications).toEqual([a, b]);
  });
});

describe('Class: SnapshotDraft (lookups while collecting)', () => {
  const KEY_ID = '1b2c3d4e-1111-2222-3333-444455556666';
  const POLICY_ARN = `arn:aws:iam::${ACCOUNT_ID}:policy/streams`;

  /** A draft filled in read order, a key reached through two aliases, and the errors so far. */
  function filled(errors: CollectionError[]): SnapshotDraft {
    const draft = new SnapshotDraft(ACCOUNT_ID, 'aws', [REGION], errors);
    draft.addRole(role('runner', { attached: [POLICY_ARN] }));
    draft.addPolicy(managedPolicy(POLICY_ARN));
    draft.addStream(REGION, stream('clicks', keyArn(KEY_ID)));
    draft.addDeliveryStream(REGION, deliveryStream('to-lake', ['lake']));
    draft.addBucket(bucket('lake', `alias/lake`));
    draft.addKey(REGION, key(KEY_ID, { aliases: ['alias/streams'] }));
    draft.addKey(REGION, key(KEY_ID, { aliases: ['alias/lake'] }));
    draft.addLogGroup(REGION, {
      logGroupName: '/flink/app',
      arn: 'arn:aws:logs:eu-west-1:111122223333:log-group:/flink/app:*',
    });
    return draft;
  }

  it('answers every lookup as an AccountIndex of its rendered snapshot does', () => {
    // Prepare
    const errors: CollectionError[] = [
      {
        operation: 'kinesis:DescribeStreamSummary',
        region: REGION,
        resource: streamArn('denied'),
        code: 'AccessDeniedException',
        message: 'denied',
      },
      {
        operation: 'logs:DescribeLogGroups',
        region: REGION,
        code: 'ThrottlingException',
        message: 'slow down',
      },
    ];
    const draft = filled(errors);
    const aliasArn = `arn:aws:kms:${REGION}:${ACCOUNT_ID}:alias/streams`;

    // Act
    const index = new AccountIndex(draft.snapshot(errors));
    const ask = (lookup: SnapshotDraft | AccountIndex) => ({
      account: [lookup.accountId, lookup.partition],
      roles: [
        lookup.role(roleArn('runner')),
        lookup.role(`arn:aws:iam::${ACCOUNT_ID}:role/path/runner`),
        lookup.role(roleArn('none')),
      ],
      policy: lookup.managedPolicy(POLICY_ARN),
      stream: [lookup.stream(streamArn('clicks')), lookup.stream(streamArn('none'))],
      delivery: lookup.deliveryStream(deliveryStreamArn('to-lake')),
      bucket: [lookup.bucket('lake'), lookup.bucket('none')],
      keys: [
        lookup.key(keyArn(KEY_ID), 'us-east-1'),
        lookup.key(KEY_ID, REGION),
        lookup.key('alias/streams', REGION),
        lookup.key('alias/lake', REGION),
        lookup.key(aliasArn, 'us-east-1'),
        lookup.key(KEY_ID, 'us-east-1'),
      ],
      logGroup: [lookup.logGroup(REGION, '/flink/app'), lookup.logGroup('us-east-1', '/flink/app')],
      unreadable: [
        lookup.unreadable(streamArn('denied')),
        lookup.unreadable(streamArn('denied'), ['kinesis:ListShards']),
        lookup.unreadable(`arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:/other`),
        lookup.unreadable(`arn:aws:logs:us-east-1:${ACCOUNT_ID}:log-group:/other`),
      ],
    });

    // Assess
    const answers = ask(draft);
    expect(answers).toEqual(ask(index));
    expect(answers.keys[2]?.Aliases).toEqual(['alias/lake', 'alias/streams']);
    expect(answers.unreadable.map((found) => found.length)).toEqual([1, 0, 1, 0]);
  });

  it('sees errors recorded after it was built: a resource whose read failed is unreadable, not missing', () => {
    // Prepare
    const errors: CollectionError[] = [];
    const draft = filled(errors);
    const app = application('app', { properties: { 'input.stream.name': 'late' } });
    const stateOfLate = () =>
      dependencyGraph(draft, REGION, app).nodes.find((node) => node.arn === streamArn('late'))?.state;
    const before = stateOfLate();

    // Act
    errors.push({
      operation: 'kinesis:DescribeStreamSummary',
      region: REGION,
      resource: streamArn('late'),
      code: 'InternalFailure',
      message: 'boom',
    });

    // Assess
    expect([before, stateOfLate()]).toEqual(['missing', 'unreadable']);
  });
});
