/**
 * Where a part must be granted to count: on every resource; on every IAM role of the account
 * (Resource `*` or `role/*`); on any resource at all; on an IAM role of the account other than the
 * execution role (passing only itself escalates nothing); on a Flink application of the account other
 * than the audited one (updating itself changes no role).
 */
export type EscalationScope =
  | 'every-resource'
  | 'every-role'
  | 'any-resource'
  | 'another-role'
  | 'another-application';

/** One permission a path needs: any one of its actions, granted within its scope. */
export interface EscalationPart {
  actions: readonly string[];
  scope: EscalationScope;
}

/** One way an identity turns its grants into more privileges: every part must be in force. */
export interface PrivilegeEscalation {
  /**
   * How findings name a one-part escalation (`iam:Put*Policy`); a path of several parts is named in
   * findings by the actions that fill it (`iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction`).
   */
  name: string;
  parts: readonly EscalationPart[];
  /** One clause on how it escalates; findings write it after the name. */
  how: string;
  /** Where the escalation is published. */
  reference: string;
}

const RHINO = 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/';
const PATHFINDING = 'https://github.com/DataDog/pathfinding.cloud';
const CLOUDSPLAINING = 'https://github.com/salesforce/cloudsplaining';

// PassRole counts only towards a role other than the execution role: handing a new compute resource
// the role the application already has gives it nothing more.
const PASS_ANOTHER_ROLE: EscalationPart = { actions: ['iam:PassRole'], scope: 'another-role' };

function anyOf(...actions: string[]): EscalationPart {
  return { actions, scope: 'any-resource' };
}

/**
 * The catalog of privilege escalations (Rhino Security Labs' list, as PMapper, Cloudsplaining,
 * Prowler and pathfinding.cloud use it). IAM writes escalate on whatever resource they name (the
 * role itself is enough); PassRole on `*` and AssumeRole on `*` reach any stronger role on their
 * own; the combinations pass another role to a compute service that runs code the role's holder
 * chooses, and the updates take over a resource that already runs under a stronger role.
 */
export const PRIVILEGE_ESCALATIONS: readonly PrivilegeEscalation[] = [
  {
    name: 'iam:PassRole on *',
    parts: [{ actions: ['iam:PassRole'], scope: 'every-role' }],
    how: 'hands any role of the account, however privileged, to a compute service it controls',
    reference: RHINO,
  },
  {
    name: 'iam:Put*Policy',
    parts: [anyOf('iam:PutUserPolicy', 'iam:PutGroupPolicy', 'iam:PutRolePolicy')],
    how: 'writes an inline policy granting itself (or a user, group or role it uses) any permission',
    reference: RHINO,
  },
  {
    name: 'iam:Attach*Policy',
    parts: [anyOf('iam:AttachUserPolicy', 'iam:AttachGroupPolicy', 'iam:AttachRolePolicy')],
    how: 'attaches a managed policy such as AdministratorAccess to itself or another identity',
    reference: RHINO,
  },
  {
    name: 'iam:CreatePolicyVersion',
    parts: [anyOf('iam:CreatePolicyVersion')],
    how: 'rewrites a managed policy (possibly its own) and makes the broader version the default',
    reference: RHINO,
  },
  {
    name: 'iam:SetDefaultPolicyVersion',
    parts: [anyOf('iam:SetDefaultPolicyVersion')],
    how: 'switches a managed policy back to an older, broader version',
    reference: RHINO,
  },
  {
    name: 'iam:UpdateAssumeRolePolicy',
    parts: [anyOf('iam:UpdateAssumeRolePolicy')],
    how: 'rewrites the trust policy of a more privileged role so that it (or anyone) can assume it',
    reference: RHINO,
  },
  {
    name: 'iam:CreateAccessKey',
    parts: [anyOf('iam:CreateAccessKey')],
    how: 'creates long-term access keys for another IAM user and acts as that user',
    reference: RHINO,
  },
  {
    name: 'sts:AssumeRole on *',
    parts: [{ actions: ['sts:AssumeRole'], scope: 'every-resource' }],
    how: 'assumes any role whose trust policy trusts this account',
    reference: RHINO,
  },
  {
    name: 'iam:PassRole + kinesisanalytics:CreateApplication + kinesisanalytics:StartApplication',
    parts: [
      PASS_ANOTHER_ROLE,
      anyOf('kinesisanalytics:CreateApplication'),
      anyOf('kinesisanalytics:StartApplication'),
    ],
    how: 'creates and starts a Flink application whose code runs under another, stronger service execution role',
    reference: PATHFINDING,
  },
  {
    name: 'iam:PassRole + kinesisanalytics:UpdateApplication',
    parts: [PASS_ANOTHER_ROLE, anyOf('kinesisanalytics:UpdateApplication')],
    how: 'gives an application (its own included) another, stronger service execution role and new code',
    reference: PATHFINDING,
  },
  {
    name: 'kinesisanalytics:UpdateApplication on another application',
    parts: [{ actions: ['kinesisanalytics:UpdateApplication'], scope: 'another-application' }],
    how: "replaces the code of another Flink application, which then runs under that application's role",
    reference: PATHFINDING,
  },
  {
    name: 'iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction',
    parts: [
      PASS_ANOTHER_ROLE,
      anyOf('lambda:CreateFunction'),
      anyOf('lambda:InvokeFunction', 'lambda:CreateEventSourceMapping', 'lambda:AddPermission'),
    ],
    how: 'creates a Lambda function under another, stronger role and has it run (invoked, triggered by an event source, or opened to a caller it controls)',
    reference: RHINO,
  },
  {
    name: 'lambda:UpdateFunctionCode',
    parts: [anyOf('lambda:UpdateFunctionCode')],
    how: 'replaces the code of an existing Lambda function, which keeps its (possibly stronger) role (no PassRole needed)',
    reference: RHINO,
  },
  {
    name: 'iam:PassRole + ec2:RunInstances',
    parts: [PASS_ANOTHER_ROLE, anyOf('ec2:RunInstances', 'ec2:RequestSpotInstances')],
    how: 'launches an EC2 instance with another, stronger role and reads its credentials from the instance',
    reference: RHINO,
  },
  {
    name: 'iam:PassRole + glue:CreateDevEndpoint',
    parts: [PASS_ANOTHER_ROLE, anyOf('glue:CreateDevEndpoint')],
    how: 'creates a Glue development endpoint under another, stronger role and logs in to it',
    reference: RHINO,
  },
  {
    name: 'glue:UpdateDevEndpoint',
    parts: [anyOf('glue:UpdateDevEndpoint')],
    how: "adds its own SSH key to an existing Glue development endpoint and uses that endpoint's role (no PassRole needed)",
    reference: RHINO,
  },
  {
    name: 'iam:PassRole + glue:CreateJob + glue:StartJobRun',
    parts: [
      PASS_ANOTHER_ROLE,
      anyOf('glue:CreateJob', 'glue:UpdateJob'),
      anyOf('glue:StartJobRun', 'glue:CreateTrigger'),
    ],
    how: 'creates (or rewrites) a Glue job under another, stronger role and runs it',
    reference: PATHFINDING,
  },
  {
    name: 'iam:PassRole + cloudformation:CreateStack',
    parts: [PASS_ANOTHER_ROLE, anyOf('cloudformation:CreateStack')],
    how: 'creates a CloudFormation stack whose service role, another and stronger one, creates what the template says',
    reference: RHINO,
  },
  {
    name: 'cloudformation:UpdateStack',
    parts: [anyOf('cloudformation:UpdateStack')],
    how: 'rewrites the template of an existing stack, which its (possibly stronger) service role then applies (no PassRole needed)',
    reference: PATHFINDING,
  },
  {
    name: 'cloudformation:CreateChangeSet + cloudformation:ExecuteChangeSet',
    parts: [anyOf('cloudformation:CreateChangeSet'), anyOf('cloudformation:ExecuteChangeSet')],
    how: 'changes an existing stack through a change set, applied by its (possibly stronger) service role (no PassRole needed)',
    reference: PATHFINDING,
  },
  {
    name: 'iam:PassRole + datapipeline:CreatePipeline + datapipeline:PutPipelineDefinition + datapipeline:ActivatePipeline',
    parts: [
      PASS_ANOTHER_ROLE,
      anyOf('datapipeline:CreatePipeline'),
      anyOf('datapipeline:PutPipelineDefinition'),
      anyOf('datapipeline:ActivatePipeline'),
    ],
    how: 'defines and activates a data pipeline that runs commands under another, stronger role',
    reference: RHINO,
  },
  {
    name: 'iam:PassRole + sagemaker:CreateNotebookInstance',
    parts: [
      PASS_ANOTHER_ROLE,
      anyOf(
        'sagemaker:CreateNotebookInstance',
        'sagemaker:CreateTrainingJob',
        'sagemaker:CreateProcessingJob',
      ),
    ],
    how: 'starts a SageMaker notebook instance, training job or processing job that runs its code under another, stronger role',
    reference: PATHFINDING,
  },
  {
    name: 'iam:PassRole + ecs:RunTask',
    parts: [PASS_ANOTHER_ROLE, anyOf('ecs:RunTask', 'ecs:StartTask')],
    how: 'runs an ECS task with its task role and command overridden: its code runs under another, stronger role',
    reference: PATHFINDING,
  },
  {
    name: 'iam:PassRole + ecs:RegisterTaskDefinition + ecs:CreateService',
    parts: [PASS_ANOTHER_ROLE, anyOf('ecs:RegisterTaskDefinition'), anyOf('ecs:CreateService')],
    how: 'registers a task definition with another, stronger task role and runs it as an ECS service',
    reference: PATHFINDING,
  },
  {
    name: 'iam:PassRole + codebuild:CreateProject + codebuild:StartBuild',
    parts: [
      PASS_ANOTHER_ROLE,
      anyOf('codebuild:CreateProject'),
      anyOf('codebuild:StartBuild', 'codebuild:StartBuildBatch'),
    ],
    how: 'creates a CodeBuild project under another, stronger service role and runs a build of its own buildspec',
    reference: CLOUDSPLAINING,
  },
];
