import { applicationGraph, graphRequirements } from '../../evaluate/application-graph.js';
import type { DependencyGraph } from '../../graph/types.js';
import { type ExcessGrant, excessGrants } from '../../permissions/excess.js';
import { resourceMatches } from '../../policy/wildcard.js';
import { DESCRIBE_APPLICATION, LIST_APPLICATIONS } from '../../snapshot/application-listing.js';
import type { Check, CheckContext } from '../types.js';
import { describeGrant, type FoundGrant, grantVerdict, judgeExecutionRole } from './role-grants.js';

// Beyond this many grants of one service in one statement, a finding names a few and counts the rest.
const LISTED_PER_SERVICE = 4;

export const roleExcessGrants: Check = {
  metadata: {
    id: 'role-excess-grants',
    title: 'The execution role grants nothing beyond what the application needs',
    bestPractice: 'least-privilege',
    severity: 'medium',
    description:
      "Compares what the application's service execution role grants with what its dependencies need " +
      '(docs/required-permissions.md): its code and artifacts, source and sink streams, delivery streams, ' +
      'log streams, the keys that encrypt them, its VPC and its Glue catalog; a role shared by several ' +
      'applications of the snapshot (same account and role name, with or without its path) may grant what any of them needs. Wildcards and NotAction are ' +
      'expanded through the generated action catalog; each action is judged on each resource it is granted on.',
    logic:
      'FAIL: an Allow statement grants, in force, an action on a resource that no requirement of the ' +
      'same action covers (a needed action on a broader resource counts, e.g. kinesis:GetRecords on "*"); ' +
      'a grant under a Condition counts, marked "(conditional)". A grant does not count when an ' +
      'unconditional Deny of the role or the permissions boundary (if collected) cancels it. Action patterns ' +
      'of services outside the catalog cannot be enumerated and are not judged. ERROR: nothing beyond the ' +
      'requirements in the readable policies but a policy document could not be read; or every grant beyond them ' +
      "may be needed by what could not be read (any grant when an application using the role or a region's " +
      'application list is unread; grants on an unread resource, and KMS grants, when a dependency is unread: ' +
      'those are never reported as FAIL); or the role could not be read or belongs to another account. NOT_APPLICABLE: the application has no execution role or the ' +
      'role does not exist (see role-exists). PASS: otherwise.',
    risk:
      'Every permission the application does not use is one an attacker who runs code in the job can use: ' +
      'to read data of other teams, write to their streams or change their resources.',
    remediation: {
      console:
        'Open the IAM console, choose Roles, the execution role, then Permissions: replace its policies with ' +
        'the suggested policy of the report (suggestedPolicy, or policies/<application>.json with --out), ' +
        'after checking it against what the application does.',
      cli: [
        'aws iam put-role-policy --role-name <role-name> --policy-name least-privilege --policy-document file://policies/<application>.json',
        'aws iam delete-role-policy --role-name <role-name> --policy-name <broad-policy-name>',
      ].join('\n'),
      cloudformation: [
        'Resources:',
        '  SourceStreamReads:',
        '    Type: AWS::IAM::RolePolicy',
        '    Properties:',
        '      RoleName: !Ref ExecutionRole',
        '      PolicyName: source-stream-reads',
        '      PolicyDocument:',
        "        Version: '2012-10-17'",
        '        Statement:',
        '          - Effect: Allow',
        '            Action: [kinesis:DescribeStream, kinesis:GetRecords, kinesis:GetShardIterator, kinesis:ListShards]',
        '            Resource: !GetAtt SourceStream.Arn',
      ].join('\n'),
      references: [
        'https://docs.aws.amazon.com/managed-flink/latest/java/iam-role.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      ],
    },
  },
  evaluate(context) {
    return judgeExecutionRole(context, (permissions) => {
      const graphs = roleUserGraphs(context);
      const required = graphs.flatMap((graph) => graphRequirements(context.index, graph));
      const gaps = requirementGaps(context, graphs);
      // Requirements only grow with what is read: a grant an unread resource may need is not
      // proven excess (a PASS stays proven). What no gap can explain still FAILs.
      const excess = excessGrants(required, permissions);
      const proven = excess.filter((grant) => !gaps.mayNeed(grant));
      const verdict = grantVerdict(
        context,
        permissions,
        { grants: groupByStatement(proven), cancelled: [] },
        { found: 'more than its dependencies need', none: 'nothing beyond what its dependencies need' },
      );
      if (proven.length > 0 || excess.length === 0) return verdict;
      const unproven = groupByStatement(excess).map(describeGrant).join('; ');
      return {
        status: 'ERROR',
        resourceArn: verdict.resourceArn,
        detail:
          `Role ${permissions.role.RoleName} (execution role of ${context.application.ApplicationName}) grants ` +
          `beyond the requirements read: ${unproven}; what could not be read may need it ` +
          `(${gaps.reads.join(', ')}); ` +
          'scan again once those reads succeed.',
      };
    });
  },
};

/** The graphs of every application of the snapshot that runs as this application's role: a shared role needs it all. */
function roleUserGraphs(context: CheckContext): DependencyGraph[] {
  const role = context.application.ServiceExecutionRole;
  const others = (role === undefined ? [] : context.index.applicationsUsingRole(role))
    .filter(({ application }) => application.ApplicationARN !== context.application.ApplicationARN)
    .map((entry) => applicationGraph(context.index, entry));
  return [context.graph, ...others];
}

/** Reads whose failure may hide a requirement, and whether a grant may be one. */
function requirementGaps(
  context: CheckContext,
  graphs: readonly DependencyGraph[],
): { reads: string[]; mayNeed: (grant: ExcessGrant) => boolean } {
  const unreadNodes = new Set<string>();
  const unreadApplications = new Set<string>();
  for (const graph of graphs) {
    for (const node of graph.nodes) if (node.state === 'unreadable') unreadNodes.add(node.arn);
    for (const error of context.index.unreadable(graph.applicationArn, [DESCRIBE_APPLICATION]))
      unreadApplications.add(`${error.operation} failed with ${error.code} on ${graph.applicationArn}`);
  }
  // An application that was never listed may share the role.
  for (const error of context.index.unreadableOperation(LIST_APPLICATIONS))
    unreadApplications.add(
      `${error.operation} failed with ${error.code}${error.region ? ` in ${error.region}` : ''}`,
    );
  const nodes = [...unreadNodes];
  return {
    reads: [...unreadApplications, ...nodes].sort(),
    // An unread application may need anything; an unread resource, grants on it and on the key
    // that may encrypt it.
    mayNeed: (grant) =>
      unreadApplications.size > 0 ||
      (nodes.length > 0 && grant.action.startsWith('kms:')) ||
      nodes.some((arn) => resourceMatches(grant.resource, arn)),
  };
}

/** The excess grants of each statement, a few per service named and the rest counted. */
function groupByStatement(excess: readonly ExcessGrant[]): FoundGrant[] {
  const byStatement = new Map<string, ExcessGrant[]>();
  for (const grant of excess) {
    const group = byStatement.get(grant.where);
    if (group) group.push(grant);
    else byStatement.set(grant.where, [grant]);
  }
  return [...byStatement].map(([where, grants]) => {
    const byService = new Map<string, string[]>();
    for (const { action, resource } of grants) {
      const service = action.slice(0, action.indexOf(':'));
      const listed = byService.get(service);
      if (listed) listed.push(`${action} on ${resource}`);
      else byService.set(service, [`${action} on ${resource}`]);
    }
    const what = [...byService].map(([service, listed]) => {
      if (listed.length <= LISTED_PER_SERVICE) return listed.join(', ');
      const rest = listed.length - LISTED_PER_SERVICE;
      return `${listed.slice(0, LISTED_PER_SERVICE).join(', ')} and ${rest} more ${service} grant${rest === 1 ? '' : 's'}`;
    });
    return { where, what, conditional: grants.some((grant) => grant.conditional) };
  });
}
