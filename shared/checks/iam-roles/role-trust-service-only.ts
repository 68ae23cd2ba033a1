import type { Principals, Statement } from '../../policy/document.js';
import type { Check } from '../types.js';
import {
  assumeRoleStatements,
  FLINK_SERVICE_PRINCIPAL,
  GUARDED_TRUST_POLICY_CLOUDFORMATION,
  judgeTrustPolicy,
  trustsFlinkService,
} from './trust-policy.js';

export const roleTrustServiceOnly: Check = {
  metadata: {
    id: 'role-trust-service-only',
    title: 'Only Managed Service for Apache Flink can assume the execution role',
    bestPractice: 'iam-roles',
    severity: 'high',
    description:
      "Reads the trust policy of the application's service execution role: every Allow statement that " +
      'lets a principal assume the role (sts:AssumeRole, AssumeRoleWithWebIdentity, AssumeRoleWithSAML, ' +
      `sts:* or *) may name only the service principal ${FLINK_SERVICE_PRINCIPAL}.`,
    logic:
      'FAIL: such a statement names "*", any AWS principal (another account, this account\'s root, a user or ' +
      'a role), a Federated principal or another service, or uses NotPrincipal; FAIL also when no statement ' +
      `lets ${FLINK_SERVICE_PRINCIPAL} call sts:AssumeRole (the application cannot assume the role). ` +
      'Conditions do not excuse an extra principal. PASS: only the Flink service can assume the role. ' +
      'ERROR: the role or its trust policy could not be read, or the role belongs to another account. ' +
      'NOT_APPLICABLE: the application has no execution role or the role does not exist (see role-exists).',
    risk:
      'Anyone the trust policy names gets every permission of the application (its streams, buckets and ' +
      'keys) by assuming the role, without touching the application at all.',
    remediation: {
      console:
        'Open the IAM console, choose Roles, the execution role, then Trust relationships > Edit trust policy: ' +
        `keep a single statement allowing sts:AssumeRole to the service ${FLINK_SERVICE_PRINCIPAL} ` +
        '(with aws:SourceAccount and aws:SourceArn conditions) and remove every other principal.',
      cli: 'aws iam update-assume-role-policy --role-name <role-name> --policy-document file://trust-policy.json',
      cloudformation: [...GUARDED_TRUST_POLICY_CLOUDFORMATION].join('\n'),
      references: [
        'https://docs.aws.amazon.com/managed-flink/latest/java/iam-role.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-trust-policy.html',
      ],
    },
  },
  evaluate(context) {
    return judgeTrustPolicy(context, (role, document) => {
      const statements = assumeRoleStatements(document);
      const extra = statements.flatMap(({ statement, label }) => {
        const others = otherPrincipals(statement);
        return others.length > 0 ? [`${label} also trusts ${others.join(', ')}`] : [];
      });
      const trusted = statements.some(({ statement }) => trustsFlinkService(statement));
      if (!trusted)
        extra.push(`no statement lets ${FLINK_SERVICE_PRINCIPAL} assume it, so the application cannot`);
      const subject = `The trust policy of role ${role.RoleName} (execution role of ${context.application.ApplicationName})`;
      if (extra.length > 0) {
        return {
          status: 'FAIL',
          resourceArn: role.Arn,
          detail: `${subject} is too broad: ${extra.join('; ')}.`,
        };
      }
      return {
        status: 'PASS',
        resourceArn: role.Arn,
        detail: `${subject} lets only ${FLINK_SERVICE_PRINCIPAL} assume it.`,
      };
    });
  },
};

/** Every principal of an Allow statement other than the Flink service, described for a finding. */
function otherPrincipals(statement: Statement): string[] {
  const others: string[] = [];
  if (statement.notPrincipals) {
    others.push(`every principal except ${describe(statement.notPrincipals).join(', ')} (NotPrincipal)`);
  }
  const principals = statement.principals ?? {};
  const strangers: Principals = {};
  for (const [type, values] of Object.entries(principals)) {
    const foreign = values.filter(
      (value) => type !== 'Service' || value.toLowerCase() !== FLINK_SERVICE_PRINCIPAL,
    );
    if (foreign.length > 0) strangers[type] = foreign;
  }
  return [...others, ...describe(strangers)];
}

function describe(principals: Principals): string[] {
  return Object.entries(principals).flatMap(([type, values]) =>
    values.map((value) => {
      if (value === '*') return 'anyone ("*")';
      if (type === 'AWS') return `AWS principal ${value}`;
      if (type === 'Service') return `service ${value}`;
      if (type === 'Federated') return `federated principal ${value}`;
      return `${type} principal ${value}`;
    }),
  );
}
