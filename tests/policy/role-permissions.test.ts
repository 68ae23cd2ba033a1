import { describe, expect, it } from 'vitest';
import { ALL_ACTIONS, accessRequest } from '../../shared/policy/access.js';
import { parsePolicyDocument } from '../../shared/policy/document.js';
import { grantStanding, policyLabel, rolePermissions } from '../../shared/policy/role-permissions.js';
import { AccountIndex } from '../../shared/snapshot/account-index.js';
import {
  accountSnapshot,
  allow,
  deny,
  managedPolicy,
  policyArn,
  policyDocument,
  role,
} from '../support/snapshot-builder.js';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const BOUNDARY = policyArn('streaming-boundary');

describe('Function: rolePermissions', () => {
  it('returns the inline and attached policies and the parsed permissions boundary', () => {
    // Prepare
    const executionRole = role({
      inline: { access: policyDocument(allow('kinesis:GetRecords')) },
      boundary: BOUNDARY,
    });
    const index = new AccountIndex(
      accountSnapshot({
        roles: [executionRole],
        policies: [managedPolicy(BOUNDARY, policyDocument(allow('kinesis:*')))],
      }),
    );

    // Act
    const permissions = rolePermissions(index, executionRole);

    // Assess
    expect(permissions).toEqual({
      role: executionRole,
      policies: [
        {
          name: 'access',
          source: 'inline',
          document: parsePolicyDocument(policyDocument(allow('kinesis:GetRecords'))),
        },
      ],
      boundary: { arn: BOUNDARY, document: parsePolicyDocument(policyDocument(allow('kinesis:*'))) },
    });
  });

  it('returns the boundary with the reason it is unknown when its document is not in the snapshot', () => {
    // Prepare
    const executionRole = role({ boundary: BOUNDARY });
    const index = new AccountIndex(accountSnapshot({ roles: [executionRole] }));

    // Act
    const permissions = rolePermissions(index, executionRole);

    // Assess
    expect(permissions).toEqual({
      role: executionRole,
      policies: [],
      boundary: { arn: BOUNDARY, problem: 'its document is not in the snapshot' },
    });
  });

  it('returns the known document of AdministratorAccess when the snapshot lacks it', () => {
    // Prepare
    const executionRole = role({ attached: [ADMIN] });
    const index = new AccountIndex(accountSnapshot({ roles: [executionRole] }));

    // Act
    const permissions = rolePermissions(index, executionRole);

    // Assess
    expect(permissions.policies).toEqual([
      {
        name: 'AdministratorAccess',
        source: 'managed',
        arn: ADMIN,
        document: {
          version: '2012-10-17',
          statements: [{ effect: 'Allow', actions: ['*'], resources: ['*'] }],
        },
      },
    ]);
  });
});

describe('Function: grantStanding', () => {
  const broad = parsePolicyDocument(policyDocument(allow('kinesis:*'))).statements[0]!;

  it('returns in force when nothing denies or caps the grant', () => {
    // Prepare
    const executionRole = role({ inline: { broad: policyDocument(allow('kinesis:*')) } });
    const permissions = rolePermissions(
      new AccountIndex(accountSnapshot({ roles: [executionRole] })),
      executionRole,
    );

    // Act
    const standing = grantStanding(permissions, broad, accessRequest('kinesis:*', '*'));

    // Assess
    expect(standing).toEqual({ inForce: true, conditional: false });
  });

  it('returns cancelled when an unconditional Deny in another policy covers the grant', () => {
    // Prepare
    const executionRole = role({
      inline: {
        broad: policyDocument(allow('kinesis:*')),
        guard: policyDocument(deny('*', '*', { Sid: 'NoThing' })),
      },
    });
    const permissions = rolePermissions(
      new AccountIndex(accountSnapshot({ roles: [executionRole] })),
      executionRole,
    );

    // Act
    const standing = grantStanding(permissions, broad, accessRequest('kinesis:*', '*'));

    // Assess
    expect(standing).toEqual({
      inForce: false,
      conditional: false,
      cancelledBy: 'statement "NoThing" of inline policy "guard" denies it',
    });
  });

  it('returns cancelled when the permissions boundary does not allow the grant', () => {
    // Prepare
    const executionRole = role({ inline: { broad: policyDocument(allow('kinesis:*')) }, boundary: BOUNDARY });
    const index = new AccountIndex(
      accountSnapshot({
        roles: [executionRole],
        policies: [managedPolicy(BOUNDARY, policyDocument(allow('kinesis:Get*')))],
      }),
    );

    // Act
    const standing = grantStanding(
      rolePermissions(index, executionRole),
      broad,
      accessRequest('kinesis:*', '*'),
    );

    // Assess
    expect(standing).toEqual({
      inForce: false,
      conditional: false,
      cancelledBy: `permissions boundary ${BOUNDARY} caps it (it does not allow it)`,
    });
  });

  it('returns conditional when the boundary only allows the grant under a condition', () => {
    // Prepare
    const executionRole = role({ boundary: BOUNDARY });
    const boundaryDocument = policyDocument(
      allow('*', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }),
    );
    const index = new AccountIndex(
      accountSnapshot({ roles: [executionRole], policies: [managedPolicy(BOUNDARY, boundaryDocument)] }),
    );

    // Act
    const standing = grantStanding(
      rolePermissions(index, executionRole),
      broad,
      accessRequest(ALL_ACTIONS, '*'),
    );

    // Assess
    expect(standing).toEqual({ inForce: true, conditional: true });
  });
});

describe('Function: policyLabel', () => {
  it('names inline, customer-managed and AWS-managed policies', () => {
    // Act
    const labels = [
      policyLabel({ name: 'access', source: 'inline' }),
      policyLabel({ name: 'broad', source: 'managed', arn: policyArn('broad') }),
      policyLabel({ name: 'AdministratorAccess', source: 'managed', arn: ADMIN }),
    ];

    // Assess
    expect(labels).toEqual([
      'inline policy "access"',
      'managed policy "broad"',
      'AWS-managed policy "AdministratorAccess"',
    ]);
  });
});
