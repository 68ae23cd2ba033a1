import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { memberRole } from '../../../sandbox/generator/member-role.js';
import { type CfnValue, loadCfnYaml } from '../../template/cfn-yaml.js';

const templatePath = fileURLToPath(new URL('../../../member-role.yaml', import.meta.url));
const ACCOUNT = '500000000001';
const parameters: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::AccountId': ACCOUNT,
  RoleName: 'kda-auditor-member',
  AuditorRoleArn: 'arn:aws:iam::500000000000:role/kda-auditor-scan',
  ExternalId: 'sandbox-external-id-0001',
  OrganizationId: 'o-abcdefghij',
};

/** The template's value with every Ref and Fn::Sub of these parameters resolved, as CloudFormation deploys it. */
function resolved(value: CfnValue): CfnValue {
  if (Array.isArray(value)) return value.map(resolved);
  if (value === null || typeof value !== 'object') return value;
  const ref = value.Ref;
  if (typeof ref === 'string' && Object.keys(value).length === 1)
    return parameters[ref] ?? `unresolved ${ref}`;
  const sub = value['Fn::Sub'];
  if (typeof sub === 'string' && Object.keys(value).length === 1)
    return sub.replace(/\$\{([\w:]+)\}/g, (_match, name: string) => parameters[name] ?? `unresolved ${name}`);
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, resolved(entry)]));
}

function deployedRole(): Record<string, CfnValue> {
  const template = loadCfnYaml(readFileSync(templatePath, 'utf8'));
  const node = (value: CfnValue | undefined): Record<string, CfnValue> =>
    value && typeof value === 'object' && !Array.isArray(value) ? value : {};
  const properties = resolved(node(node(node(node(template).Resources).MemberRole).Properties));
  return node(properties);
}

describe('Function: memberRole', () => {
  it('returns the role member-role.yaml deploys, trust and read policy statement for statement', () => {
    // Prepare
    const deployed = deployedRole();

    // Act
    const role = memberRole({
      partition: 'aws',
      accountId: ACCOUNT,
      auditorRoleArn: parameters.AuditorRoleArn ?? '',
      externalId: parameters.ExternalId ?? '',
      organizationId: parameters.OrganizationId ?? '',
      roleId: 'AROAMEMBERROLE000001',
      createDate: '2026-06-01T00:00:00Z',
    });

    // Assess
    expect(role).toEqual({
      Path: '/',
      RoleName: deployed.RoleName,
      RoleId: 'AROAMEMBERROLE000001',
      Arn: `arn:aws:iam::${ACCOUNT}:role/kda-auditor-member`,
      CreateDate: '2026-06-01T00:00:00Z',
      AssumeRolePolicyDocument: deployed.AssumeRolePolicyDocument,
      Description: deployed.Description,
      MaxSessionDuration: deployed.MaxSessionDuration,
      RolePolicyList: deployed.Policies,
      AttachedManagedPolicies: [],
      Tags: [],
    });
  });
});
