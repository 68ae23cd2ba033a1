import { describe, expect, it } from 'vitest';
import { requiredCalls } from '../../scripts/bench/required-calls.js';
import {
  account,
  application,
  bucket,
  key,
  keyArn,
  REGION,
  role,
  roleArn,
  stream,
} from '../collect/support/account-builders.js';

const KEY_ID = '1b2c3d4e-1111-2222-3333-444455556666';

// Two applications sharing a role, a source stream, a code bucket and the key behind both.
function sharedAccount() {
  const applications = ['one', 'two'].map((name) => ({
    ...application(name, { properties: { 'input.stream.name': 'shared' }, code: 'shared-code' }),
    ServiceExecutionRole: roleArn('shared-role'),
  }));
  return account({
    regions: {
      [REGION]: { applications, streams: [stream('shared', keyArn(KEY_ID))], keys: [key(KEY_ID)] },
      'us-east-1': {},
    },
    roles: [role('shared-role', { allow: ['kinesis:GetRecords'] })],
    buckets: [bucket('shared-code', keyArn(KEY_ID))],
  });
}

describe('Function: requiredCalls', () => {
  it('counts one call per application and one per distinct dependency, however many use it', () => {
    // Act
    const { distinct } = requiredCalls(sharedAccount(), [REGION, 'us-east-1'], REGION);

    // Assess
    expect(distinct).toEqual({
      'sts:GetCallerIdentity': 1,
      's3control:GetPublicAccessBlock': 1,
      // The previous report (latest.json), then the one code object both applications run.
      's3:GetObject': 2,
      // One page per region scanned, even an empty one.
      'kinesisanalytics:ListApplications': 2,
      'cloudtrail:DescribeTrails': 1,
      'kinesisanalytics:DescribeApplication': 2,
      'iam:GetRole': 1,
      'iam:ListRolePolicies': 1,
      'iam:ListAttachedRolePolicies': 1,
      'iam:GetRolePolicy': 1,
      'iam:GetPolicy': 0,
      'iam:GetPolicyVersion': 0,
      'kinesis:DescribeStreamSummary': 1,
      's3:GetBucketLocation': 1,
      's3:GetBucketEncryption': 1,
      's3:GetBucketPolicy': 1,
      's3:GetPublicAccessBlock': 1,
      's3:GetBucketVersioning': 1,
      's3:HeadObject': 1,
      'kms:DescribeKey': 1,
      'kms:GetKeyRotationStatus': 1,
      'kms:ListAliases': 1,
    });
  });

  it('pages ListApplications 50 applications at a time', () => {
    // Prepare
    const applications = Array.from({ length: 101 }, (_, at) => application(`app-${at}`));

    // Act
    const { distinct } = requiredCalls(
      account({ regions: { [REGION]: { applications } } }),
      [REGION],
      REGION,
    );

    // Assess
    expect(distinct['kinesisanalytics:ListApplications']).toBe(3);
    expect(distinct['kinesisanalytics:DescribeApplication']).toBe(101);
  });

  it('gives IAM the cheaper of role-by-role reads and GetAccountAuthorizationDetails', () => {
    // Act
    const { requirements } = requiredCalls(sharedAccount(), [REGION], REGION);

    // Assess
    const iam = requirements.find((requirement) => requirement.name === 'IAM roles and policies');
    expect(iam?.alternatives.map((alternative) => alternative.name)).toEqual([
      'role by role',
      'GetAccountAuthorizationDetails',
    ]);
    expect(iam?.alternatives[1]?.demands).toEqual([
      {
        bucket: 'iam:GetAccountAuthorizationDetails',
        place: 'global',
        calls: 1,
        rate: 20,
        burst: 20,
        depth: 0,
      },
    ]);
  });
});
