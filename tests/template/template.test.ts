import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScanEvent } from '../../shared/request/scan-request.js';
import { IAM_ACTION_OF } from '../../shared/snapshot/read-permissions.js';
import { type CfnValue, loadCfnYaml } from './cfn-yaml.js';
import { ALSO_AUTHORIZED_BY, collectedOperations } from './collected-operations.js';

const templatePath = fileURLToPath(new URL('../../template.yaml', import.meta.url));
type Node = { [key: string]: CfnValue };
const asNode = (value: CfnValue | undefined): Node =>
  value && typeof value === 'object' && !Array.isArray(value) ? value : {};
const asList = (value: CfnValue | undefined): CfnValue[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

function resources(): Record<string, Node> {
  const template = asNode(loadCfnYaml(readFileSync(templatePath, 'utf8')));
  return Object.fromEntries(
    Object.entries(asNode(template.Resources)).map(([id, value]) => [id, asNode(value)]),
  );
}

/** Every Allow statement a role (the scan function's by default) is granted, from the role and the policies attached to it. */
function roleStatements(role = 'ScanFunctionRole'): Node[] {
  const all = resources();
  const documents: CfnValue[] = [];
  for (const [id, resource] of Object.entries(all)) {
    const properties = asNode(resource.Properties);
    if (resource.Type === 'AWS::IAM::Role' && id === role) {
      documents.push(...asList(properties.Policies).map((policy) => asNode(policy).PolicyDocument ?? null));
    }
    const attachedTo = [...asList(properties.RoleName), ...asList(properties.Roles)].map(
      (name) => asNode(name).Ref,
    );
    if (
      (resource.Type === 'AWS::IAM::RolePolicy' || resource.Type === 'AWS::IAM::Policy') &&
      attachedTo.includes(role)
    ) {
      documents.push(properties.PolicyDocument ?? null);
    }
  }
  return documents
    .flatMap((document) => asList(asNode(document).Statement))
    .map(asNode)
    .filter((statement) => statement.Effect === 'Allow');
}

describe('Template: template.yaml', () => {
  it('passes cfn-lint', (context) => {
    // Prepare
    const probe = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
    if (probe.error) {
      if (process.env.CI === 'true')
        throw new Error('cfn-lint is not on PATH; CI must install it (pip install cfn-lint)');
      context.skip('cfn-lint is not on PATH; install it (pip install cfn-lint) to lint template.yaml');
    }

    // Act
    const lint = spawnSync('cfn-lint', [templatePath], { encoding: 'utf8' });

    // Assess
    expect({ status: lint.status, output: lint.stdout + lint.stderr }).toEqual({ status: 0, output: '' });
  }, 120_000);

  it('reads code objects only in buckets of its own account, and its own reports and suppressions', () => {
    // Act
    const getObject = roleStatements().filter((statement) =>
      asList(statement.Action).includes('s3:GetObject'),
    );

    // Assess
    expect(getObject.map((statement) => [statement.Resource, statement.Condition])).toEqual([
      [
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation !Sub string, not a JS template
        { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::*/*' },
        { StringEquals: { 's3:ResourceAccount': { Ref: 'AWS::AccountId' } } },
      ],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation !Sub string, not a JS template
      [{ 'Fn::Sub': '${ReportBucket.Arn}/${ReportPrefix}/*' }, undefined],
    ]);
  });

  it('grants the function no wildcard actions', () => {
    // Act
    const actions = roleStatements().flatMap((statement) => asList(statement.Action));

    // Assess
    expect(actions.length).toBeGreaterThan(20);
    expect(actions.filter((action) => typeof action !== 'string' || action.includes('*'))).toEqual([]);
  });

  it('grants only reads, except writing reports, the code scan cache, alerts, findings and its own logs', () => {
    // Act
    const writes = roleStatements()
      .flatMap((statement) => asList(statement.Action))
      .filter((action) => !/^[a-z0-9-]+:(Get|List|Describe)/.test(String(action)));

    // Assess
    expect(writes.sort()).toEqual([
      'kms:Decrypt', // reports and alerts, with the auditor's key
      'kms:Decrypt', // code objects encrypted with SSE-KMS, through S3 only
      'kms:GenerateDataKey',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      's3:AbortMultipartUpload', // a report written in parts whose upload failed
      's3:PutObject', // reports
      's3:PutObject', // code scan cache
      'securityhub:BatchImportFindings', // Security Hub export, only when enabled
      'sns:Publish',
      'sts:AssumeRole', // member roles, only in organisation mode
    ]);
  });

  it('assumes member roles by their name only, and only in organisation mode', () => {
    // Prepare
    const template = asNode(loadCfnYaml(readFileSync(templatePath, 'utf8')));
    const policy = resources().ScanFunctionMemberAccessPolicy ?? {};

    // Act
    const assuming = roleStatements().filter((statement) =>
      asList(statement.Action).includes('sts:AssumeRole'),
    );

    // Assess
    expect({
      condition: asNode(template.Conditions).OrganizationModeEnabled,
      policyCondition: policy.Condition,
      statements: assuming,
    }).toEqual({
      condition: { 'Fn::Equals': [{ Ref: 'OrganizationMode' }, 'Enabled'] },
      policyCondition: 'OrganizationModeEnabled',
      statements: [
        {
          Sid: 'AssumeMemberRoles',
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation !Sub string, not a JS template
          Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::*:role/${MemberRoleName}' },
        },
      ],
    });
  });

  it('tells the scan function the organisation mode, the member role name and, in organisation mode only, the ExternalId', () => {
    // Act
    const variables = asNode(asNode(asNode(resources().ScanFunction?.Properties).Environment).Variables);

    // Assess
    expect({
      mode: variables.ORGANIZATION_MODE,
      roleName: variables.MEMBER_ROLE_NAME,
      externalId: variables.MEMBER_EXTERNAL_ID,
    }).toEqual({
      mode: { Ref: 'OrganizationMode' },
      roleName: { Ref: 'MemberRoleName' },
      externalId: {
        'Fn::If': ['OrganizationModeEnabled', { Ref: 'MemberExternalId' }, { Ref: 'AWS::NoValue' }],
      },
    });
  });

  it('refuses organisation mode without the ExternalId', () => {
    // Act
    const { Rules, Parameters } = asNode(loadCfnYaml(readFileSync(templatePath, 'utf8')));

    // Assess
    expect({
      parameter: asNode(Parameters).MemberExternalId,
      rule: asNode(Rules).ExternalIdForOrganizationMode,
    }).toEqual({
      parameter: {
        Type: 'String',
        Default: '',
        NoEcho: true,
        AllowedPattern: '^$|^[\\w+=,.@:/-]{16,1224}$',
        Description: expect.stringContaining('member-role.yaml'),
      },
      rule: {
        RuleCondition: { 'Fn::Equals': [{ Ref: 'OrganizationMode' }, 'Enabled'] },
        Assertions: [
          {
            Assert: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'MemberExternalId' }, ''] }] },
            AssertDescription: expect.stringContaining('MemberExternalId'),
          },
        ],
      },
    });
  });

  it('grants securityhub:BatchImportFindings on its own product only, when SecurityHubExport is Enabled', () => {
    // Prepare
    const template = asNode(loadCfnYaml(readFileSync(templatePath, 'utf8')));
    const policy = resources().ScanFunctionSecurityHubPolicy ?? {};

    // Act
    const importing = roleStatements().filter((statement) =>
      asList(statement.Action).includes('securityhub:BatchImportFindings'),
    );

    // Assess
    expect({
      parameter: asNode(template.Parameters).SecurityHubExport,
      condition: asNode(template.Conditions).ExportsToSecurityHub,
      policyCondition: policy.Condition,
      statements: importing,
    }).toEqual({
      parameter: {
        Type: 'String',
        Default: 'Disabled',
        AllowedValues: ['Enabled', 'Disabled'],
        Description: expect.stringContaining('docs/security-hub.md'),
      },
      condition: { 'Fn::Equals': [{ Ref: 'SecurityHubExport' }, 'Enabled'] },
      policyCondition: 'ExportsToSecurityHub',
      statements: [
        {
          Sid: 'ImportFindings',
          Effect: 'Allow',
          Action: 'securityhub:BatchImportFindings',
          Resource: {
            'Fn::Sub':
              // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation !Sub string, not a JS template
              'arn:${AWS::Partition}:securityhub:${AWS::Region}:${AWS::AccountId}:product/${AWS::AccountId}/default',
          },
        },
      ],
    });
  });

  it('tells the scan function whether to export to Security Hub', () => {
    // Act
    const variables = asNode(asNode(asNode(resources().ScanFunction?.Properties).Environment).Variables);

    // Assess
    expect(variables.SECURITY_HUB_EXPORT).toEqual({ Ref: 'SecurityHubExport' });
  });

  it('grants every read collection makes', () => {
    // Prepare
    const granted = new Set(roleStatements().flatMap((statement) => asList(statement.Action)));

    // Act
    const missing = collectedOperations()
      .map((operation) => IAM_ACTION_OF[operation] ?? operation)
      .filter((action) => !granted.has(action));

    // Assess
    expect(collectedOperations().length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  it('grants no read that collection does not make', () => {
    // Prepare
    const needed = new Set(
      collectedOperations().flatMap((operation) => [
        IAM_ACTION_OF[operation] ?? operation,
        ...(ALSO_AUTHORIZED_BY[operation] ?? []),
      ]),
    );

    // Act
    const unneeded = roleStatements()
      .flatMap((statement) => asList(statement.Action))
      .filter(
        (action) => /^[a-z0-9-]+:(Get|List|Describe)/.test(String(action)) && !needed.has(String(action)),
      );

    // Assess
    expect(unneeded).toEqual([]);
  });

  it('limits object writes to the report and cache prefixes of the report bucket', () => {
    // Act
    const putObject = roleStatements().filter((statement) =>
      asList(statement.Action).includes('s3:PutObject'),
    );

    // Assess
    expect(putObject.map((statement) => statement.Resource)).toEqual([
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation !Sub string, not a JS template
      { 'Fn::Sub': '${ReportBucket.Arn}/${ReportPrefix}/*' },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation !Sub string, not a JS template
      { 'Fn::Sub': '${ReportBucket.Arn}/${ArtifactCachePrefix}/*' },
    ]);
  });

  it('schedules a nightly scan of this account, whose input the handler reads as a scheduled scan, only outside organisation mode', () => {
    // Prepare
    const schedule = resources().NightlyScanSchedule ?? {};
    const target = asNode(asNode(schedule.Properties).Target);

    // Act
    const invocation = parseScanEvent(JSON.parse(String(target.Input)));

    // Assess
    expect({
      type: schedule.Type,
      condition: schedule.Condition,
      schedule: asNode(schedule.Properties).ScheduleExpression,
      target: target.Arn,
      invocation,
      events: asNode(resources().ScanFunction?.Properties).Events,
    }).toEqual({
      type: 'AWS::Scheduler::Schedule',
      condition: 'SingleAccountMode',
      schedule: { Ref: 'ScanSchedule' },
      target: { 'Fn::GetAtt': ['ScanFunction', 'Arn'] },
      invocation: { trigger: 'schedule', request: {} },
      events: undefined,
    });
  });

  it('schedules the organisation scan state machine instead, only in organisation mode', () => {
    // Prepare
    const template = asNode(loadCfnYaml(readFileSync(templatePath, 'utf8')));
    const schedule = resources().OrganizationScanSchedule ?? {};

    // Act
    const target = asNode(asNode(schedule.Properties).Target);

    // Assess
    expect({
      condition: schedule.Condition,
      singleAccount: asNode(template.Conditions).SingleAccountMode,
      schedule: asNode(schedule.Properties).ScheduleExpression,
      target: target.Arn,
      input: JSON.parse(String(target.Input)),
    }).toEqual({
      condition: 'OrganizationModeEnabled',
      singleAccount: { 'Fn::Not': [{ Condition: 'OrganizationModeEnabled' }] },
      schedule: { Ref: 'ScanSchedule' },
      target: { Ref: 'OrganizationScanStateMachine' },
      input: { trigger: 'schedule' },
    });
  });

  it('lets each schedule start its own target only', () => {
    // Act
    const grants = ['NightlyScanScheduleRole', 'OrganizationScanScheduleRole'].map((role) => ({
      condition: resources()[role]?.Condition,
      trustedService: asNode(
        asNode(asList(asNode(asNode(resources()[role]?.Properties).AssumeRolePolicyDocument).Statement)[0])
          .Principal,
      ).Service,
      statements: roleStatements(role).map((statement) => [statement.Action, statement.Resource]),
    }));

    // Assess
    expect(grants).toEqual([
      {
        condition: 'SingleAccountMode',
        trustedService: 'scheduler.amazonaws.com',
        statements: [['lambda:InvokeFunction', { 'Fn::GetAtt': ['ScanFunction', 'Arn'] }]],
      },
      {
        condition: 'OrganizationModeEnabled',
        trustedService: 'scheduler.amazonaws.com',
        statements: [['states:StartExecution', { Ref: 'OrganizationScanStateMachine' }]],
      },
    ]);
  });
});
