import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IAM_ACTION_OF } from '../../shared/snapshot/read-permissions.js';
import { type CfnValue, loadCfnYaml } from './cfn-yaml.js';
import { ALSO_AUTHORIZED_BY, collectedOperations } from './collected-operations.js';

const templatePath = fileURLToPath(new URL('../../member-role.yaml', import.meta.url));
// Besides what the scan function needs: SSE-KMS code objects of member accounts need kms:Decrypt (via S3).
const MEMBER_ALSO_AUTHORIZED_BY: Record<string, readonly string[]> = {
  's3:GetObject': [...(ALSO_AUTHORIZED_BY['s3:GetObject'] ?? []), 'kms:Decrypt'],
};

type Node = { [key: string]: CfnValue };
const asNode = (value: CfnValue | undefined): Node =>
  value && typeof value === 'object' && !Array.isArray(value) ? value : {};
const asList = (value: CfnValue | undefined): CfnValue[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

const template = (): Node => asNode(loadCfnYaml(readFileSync(templatePath, 'utf8')));
const memberRole = (): Node => asNode(asNode(asNode(template().Resources).MemberRole).Properties);

/** Every statement of the member role's permission policies. */
function statements(): Node[] {
  return asList(memberRole().Policies)
    .flatMap((policy) => asList(asNode(asNode(policy).PolicyDocument).Statement))
    .map(asNode);
}

const grantedActions = (): string[] =>
  statements().flatMap((statement) => asList(statement.Action).map(String));

describe('Template: member-role.yaml', () => {
  it('passes cfn-lint', (context) => {
    // Prepare
    const probe = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
    if (probe.error) {
      if (process.env.CI === 'true')
        throw new Error('cfn-lint is not on PATH; CI must install it (pip install cfn-lint)');
      context.skip('cfn-lint is not on PATH; install it (pip install cfn-lint) to lint member-role.yaml');
    }

    // Act
    const lint = spawnSync('cfn-lint', [templatePath], { encoding: 'utf8' });

    // Assess
    expect({ status: lint.status, output: lint.stdout + lint.stderr }).toEqual({ status: 0, output: '' });
  }, 120_000);

  it('declares only the role, with its name, auditor, ExternalId and organisation as parameters', () => {
    // Act
    const { Parameters, Resources } = template();

    // Assess
    expect({
      parameters: Parameters,
      resources: Object.entries(asNode(Resources)).map(([id, resource]) => [id, asNode(resource).Type]),
      roleName: memberRole().RoleName,
    }).toEqual({
      parameters: {
        RoleName: expect.objectContaining({ Type: 'String', Default: 'kda-auditor-member' }),
        AuditorRoleArn: expect.objectContaining({ Type: 'String' }),
        ExternalId: expect.objectContaining({ Type: 'String', NoEcho: true, MinLength: 16 }),
        OrganizationId: expect.objectContaining({ Type: 'String', AllowedPattern: '^o-[a-z0-9]{10,32}$' }),
      },
      resources: [['MemberRole', 'AWS::IAM::Role']],
      roleName: { Ref: 'RoleName' },
    });
  });

  it('trusts only the auditor role, with the ExternalId, from inside the organisation', () => {
    // Act
    const trust = asNode(memberRole().AssumeRolePolicyDocument);

    // Assess
    expect(trust).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TrustAuditorOnly',
          Effect: 'Allow',
          Principal: { AWS: { Ref: 'AuditorRoleArn' } },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: {
              'sts:ExternalId': { Ref: 'ExternalId' },
              'aws:PrincipalOrgID': { Ref: 'OrganizationId' },
            },
          },
        },
      ],
    });
  });

  it('grants only Allow statements and no wildcard actions', () => {
    // Act
    const effects = [...new Set(statements().map((statement) => statement.Effect))];
    const wildcards = statements()
      .flatMap((statement) => asList(statement.Action))
      .filter((action) => typeof action !== 'string' || action.includes('*'));

    // Assess
    expect({ effects, wildcards }).toEqual({ effects: ['Allow'], wildcards: [] });
  });

  it('grants only reads, and kms:Decrypt through S3 for code objects in this account', () => {
    // Act
    const nonReads = statements().filter((statement) =>
      asList(statement.Action).some((action) => !/^[a-z0-9-]+:(Get|List|Describe)/.test(String(action))),
    );

    // Assess
    expect(nonReads).toEqual([
      {
        Sid: 'DecryptCodeArtifacts',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation !Sub string, not a JS template
        Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:kms:*:${AWS::AccountId}:key/*' },
        Condition: { StringLike: { 'kms:ViaService': 's3.*.amazonaws.com' } },
      },
    ]);
  });

  it('reads code objects only in buckets of the member account', () => {
    // Act
    const getObject = statements().filter((statement) => asList(statement.Action).includes('s3:GetObject'));

    // Assess
    expect(getObject.map((statement) => [statement.Resource, statement.Condition])).toEqual([
      [
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation !Sub string, not a JS template
        { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::*/*' },
        { StringEquals: { 's3:ResourceAccount': { Ref: 'AWS::AccountId' } } },
      ],
    ]);
  });

  it('grants every read collection makes', () => {
    // Prepare
    const granted = new Set(grantedActions());

    // Act
    const missing = collectedOperations()
      .map((operation) => IAM_ACTION_OF[operation] ?? operation)
      .filter((action) => !granted.has(action));

    // Assess
    expect(collectedOperations().length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  it('grants nothing collection does not need', () => {
    // Prepare
    const needed = new Set(
      collectedOperations().flatMap((operation) => [
        IAM_ACTION_OF[operation] ?? operation,
        ...(MEMBER_ALSO_AUTHORIZED_BY[IAM_ACTION_OF[operation] ?? operation] ?? []),
      ]),
    );

    // Act
    const unneeded = grantedActions().filter((action) => !needed.has(action));

    // Assess
    expect(unneeded).toEqual([]);
  });

  it('grants each action once', () => {
    // Act
    const actions = grantedActions();

    // Assess
    expect(actions).toEqual([...new Set(actions)]);
  });
});
