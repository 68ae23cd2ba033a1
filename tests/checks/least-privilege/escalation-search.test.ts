import { describe, expect, it } from 'vitest';
import {
  type EscalationSubject,
  escalationGrants,
  findEscalations,
  type PartGrant,
} from '../../../shared/checks/least-privilege/escalation-search.js';
import {
  PRIVILEGE_ESCALATIONS,
  type PrivilegeEscalation,
} from '../../../shared/checks/least-privilege/privilege-escalations.js';
import { rolePermissions } from '../../../shared/policy/role-permissions.js';
import { AccountIndex } from '../../../shared/snapshot/account-index.js';
import {
  allow,
  applicationArn,
  OTHER_ACCOUNT_ID,
  oneApplication,
  policyDocument,
  role,
  roleArn,
  type StatementJson,
} from '../../support/snapshot-builder.js';

const SUBJECT: EscalationSubject = {
  roleArn: roleArn('orders-enricher-role'),
  applicationArn: applicationArn('orders-enricher'),
};
const ADMIN_ROLE = roleArn('admin');

/** Searches the catalog in an execution role whose inline policy "access" holds the statements. */
function search(...statements: StatementJson[]) {
  const executionRole = role({ inline: { access: policyDocument(...statements) } });
  const index = new AccountIndex(oneApplication({ role: executionRole }));
  return findEscalations(rolePermissions(index, executionRole), SUBJECT, PRIVILEGE_ESCALATIONS);
}

function catalogEntry(name: string): PrivilegeEscalation {
  const entry = PRIVILEGE_ESCALATIONS.find((escalation) => escalation.name === name);
  if (!entry) throw new Error(`No catalogued escalation ${name}`);
  return entry;
}

function grant(action: string, statement: number, conditional = false): PartGrant {
  return {
    action,
    position: statement - 1,
    where: `inline policy "access" statement #${statement}`,
    conditional,
  };
}

// One row per kind of path: statement #1 passes another role (when the path needs it), statement #2
// grants the service actions, so each part's grant is told apart.
const PATHS: { entry: string; found: string; service: string[]; resource?: string }[] = [
  {
    entry: 'iam:PassRole + kinesisanalytics:CreateApplication + kinesisanalytics:StartApplication',
    found: 'iam:PassRole + kinesisanalytics:CreateApplication + kinesisanalytics:StartApplication',
    service: ['kinesisanalytics:CreateApplication', 'kinesisanalytics:StartApplication'],
  },
  {
    entry: 'iam:PassRole + kinesisanalytics:UpdateApplication',
    found: 'iam:PassRole + kinesisanalytics:UpdateApplication',
    service: ['kinesisanalytics:UpdateApplication'],
    // Its own application: a new role for itself, not another application's code.
    resource: applicationArn('orders-enricher'),
  },
  {
    entry: 'iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction',
    found: 'iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction',
    service: ['lambda:CreateFunction', 'lambda:InvokeFunction'],
  },
  {
    entry: 'iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction',
    found: 'iam:PassRole + lambda:CreateFunction + lambda:CreateEventSourceMapping',
    service: ['lambda:CreateFunction', 'lambda:CreateEventSourceMapping'],
  },
  {
    entry: 'iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction',
    found: 'iam:PassRole + lambda:CreateFunction + lambda:AddPermission',
    service: ['lambda:CreateFunction', 'lambda:AddPermission'],
  },
  {
    entry: 'iam:PassRole + ec2:RunInstances',
    found: 'iam:PassRole + ec2:RequestSpotInstances',
    service: ['ec2:RequestSpotInstances'],
  },
  {
    entry: 'iam:PassRole + glue:CreateDevEndpoint',
    found: 'iam:PassRole + glue:CreateDevEndpoint',
    service: ['glue:CreateDevEndpoint'],
  },
  {
    entry: 'iam:PassRole + glue:CreateJob + glue:StartJobRun',
    found: 'iam:PassRole + glue:UpdateJob + glue:CreateTrigger',
    service: ['glue:UpdateJob', 'glue:CreateTrigger'],
  },
  {
    entry: 'iam:PassRole + cloudformation:CreateStack',
    found: 'iam:PassRole + cloudformation:CreateStack',
    service: ['cloudformation:CreateStack'],
  },
  {
    entry:
      'iam:PassRole + datapipeline:CreatePipeline + datapipeline:PutPipelineDefinition + datapipeline:ActivatePipeline',
    found:
      'iam:PassRole + datapipeline:CreatePipeline + datapipeline:PutPipelineDefinition + datapipeline:ActivatePipeline',
    service: [
      'datapipeline:CreatePipeline',
      'datapipeline:PutPipelineDefinition',
      'datapipeline:ActivatePipeline',
    ],
  },
  {
    entry: 'iam:PassRole + sagemaker:CreateNotebookInstance',
    found: 'iam:PassRole + sagemaker:CreateTrainingJob',
    service: ['sagemaker:CreateTrainingJob'],
  },
  {
    entry: 'iam:PassRole + ecs:RunTask',
    found: 'iam:PassRole + ecs:RunTask',
    service: ['ecs:RunTask'],
  },
  {
    entry: 'iam:PassRole + ecs:RegisterTaskDefinition + ecs:CreateService',
    found: 'iam:PassRole + ecs:RegisterTaskDefinition + ecs:CreateService',
    service: ['ecs:RegisterTaskDefinition', 'ecs:CreateService'],
  },
  {
    entry: 'iam:PassRole + codebuild:CreateProject + codebuild:StartBuild',
    found: 'iam:PassRole + codebuild:CreateProject + codebuild:StartBuildBatch',
    service: ['codebuild:CreateProject', 'codebuild:StartBuildBatch'],
  },
];

// Updates that take over a resource already running under its own role: no PassRole.
const UPDATES: { entry: string; service: string[]; resource?: string }[] = [
  { entry: 'lambda:UpdateFunctionCode', service: ['lambda:UpdateFunctionCode'] },
  { entry: 'glue:UpdateDevEndpoint', service: ['glue:UpdateDevEndpoint'] },
  { entry: 'cloudformation:UpdateStack', service: ['cloudformation:UpdateStack'] },
  {
    entry: 'cloudformation:CreateChangeSet + cloudformation:ExecuteChangeSet',
    service: ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'],
  },
  {
    entry: 'kinesisanalytics:UpdateApplication on another application',
    service: ['kinesisanalytics:UpdateApplication'],
    resource: applicationArn('billing-aggregator'),
  },
];

describe('Function: findEscalations', () => {
  it.each(PATHS)(
    'returns $found, naming the statement of each part',
    ({ entry, found, service, resource }) => {
      // Prepare
      const statements = [allow('iam:PassRole', ADMIN_ROLE), allow(service, resource ?? '*')];

      // Act
      const result = search(...statements);

      // Assess
      expect(result).toEqual({
        found: [
          {
            escalation: catalogEntry(entry),
            name: found,
            parts: [[grant('iam:PassRole', 1)], ...service.map((action) => [grant(action, 2)])],
            conditional: false,
          },
        ],
        cancelled: [],
      });
    },
  );

  it.each(UPDATES)('returns $entry without any iam:PassRole', ({ entry, service, resource }) => {
    // Prepare
    const statements = [allow(service, resource ?? '*')];

    // Act
    const result = search(...statements);

    // Assess
    expect(result).toEqual({
      found: [
        {
          escalation: catalogEntry(entry),
          name: entry,
          parts: service.map((action) => [grant(action, 1)]),
          conditional: false,
        },
      ],
      cancelled: [],
    });
  });

  it('returns nothing when iam:PassRole reaches only the execution role and its own application', () => {
    // Prepare
    const statements = [
      allow('iam:PassRole', SUBJECT.roleArn),
      allow(['lambda:CreateFunction', 'lambda:InvokeFunction', 'ec2:RunInstances']),
      allow('kinesisanalytics:UpdateApplication', SUBJECT.applicationArn),
    ];

    // Act
    const result = search(...statements);

    // Assess
    expect(result).toEqual({ found: [], cancelled: [] });
  });

  it('returns nothing when iam:PassRole names only roles of another account', () => {
    // Prepare
    const statements = [
      allow('iam:PassRole', roleArn('admin', OTHER_ACCOUNT_ID)),
      allow(['ec2:RunInstances']),
    ];

    // Act
    const result = search(...statements);

    // Assess
    expect(result).toEqual({ found: [], cancelled: [] });
  });

  it('returns the path when a role pattern matches the execution role and others', () => {
    // Prepare
    const statements = [allow('iam:PassRole', 'arn:aws:iam::*:role/orders-*'), allow('ec2:RunInstances')];

    // Act
    const result = search(...statements);

    // Assess
    expect(result).toEqual({
      found: [
        {
          escalation: catalogEntry('iam:PassRole + ec2:RunInstances'),
          name: 'iam:PassRole + ec2:RunInstances',
          parts: [[grant('iam:PassRole', 1)], [grant('ec2:RunInstances', 2)]],
          conditional: false,
        },
      ],
      cancelled: [],
    });
  });

  it('returns the path as cancelled when a Deny covers every role of the account', () => {
    // Prepare
    const statements = [
      allow('iam:PassRole'),
      allow('ec2:RunInstances'),
      { Effect: 'Deny', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/*' },
    ];

    // Act
    const result = search(...statements);

    // Assess
    expect(result).toEqual({
      found: [],
      cancelled: [
        'iam:PassRole on * from inline policy "access" statement #1: statement #3 of inline policy "access" denies it',
        'iam:PassRole + ec2:RunInstances (iam:PassRole from inline policy "access" statement #1: ' +
          'statement #3 of inline policy "access" denies it)',
      ],
    });
  });

  it('returns the unconditional grant of a part when another statement grants it under a Condition', () => {
    // Prepare
    const condition = { Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } };
    const statements = [
      allow('iam:PassRole', ADMIN_ROLE, condition),
      allow('iam:PassRole', roleArn('batch')),
      allow('ec2:RunInstances', '*', condition),
    ];

    // Act
    const result = search(...statements);

    // Assess
    expect(result).toEqual({
      found: [
        {
          escalation: catalogEntry('iam:PassRole + ec2:RunInstances'),
          name: 'iam:PassRole + ec2:RunInstances',
          parts: [[grant('iam:PassRole', 2)], [grant('ec2:RunInstances', 3, true)]],
          conditional: true,
        },
      ],
      cancelled: [],
    });
  });
});

describe('Function: escalationGrants', () => {
  it('returns one grant per statement, then the paths spread over several statements', () => {
    // Prepare
    const found = search(
      allow(['iam:PassRole', 'ec2:RunInstances', 'iam:PutRolePolicy'], ADMIN_ROLE),
      allow(['lambda:CreateFunction', 'lambda:InvokeFunction']),
    );

    // Act
    const grants = escalationGrants(found);

    // Assess
    expect(grants).toEqual({
      grants: [
        {
          where: 'inline policy "access" statement #1',
          what: ['iam:Put*Policy', 'iam:PassRole + ec2:RunInstances'],
          conditional: false,
        },
        {
          where:
            'inline policy "access" statement #1 (iam:PassRole) together with ' +
            'inline policy "access" statement #2 (lambda:CreateFunction, lambda:InvokeFunction)',
          what: ['iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction'],
          conditional: false,
        },
      ],
      cancelled: [],
    });
  });
});
