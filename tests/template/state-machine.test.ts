import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type CfnValue, loadCfnYaml } from './cfn-yaml.js';

/* biome-ignore-start lint/suspicious/noTemplateCurlyInString: ASL placeholders and CloudFormation !Sub strings, not JS templates */

interface AslValidation {
  isValid: boolean;
  errorsText: (separator?: string) => string;
}
// asl-validator is CommonJS without type declarations.
const validateAsl: (definition: CfnValue) => AslValidation = createRequire(import.meta.url)('asl-validator');

const templatePath = fileURLToPath(new URL('../../template.yaml', import.meta.url));
const definitionPath = fileURLToPath(
  new URL('../../statemachine/organization-scan.asl.json', import.meta.url),
);

type Node = { [key: string]: CfnValue };
const asNode = (value: CfnValue | undefined): Node =>
  value && typeof value === 'object' && !Array.isArray(value) ? value : {};
const asList = (value: CfnValue | undefined): CfnValue[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

const LAMBDA_SERVICE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];
const RUNS_OBJECTS = { 'Fn::Sub': '${ReportBucket.Arn}/${ReportPrefix}/organization/runs/*' };
const REPORT_KEY = { 'Fn::GetAtt': ['AuditorKey', 'Arn'] };

const definitionText = (): string => readFileSync(definitionPath, 'utf8');
const definition = (): Node => asNode(JSON.parse(definitionText()));
const states = (): Node => asNode(definition().States);
const template = (): Node => asNode(loadCfnYaml(readFileSync(templatePath, 'utf8')));
const resource = (id: string): Node => asNode(asNode(template().Resources)[id]);
const properties = (id: string): Node => asNode(resource(id).Properties);

/** Every Allow statement of a role: its inline policies and the role policies attached to it. */
function roleStatements(role: string): Node[] {
  const documents: CfnValue[] = asList(properties(role).Policies).map(
    (policy) => asNode(policy).PolicyDocument ?? null,
  );
  for (const candidate of Object.values(asNode(template().Resources)).map(asNode)) {
    const attachedTo = asNode(asNode(candidate.Properties).RoleName).Ref;
    if (candidate.Type === 'AWS::IAM::RolePolicy' && attachedTo === role) {
      documents.push(asNode(candidate.Properties).PolicyDocument ?? null);
    }
  }
  return documents
    .flatMap((document) => asList(asNode(document).Statement))
    .map(asNode)
    .filter((statement) => statement.Effect === 'Allow');
}

/** Every state of the definition, the item processor's included, by name. */
function allStates(): [string, Node][] {
  const nested = Object.values(states()).flatMap((state) =>
    Object.entries(asNode(asNode(asNode(state).ItemProcessor).States)),
  );
  return [...Object.entries(states()), ...nested].map(([name, state]) => [name, asNode(state)]);
}

/** What the definition needs its role to allow: IAM actions, each with the resource it acts on. */
function permissionsTheDefinitionNeeds(substitutions: Node): [string, CfnValue][] {
  const needed: [string, CfnValue][] = [];
  for (const [, state] of allStates()) {
    if (state.Resource === 'arn:aws:states:::lambda:invoke') {
      const placeholder = /^\$\{(\w+)\}$/.exec(String(asNode(state.Parameters).FunctionName))?.[1] ?? '';
      needed.push(['lambda:InvokeFunction', substitutions[placeholder] ?? null]);
    }
    if (asNode(state.ItemReader).Resource === 'arn:aws:states:::s3:getObject') {
      needed.push(['s3:GetObject', RUNS_OBJECTS]);
    }
    // The documented ResultWriter grants: results are written in parts and may be re-read.
    if (asNode(state.ResultWriter).Resource === 'arn:aws:states:::s3:putObject') {
      for (const action of [
        's3:PutObject',
        's3:GetObject',
        's3:ListMultipartUploadParts',
        's3:AbortMultipartUpload',
      ])
        needed.push([action, RUNS_OBJECTS]);
    }
    if (asNode(asNode(state.ItemProcessor).ProcessorConfig).Mode === 'DISTRIBUTED') {
      const children = {
        'Fn::Sub':
          'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${OrganizationScanStateMachine.Name}/*',
      };
      needed.push(
        ['states:StartExecution', { Ref: 'OrganizationScanStateMachine' }],
        ['states:DescribeExecution', children],
        ['states:StopExecution', children],
      );
    }
  }
  return needed;
}

/** The (action, resource) pairs a role is granted. */
function grantedPermissions(role: string): [string, CfnValue][] {
  return roleStatements(role).flatMap((statement) =>
    asList(statement.Action).flatMap((action) =>
      asList(statement.Resource).map((resource): [string, CfnValue] => [String(action), resource]),
    ),
  );
}

/** (action, resource) pairs as a sorted set: two grants of the same thing are one permission. */
const sortPairs = (pairs: [string, CfnValue][]): string[] =>
  [...new Set(pairs.map((pair) => JSON.stringify(pair)))].sort();

describe('State machine: statemachine/organization-scan.asl.json', () => {
  it('passes asl-validator once its placeholders are substituted', () => {
    // Prepare
    const substituted = definitionText().replace(
      /\$\{(\w+)\}/g,
      (_, name: string) => `arn:aws:lambda:eu-west-1:111122223333:function:kda-auditor-${name}`,
    );

    // Act
    const validation = validateAsl(JSON.parse(substituted));

    // Assess
    expect({ isValid: validation.isValid, errors: validation.errorsText('\n') }).toEqual({
      isValid: true,
      errors: '',
    });
  });

  it('lists the targets, scans them, then aggregates whatever the map run did, and succeeds', () => {
    // Act
    const transitions = Object.entries(states()).map(([name, value]) => {
      const state = asNode(value);
      return {
        name,
        type: state.Type,
        next: state.Next,
        end: state.End,
        catch: asList(state.Catch).map((handler) => asNode(handler).Next),
      };
    });

    // Assess
    expect({ startAt: definition().StartAt, transitions }).toEqual({
      startAt: 'ListTargets',
      transitions: [
        { name: 'ListTargets', type: 'Task', next: 'ScanTargets', end: undefined, catch: [] },
        { name: 'ScanTargets', type: 'Map', next: 'Aggregate', end: undefined, catch: ['Aggregate'] },
        { name: 'Aggregate', type: 'Task', next: 'Done', end: undefined, catch: [] },
        { name: 'Done', type: 'Succeed', next: undefined, end: undefined, catch: [] },
      ],
    });
  });

  it('gives the targets function the execution input and keeps only its output, as $.targets', () => {
    // Act
    const { Retry, ...listTargets } = asNode(states().ListTargets);

    // Assess
    expect(listTargets).toEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: '${OrgTargetsFunctionArn}', 'Payload.$': '$' },
      ResultSelector: { 'targets.$': '$.Payload' },
      ResultPath: '$',
      Next: 'ScanTargets',
    });
  });

  it('maps over targets.json in a Distributed Map with the run settings, writing results under the run prefix', () => {
    // Act
    const { ItemProcessor, ...scanTargets } = asNode(states().ScanTargets);

    // Assess
    expect(scanTargets).toEqual({
      Type: 'Map',
      ItemReader: {
        Resource: 'arn:aws:states:::s3:getObject',
        ReaderConfig: { InputType: 'JSON' },
        Parameters: { 'Bucket.$': '$.targets.itemsBucket', 'Key.$': '$.targets.itemsKey' },
      },
      MaxConcurrencyPath: '$.targets.settings.maxConcurrency',
      ToleratedFailurePercentagePath: '$.targets.settings.toleratedFailurePercentage',
      ResultWriter: {
        Resource: 'arn:aws:states:::s3:putObject',
        Parameters: { 'Bucket.$': '$.targets.itemsBucket', 'Prefix.$': '$.targets.resultsPrefix' },
      },
      ResultPath: '$.map',
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.mapError', Next: 'Aggregate' }],
      Next: 'Aggregate',
    });
  });

  it('scans each item with the scan function in a standard child execution, returning { result }', () => {
    // Act
    const processor = asNode(asNode(states().ScanTargets).ItemProcessor);
    const { Retry, ...scanTarget } = asNode(asNode(processor.States).ScanTarget);

    // Assess
    expect({ config: processor.ProcessorConfig, startAt: processor.StartAt, scanTarget }).toEqual({
      config: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
      startAt: 'ScanTarget',
      scanTarget: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: '${ScanFunctionArn}', 'Payload.$': '$' },
        ResultSelector: { 'result.$': '$.Payload' },
        End: true,
      },
    });
  });

  it('gives the aggregate function the whole state and ends with its summary', () => {
    // Act
    const { Retry, ...aggregate } = asNode(states().Aggregate);

    // Assess
    expect(aggregate).toEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: '${OrgAggregateFunctionArn}', 'Payload.$': '$' },
      OutputPath: '$.Payload',
      Next: 'Done',
    });
  });

  it('retries every invocation on Lambda service errors and throttling only, with backoff', () => {
    // Act
    const retries = allStates()
      .filter(([, state]) => state.Type === 'Task')
      .map(([name, state]) => [
        name,
        asList(state.Retry).map((retry) => {
          const { ErrorEquals, BackoffRate } = asNode(retry);
          return { ErrorEquals, BackoffRate };
        }),
      ]);

    // Assess
    expect(retries).toEqual([
      ['ListTargets', [{ ErrorEquals: LAMBDA_SERVICE_ERRORS, BackoffRate: 2 }]],
      ['Aggregate', [{ ErrorEquals: LAMBDA_SERVICE_ERRORS, BackoffRate: 2 }]],
      ['ScanTarget', [{ ErrorEquals: LAMBDA_SERVICE_ERRORS, BackoffRate: 2 }]],
    ]);
  });

  it('uses exactly the placeholders the template substitutes, each with its function', () => {
    // Prepare
    const used = [...definitionText().matchAll(/\$\{(\w+)\}/g)].map((match) => match[1]);

    // Act
    const substitutions = asNode(properties('OrganizationScanStateMachine').DefinitionSubstitutions);

    // Assess
    expect({ used: used.sort(), substitutions }).toEqual({
      used: ['OrgAggregateFunctionArn', 'OrgTargetsFunctionArn', 'ScanFunctionArn'],
      substitutions: {
        OrgTargetsFunctionArn: { 'Fn::GetAtt': ['OrgTargetsFunction', 'Arn'] },
        ScanFunctionArn: { 'Fn::GetAtt': ['ScanFunction', 'Arn'] },
        OrgAggregateFunctionArn: { 'Fn::GetAtt': ['OrgAggregateFunction', 'Arn'] },
      },
    });
  });
});

describe('Template: organisation scan in template.yaml', () => {
  it('creates the organisation resources only in organisation mode', () => {
    // Act
    const conditional = Object.entries(asNode(template().Resources))
      .filter(([, value]) => asNode(value).Condition === 'OrganizationModeEnabled')
      .map(([id]) => id);

    // Assess
    expect(conditional.sort()).toEqual(
      [
        'ScanFunctionMemberAccessPolicy',
        'OrgTargetsFunctionLogGroup',
        'OrgTargetsFunctionRole',
        'OrgTargetsFunction',
        'OrgAggregateFunctionLogGroup',
        'OrgAggregateFunctionRole',
        'OrgAggregateFunction',
        'OrganizationScanLogGroup',
        'OrganizationScanRole',
        'OrganizationScanChildExecutionsPolicy',
        'OrganizationScanStateMachine',
        'OrganizationScanScheduleRole',
        'OrganizationScanSchedule',
        'OrganizationScanFailureAlarm',
      ].sort(),
    );
  });

  it('declares the organisation parameters with their defaults', () => {
    // Act
    const parameters = asNode(template().Parameters);
    const declared = [
      'OrganizationMode',
      'MemberRoleName',
      'MemberExternalId',
      'IncludeAccounts',
      'ExcludeAccounts',
      'MapMaxConcurrency',
      'ToleratedFailurePercentage',
    ].map((name) => {
      const { Type, Default, AllowedValues, MinValue, MaxValue } = asNode(parameters[name]);
      return { name, Type, Default, AllowedValues, MinValue, MaxValue };
    });

    // Assess
    expect(declared).toEqual([
      {
        name: 'OrganizationMode',
        Type: 'String',
        Default: 'Disabled',
        AllowedValues: ['Enabled', 'Disabled'],
      },
      { name: 'MemberRoleName', Type: 'String', Default: 'kda-auditor-member' },
      { name: 'MemberExternalId', Type: 'String', Default: '' },
      { name: 'IncludeAccounts', Type: 'String', Default: '' },
      { name: 'ExcludeAccounts', Type: 'String', Default: '' },
      { name: 'MapMaxConcurrency', Type: 'Number', Default: 20, MinValue: 1, MaxValue: 10000 },
      { name: 'ToleratedFailurePercentage', Type: 'Number', Default: 10, MinValue: 0, MaxValue: 100 },
    ]);
  });

  it('runs a standard state machine from the definition file, with its role, logging to its log group', () => {
    // Act
    const { DefinitionSubstitutions, ...machine } = properties('OrganizationScanStateMachine');

    // Assess
    expect(machine).toEqual({
      Name: { 'Fn::Sub': '${AWS::StackName}-organization-scan' },
      Type: 'STANDARD',
      DefinitionUri: 'statemachine/organization-scan.asl.json',
      Role: { 'Fn::GetAtt': ['OrganizationScanRole', 'Arn'] },
      Logging: {
        Level: 'ERROR',
        IncludeExecutionData: true,
        Destinations: [
          { CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': ['OrganizationScanLogGroup', 'Arn'] } } },
        ],
      },
    });
  });

  it('lets the state machine do what its definition needs, its key through S3, and log delivery, nothing else', () => {
    // Prepare
    const substitutions = asNode(properties('OrganizationScanStateMachine').DefinitionSubstitutions);
    const logDelivery = [
      'logs:CreateLogDelivery',
      'logs:GetLogDelivery',
      'logs:UpdateLogDelivery',
      'logs:DeleteLogDelivery',
      'logs:ListLogDeliveries',
      'logs:PutResourcePolicy',
      'logs:DescribeResourcePolicies',
      'logs:DescribeLogGroups',
    ].map((action): [string, CfnValue] => [action, '*']);
    const runFileKey: [string, CfnValue][] = [
      ['kms:GenerateDataKey', REPORT_KEY],
      ['kms:Decrypt', REPORT_KEY],
    ];

    // Act
    const granted = sortPairs(grantedPermissions('OrganizationScanRole'));

    // Assess
    expect(granted).toEqual(
      sortPairs([...permissionsTheDefinitionNeeds(substitutions), ...runFileKey, ...logDelivery]),
    );
  });

  it('uses the report key through S3 only, and is assumed by Step Functions of this account only', () => {
    // Act
    const keyStatement = roleStatements('OrganizationScanRole').find((statement) =>
      asList(statement.Action).includes('kms:Decrypt'),
    );
    const trust = asNode(properties('OrganizationScanRole').AssumeRolePolicyDocument);

    // Assess
    expect({ condition: keyStatement?.Condition, trust: trust.Statement }).toEqual({
      condition: { StringEquals: { 'kms:ViaService': { 'Fn::Sub': 's3.${AWS::Region}.amazonaws.com' } } },
      trust: [
        {
          Effect: 'Allow',
          Principal: { Service: 'states.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        },
      ],
    });
  });

  it('lets the targets function list the organisation and regions and write the run targets only', () => {
    // Act
    const granted = sortPairs(grantedPermissions('OrgTargetsFunctionRole'));

    // Assess
    expect(granted).toEqual(
      sortPairs([
        ['organizations:ListAccounts', '*'],
        ['organizations:DescribeOrganization', '*'],
        ['ec2:DescribeRegions', '*'],
        ['s3:PutObject', RUNS_OBJECTS],
        ['kms:GenerateDataKey', REPORT_KEY],
        ['logs:CreateLogStream', { 'Fn::Sub': '${OrgTargetsFunctionLogGroup.Arn}' }],
        ['logs:PutLogEvents', { 'Fn::Sub': '${OrgTargetsFunctionLogGroup.Arn}' }],
      ]),
    );
  });

  it('lets the aggregate function read results and reports, write the organisation report and alert only', () => {
    // Prepare
    const listing = roleStatements('OrgAggregateFunctionRole').find((statement) =>
      asList(statement.Action).includes('s3:ListBucket'),
    );

    // Act
    const granted = sortPairs(grantedPermissions('OrgAggregateFunctionRole'));

    // Assess
    expect({ granted, listingCondition: listing?.Condition }).toEqual({
      granted: sortPairs([
        ['s3:GetObject', { 'Fn::Sub': '${ReportBucket.Arn}/${ReportPrefix}/*' }],
        ['s3:ListBucket', { 'Fn::GetAtt': ['ReportBucket', 'Arn'] }],
        ['s3:PutObject', { 'Fn::Sub': '${ReportBucket.Arn}/${ReportPrefix}/organization/*' }],
        ['sns:Publish', { Ref: 'AlertTopic' }],
        ['kms:GenerateDataKey', REPORT_KEY],
        ['kms:Decrypt', REPORT_KEY],
        ['logs:CreateLogStream', { 'Fn::Sub': '${OrgAggregateFunctionLogGroup.Arn}' }],
        ['logs:PutLogEvents', { 'Fn::Sub': '${OrgAggregateFunctionLogGroup.Arn}' }],
      ]),
      listingCondition: { StringLike: { 's3:prefix': { 'Fn::Sub': '${ReportPrefix}/organization/*' } } },
    });
  });

  it('builds each organisation function from its handler, with the organisation settings in its environment', () => {
    // Act
    const functions = ['OrgTargetsFunction', 'OrgAggregateFunction'].map((id) => ({
      buildMethod: asNode(resource(id).Metadata).BuildMethod,
      codeUri: properties(id).CodeUri,
      handler: properties(id).Handler,
      runtime: properties(id).Runtime,
      variables: Object.keys(asNode(asNode(properties(id).Environment).Variables)).filter(
        (name) => !name.startsWith('POWERTOOLS_'),
      ),
    }));

    // Assess
    const variables = [
      'REPORT_BUCKET',
      'REPORT_PREFIX',
      'TOPIC_ARN',
      'ALERT_THRESHOLD',
      'SCORE_DROP_THRESHOLD',
      'SCAN_REGIONS',
      'INCLUDE_ACCOUNTS',
      'EXCLUDE_ACCOUNTS',
      'MAP_MAX_CONCURRENCY',
      'TOLERATED_FAILURE_PERCENTAGE',
    ];
    expect(functions).toEqual([
      {
        buildMethod: 'makefile',
        codeUri: './',
        handler: 'handler.handler',
        runtime: 'nodejs22.x',
        variables,
      },
      {
        buildMethod: 'makefile',
        codeUri: './',
        handler: 'handler.handler',
        runtime: 'nodejs22.x',
        variables,
      },
    ]);
  });

  it('outputs the state machine ARN in organisation mode, and the role member accounts must trust', () => {
    // Act
    const { OrganizationScanStateMachineArn, ScanFunctionRoleArn } = asNode(template().Outputs);

    // Assess
    expect({
      machine: asNode(OrganizationScanStateMachineArn),
      role: asNode(ScanFunctionRoleArn).Value,
    }).toEqual({
      machine: {
        Condition: 'OrganizationModeEnabled',
        Description: expect.stringContaining('start-execution'),
        Value: { Ref: 'OrganizationScanStateMachine' },
      },
      role: { 'Fn::GetAtt': ['ScanFunctionRole', 'Arn'] },
    });
  });
});

/* biome-ignore-end lint/suspicious/noTemplateCurlyInString: ASL placeholders and CloudFormation !Sub strings, not JS templates */
