import { describe, expect, it } from 'vitest';
import {
  ALL_ACTIONS,
  accessRequest,
  documentAllows,
  patternSetCovers,
  statementCovers,
  statementLabel,
} from '../../shared/policy/access.js';
import { parsePolicyDocument, type Statement } from '../../shared/policy/document.js';
import { allow, deny, policyDocument } from '../support/snapshot-builder.js';

const STREAM = 'arn:aws:kinesis:eu-west-1:111122223333:stream/orders';

function statement(json: Record<string, unknown>): Statement {
  return parsePolicyDocument(policyDocument(json)).statements[0]!;
}

describe('Function: documentAllows', () => {
  it('returns an allowed decision naming the statement that allows the action on the resource', () => {
    // Prepare
    const document = parsePolicyDocument(policyDocument(allow('kinesis:Get*', STREAM, { Sid: 'Read' })));

    // Act
    const decision = documentAllows(document, accessRequest('kinesis:GetRecords', STREAM));

    // Assess
    expect(decision).toEqual({
      allowed: true,
      conditional: false,
      allowedBy: [{ statement: document.statements[0], index: 0, label: 'statement "Read"' }],
      deniedBy: [],
    });
  });

  it('returns a denied decision when an unconditional Deny covers the same action and resource', () => {
    // Prepare
    const document = parsePolicyDocument(policyDocument(allow('kinesis:*'), deny('kinesis:GetRecords', '*')));

    // Act
    const decision = documentAllows(document, accessRequest('kinesis:GetRecords', STREAM));

    // Assess
    expect(decision).toEqual({
      allowed: false,
      conditional: false,
      allowedBy: [{ statement: document.statements[0], index: 0, label: 'statement #1' }],
      deniedBy: [{ statement: document.statements[1], index: 1, label: 'statement #2' }],
    });
  });

  it('returns an allowed decision when the Deny only applies under a condition', () => {
    // Prepare
    const conditionalDeny = deny('kinesis:*', '*', {
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    const document = parsePolicyDocument(
      policyDocument(allow('kinesis:GetRecords', STREAM), conditionalDeny),
    );

    // Act
    const decision = documentAllows(document, accessRequest('kinesis:GetRecords', STREAM));

    // Assess
    expect(decision).toEqual({
      allowed: true,
      conditional: false,
      allowedBy: [{ statement: document.statements[0], index: 0, label: 'statement #1' }],
      deniedBy: [],
    });
  });

  it('returns a conditional decision when every allowing statement has a condition', () => {
    // Prepare
    const document = parsePolicyDocument(
      policyDocument(
        allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:ResourceAccount': '1' } } }),
      ),
    );

    // Act
    const decision = documentAllows(document, accessRequest('s3:GetObject', 'arn:aws:s3:::bucket/key'));

    // Assess
    expect(decision).toEqual({
      allowed: true,
      conditional: true,
      allowedBy: [{ statement: document.statements[0], index: 0, label: 'statement #1' }],
      deniedBy: [],
    });
  });

  it('returns a refusal when the action matches no Allow statement', () => {
    // Prepare
    const document = parsePolicyDocument(policyDocument(allow('kinesis:GetRecords', STREAM)));

    // Act
    const decision = documentAllows(document, accessRequest('kinesis:PutRecord', STREAM));

    // Assess
    expect(decision).toEqual({ allowed: false, conditional: false, allowedBy: [], deniedBy: [] });
  });

  it('returns a refusal when the resource differs only in letter case (resources are case-sensitive)', () => {
    // Prepare
    const document = parsePolicyDocument(policyDocument(allow('KINESIS:getrecords', STREAM)));

    // Act
    const sameCase = documentAllows(document, accessRequest('kinesis:GetRecords', STREAM));
    const otherCase = documentAllows(document, accessRequest('kinesis:GetRecords', STREAM.toUpperCase()));

    // Assess
    expect([sameCase.allowed, otherCase.allowed]).toEqual([true, false]);
  });
});

describe('Function: statementCovers', () => {
  it('treats NotAction as every action but those listed', () => {
    // Prepare
    const notIam = statement({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' });

    // Act
    const covers = [
      statementCovers(notIam, accessRequest('s3:GetObject', '*')),
      statementCovers(notIam, accessRequest('iam:PassRole', '*')),
      statementCovers(notIam, accessRequest('iam:Pass*', '*')),
    ];

    // Assess
    expect(covers).toEqual([true, false, false]);
  });

  it('treats NotResource as every resource but those listed', () => {
    // Prepare
    const notOrders = statement({ Effect: 'Allow', Action: 'kinesis:*', NotResource: STREAM });

    // Act
    const covers = [
      statementCovers(notOrders, accessRequest('kinesis:GetRecords', `${STREAM}-archive`)),
      statementCovers(notOrders, accessRequest('kinesis:GetRecords', STREAM)),
      statementCovers(notOrders, accessRequest('kinesis:GetRecords', '*')),
    ];

    // Assess
    expect(covers).toEqual([true, false, false]);
  });

  it('covers every action only with a pattern that matches every action', () => {
    // Prepare
    const star = statement(allow('*'));
    const kinesis = statement(allow('kinesis:*'));

    // Act
    const covers = [star, kinesis].map((s) => statementCovers(s, accessRequest(ALL_ACTIONS, '*')));

    // Assess
    expect(covers).toEqual([true, false]);
  });
});

describe('Function: patternSetCovers', () => {
  it('holds "all but I" inside "all but O" exactly when O is within I', () => {
    // Prepare
    const allButIam = { patterns: ['iam:*'], except: true };
    const allButPassRole = { patterns: ['iam:PassRole'], except: true };

    // Act
    const covers = [
      patternSetCovers(allButPassRole, allButIam, 'action'),
      patternSetCovers(allButIam, allButPassRole, 'action'),
    ];

    // Assess
    expect(covers).toEqual([true, false]);
  });
});

describe('Function: statementLabel', () => {
  it('names a statement by its Sid, or by its 1-based position', () => {
    // Act
    const labels = [
      statementLabel(statement(allow('s3:*', '*', { Sid: 'Broad' })), 0),
      statementLabel(statement(allow('s3:*')), 2),
    ];

    // Assess
    expect(labels).toEqual(['statement "Broad"', 'statement #3']);
  });
});
