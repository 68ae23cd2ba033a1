import { describe, expect, it } from 'vitest';
import { excessGrants } from '../../shared/permissions/excess.js';
import type { RequiredGrant } from '../../shared/permissions/requirements.js';
import { rolePermissions } from '../../shared/policy/role-permissions.js';
import { AccountIndex } from '../../shared/snapshot/account-index.js';
import { accountSnapshot, allow, deny, policyDocument, role } from '../support/snapshot-builder.js';

const STREAM = 'arn:aws:kinesis:eu-west-1:111122223333:stream/orders';
const WHERE = 'inline policy "access" statement #1';

function permissionsOf(...statements: Record<string, unknown>[]) {
  const executionRole = role({ inline: { access: policyDocument(...statements) } });
  return rolePermissions(new AccountIndex(accountSnapshot({ roles: [executionRole] })), executionRole);
}

const REQUIRED: RequiredGrant[] = [
  { action: 'kinesis:GetRecords', resource: STREAM, reason: 'source kinesis-stream orders' },
  { action: 'kinesis:ListShards', resource: STREAM, reason: 'source kinesis-stream orders' },
];

describe('Function: excessGrants', () => {
  it('returns nothing when the role grants exactly what is required', () => {
    // Prepare
    const permissions = permissionsOf(allow(['kinesis:GetRecords', 'kinesis:ListShards'], STREAM));

    // Act
    const excess = excessGrants(REQUIRED, permissions);

    // Assess
    expect(excess).toEqual([]);
  });

  it('returns a required action granted on a broader resource and an action nothing requires', () => {
    // Prepare
    const permissions = permissionsOf(allow(['kinesis:GetRecords', 'kinesis:PutRecord'], ['*', STREAM]));

    // Act
    const excess = excessGrants(REQUIRED, permissions);

    // Assess
    expect(excess).toEqual([
      { action: 'kinesis:GetRecords', resource: '*', where: WHERE, conditional: false },
      { action: 'kinesis:PutRecord', resource: '*', where: WHERE, conditional: false },
      { action: 'kinesis:PutRecord', resource: STREAM, where: WHERE, conditional: false },
    ]);
  });

  it('returns the expansion of a wildcard without what a Deny cancels, conditional grants marked', () => {
    // Prepare
    const condition = { Condition: { Bool: { 'aws:SecureTransport': 'true' } } };
    const permissions = permissionsOf(
      allow(['kinesis:GetRecords', 'kinesis:?utRecord*'], STREAM, condition),
      deny('kinesis:PutRecords', STREAM),
    );

    // Act
    const excess = excessGrants(REQUIRED, permissions);

    // Assess
    expect(excess).toEqual([
      { action: 'kinesis:PutRecord', resource: STREAM, where: WHERE, conditional: true },
    ]);
  });

  it('returns NotAction and NotResource grants as the catalog expands them', () => {
    // Prepare
    const permissions = permissionsOf({ Effect: 'Allow', NotAction: 'kinesis:*', NotResource: STREAM });

    // Act
    const excess = excessGrants(REQUIRED, permissions);

    // Assess
    expect(excess.length).toBeGreaterThan(1000);
    expect(excess.filter(({ action }) => action.startsWith('kinesis:'))).toEqual([]);
    expect(excess.find(({ action }) => action === 's3:GetObject')).toEqual({
      action: 's3:GetObject',
      resource: `all but ${STREAM}`,
      where: WHERE,
      conditional: false,
    });
  });

  it('returns literal actions the catalog does not know as written', () => {
    // Prepare
    const permissions = permissionsOf(allow('kinesis:GetRecordz', STREAM));

    // Act
    const excess = excessGrants(REQUIRED, permissions);

    // Assess
    expect(excess).toEqual([
      { action: 'kinesis:GetRecordz', resource: STREAM, where: WHERE, conditional: false },
    ]);
  });
});
