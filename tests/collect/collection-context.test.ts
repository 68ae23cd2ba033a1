import { describe, expect, it } from 'vitest';
import { callAws, callAwsPages } from '../../shared/collect/collection-context.js';
import { awsError } from './support/fake-wire.js';
import { scanContext } from './support/scan-context.js';

describe('Function: callAws', () => {
  it('returns the value of a call that succeeds', async () => {
    // Act
    const outcome = await callAws(scanContext(), { operation: 'kms:DescribeKey' }, async () => 42);

    // Assess
    expect(outcome).toEqual({ status: 'ok', value: 42 });
  });

  it('returns absent, recording nothing, for an error that means "does not exist"', async () => {
    // Prepare
    const context = scanContext();

    // Act
    const outcome = await callAws(
      context,
      {
        operation: 'kinesis:DescribeStreamSummary',
        region: 'eu-west-1',
        absentOn: ['ResourceNotFoundException'],
      },
      async () => {
        throw awsError('ResourceNotFoundException');
      },
    );

    // Assess
    expect(outcome).toEqual({ status: 'absent', code: 'ResourceNotFoundException' });
    expect(context.errors).toEqual([]);
  });

  it('returns failed and records the error, naming a thrown non-Error UnknownError', async () => {
    // Prepare
    const context = scanContext();

    // Act
    const outcome = await callAws(
      context,
      { operation: 'iam:GetRole', resource: 'arn:aws:iam::1:role/r' },
      () => Promise.reject('socket hang up'),
    );

    // Assess
    expect(outcome).toEqual({ status: 'failed', code: 'UnknownError' });
    expect(context.errors).toEqual([
      {
        operation: 'iam:GetRole',
        resource: 'arn:aws:iam::1:role/r',
        code: 'UnknownError',
        message: 'socket hang up',
      },
    ]);
  });
});

describe('Function: callAwsPages', () => {
  it('returns every page until no token is left', async () => {
    // Prepare
    const pages: Record<string, { items: number[]; next?: string }> = {
      first: { items: [1], next: 'b' },
      b: { items: [2], next: 'c' },
      c: { items: [3] },
    };

    // Act
    const outcome = await callAwsPages(
      scanContext(),
      { operation: 'kms:ListAliases' },
      async (token) => pages[token ?? 'first']!,
      (page) => page.next,
    );

    // Assess
    expect(outcome).toEqual({ status: 'ok', value: [pages.first, pages.b, pages.c] });
  });

  it('fails, recording the error, when the endpoint repeats a token instead of ending the list', async () => {
    // Prepare
    const context = scanContext();

    // Act
    const outcome = await callAwsPages(
      context,
      { operation: 'kms:ListAliases', region: 'eu-west-1' },
      async () => ({ items: [1], next: 'again' }),
      (page) => page.next,
    );

    // Assess
    expect(outcome).toEqual({ status: 'failed', code: 'RepeatedPaginationToken' });
    expect(context.errors).toEqual([
      {
        operation: 'kms:ListAliases',
        region: 'eu-west-1',
        code: 'RepeatedPaginationToken',
        message: 'The endpoint returned the pagination token "again" twice; the list is incomplete.',
      },
    ]);
  });
});
