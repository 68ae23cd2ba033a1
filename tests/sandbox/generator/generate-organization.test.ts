import { describe, expect, it } from 'vitest';
import {
  GENERATED_MANAGEMENT_ACCOUNT_ID,
  generateOrganization,
} from '../../../sandbox/generator/generate-organization.js';
import { memberRole } from '../../../sandbox/generator/member-role.js';
import { GENERATOR_REGIONS } from '../../../sandbox/generator/regions.js';
import { InvalidRequestError } from '../../../shared/errors.js';
import { readSnapshot } from '../../../shared/snapshot/read.js';
import type { AccountSnapshot } from '../../../shared/snapshot/types.js';

const EXTERNAL_ID = 'sandbox-external-id-0001';
const applicationCount = (snapshot: AccountSnapshot) =>
  Object.values(snapshot.regions ?? {}).flatMap((region) => region.applications ?? []).length;
const roleNames = (snapshot: AccountSnapshot) => (snapshot.iam?.roles ?? []).map((role) => role.RoleName);

describe('Function: generateOrganization', () => {
  it('returns byte-identical JSON for the same options', () => {
    // Act
    const first = generateOrganization({ seed: 3, accounts: 4, externalId: EXTERNAL_ID });
    const second = generateOrganization({ seed: 3, accounts: 4, externalId: EXTERNAL_ID });

    // Assess
    expect({ equal: first, json: JSON.stringify(first) === JSON.stringify(second) }).toEqual({
      equal: second,
      json: true,
    });
  });

  it('returns other organisation ids and member applications for another seed', () => {
    // Act
    const first = generateOrganization({ seed: 3, accounts: 2, externalId: EXTERNAL_ID });
    const second = generateOrganization({ seed: 4, accounts: 2, externalId: EXTERNAL_ID });

    // Assess
    expect(first.organizationId).not.toBe(second.organizationId);
    expect(first.members[0]?.regions).not.toEqual(second.members[0]?.regions);
  });

  it('returns an auditor account that lists the organisation, its accounts, the scan role, bucket and topic', () => {
    // Act
    const organization = generateOrganization({ seed: 1, accounts: 2, externalId: EXTERNAL_ID });

    // Assess
    const { auditor } = organization;
    const management = GENERATED_MANAGEMENT_ACCOUNT_ID;
    expect({
      accountId: auditor.accountId,
      organization: auditor.organization,
      accounts: auditor.organizationAccounts,
      roles: roleNames(auditor),
      buckets: auditor.s3?.buckets?.map((bucket) => bucket.Name),
      topics: auditor.sns?.topics?.map((topic) => topic.TopicArn),
      applications: applicationCount(auditor),
      result: {
        auditorRoleArn: organization.auditorRoleArn,
        reportBucket: organization.reportBucket,
        topicArn: organization.topicArn,
        externalId: organization.externalId,
      },
    }).toEqual({
      accountId: management,
      organization: {
        Id: organization.organizationId,
        Arn: `arn:aws:organizations::${management}:organization/${organization.organizationId}`,
        FeatureSet: 'ALL',
        MasterAccountArn: `arn:aws:organizations::${management}:account/${organization.organizationId}/${management}`,
        MasterAccountId: management,
        MasterAccountEmail: 'aws-management@example.com',
      },
      accounts: [management, '500000000001', '500000000002'].map((id, index) => ({
        Id: id,
        Arn: `arn:aws:organizations::${management}:account/${organization.organizationId}/${id}`,
        Email: index === 0 ? 'aws-management@example.com' : `aws-member-${index}@example.com`,
        Name: index === 0 ? 'management' : `member-0${index}`,
        Status: 'ACTIVE',
        State: 'ACTIVE',
        JoinedMethod: index === 0 ? 'CREATED' : 'INVITED',
        JoinedTimestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/),
      })),
      roles: ['kda-auditor-scan'],
      buckets: [`kda-auditor-reports-${management}`],
      topics: [`arn:aws:sns:eu-west-1:${management}:kda-auditor-alerts`],
      applications: 0,
      result: {
        auditorRoleArn: `arn:aws:iam::${management}:role/kda-auditor-scan`,
        reportBucket: `kda-auditor-reports-${management}`,
        topicArn: `arn:aws:sns:eu-west-1:${management}:kda-auditor-alerts`,
        externalId: EXTERNAL_ID,
      },
    });
    expect(organization.organizationId).toMatch(/^o-[a-z0-9]{10}$/);
  });

  it('returns members with their applications and the member role, except the last ones when asked', () => {
    // Act
    const { members, auditorRoleArn, organizationId } = generateOrganization({
      seed: 1,
      accounts: 3,
      applicationsPerAccount: 2,
      regions: 2,
      memberRoleMissing: 1,
      externalId: EXTERNAL_ID,
      memberRoleName: 'auditor-read',
    });

    // Assess
    const roleOf = (member: AccountSnapshot) =>
      member.iam?.roles?.find((role) => role.RoleName === 'auditor-read');
    expect(
      members.map((member) => ({
        accountId: member.accountId,
        applications: applicationCount(member),
        regions: Object.keys(member.regions ?? {}),
        memberRole: roleOf(member),
      })),
    ).toEqual(
      members.map((member, index) => ({
        accountId: `50000000000${index + 1}`,
        applications: 2,
        regions: ['eu-west-1', 'us-east-1'],
        memberRole:
          index < 2
            ? memberRole({
                partition: 'aws',
                accountId: member.accountId,
                roleName: 'auditor-read',
                auditorRoleArn,
                externalId: EXTERNAL_ID,
                organizationId,
                roleId: roleOf(member)?.RoleId ?? 'missing',
                createDate: String(roleOf(member)?.CreateDate),
              })
            : undefined,
      })),
    );
  });

  it('returns snapshots that readSnapshot accepts unchanged once written as JSON', () => {
    // Prepare
    const { auditor, members } = generateOrganization({ seed: 2, accounts: 2, externalId: EXTERNAL_ID });

    // Act
    const read = [auditor, ...members].map((snapshot) => readSnapshot(JSON.parse(JSON.stringify(snapshot))));

    // Assess
    expect(read).toEqual([auditor, ...members]);
  });

  it('throws InvalidRequestError naming every unusable option', () => {
    // Act
    const generate = () =>
      generateOrganization({
        seed: 1.5,
        accounts: 0,
        applicationsPerAccount: -1,
        regions: 99,
        memberRoleMissing: 2,
        externalId: 'short',
        memberRoleName: 'no spaces allowed',
      });

    // Assess
    expect(generate).toThrow(InvalidRequestError);
    expect(generate).toThrow(
      'Invalid request: accounts must be a whole number from 1 to 1000 (got 0); ' +
        'memberRoleMissing must be a whole number from 0 to the number of accounts (got 2); ' +
        'seed must be a whole number (got 1.5); pick any, e.g. 42; ' +
        'externalId must be 16 to 1224 letters, digits or +=,.@:/-, as member-role.yaml requires; ' +
        'memberRoleName "no spaces allowed" is not a valid IAM role name; ' +
        'applicationsPerAccount must be a whole number from 0 to 100000; ' +
        `regions must be a whole number from 1 to ${GENERATOR_REGIONS.length} (got 99)`,
    );
  });
});
