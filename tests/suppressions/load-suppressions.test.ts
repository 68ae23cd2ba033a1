import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SuppressionFileError, SuppressionReadError } from '../../shared/errors.js';
import { loadSuppressions } from '../../shared/suppressions/load-suppressions.js';
import { suppressionFile } from './support/suppression-builders.js';

const VALID = suppressionFile(
  '  - id: legacy',
  '    check: cloudtrail-region-logging',
  '    justification: "Owned by the platform team, see SEC-123."',
  '    expires: 2027-02-01',
);
const LEGACY_RULE = {
  ruleId: 'legacy',
  match: { check: 'cloudtrail-region-logging' },
  justification: 'Owned by the platform team, see SEC-123.',
  expires: '2027-02-01',
  line: 3,
};

/** What `act` rejects with, or undefined when it resolves (the test then fails). */
async function rejection(act: () => Promise<unknown>): Promise<unknown> {
  try {
    await act();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** A GetObject answer whose body reads as `text` (only transformToString is used). */
function objectWith(text: string) {
  return { Body: { transformToString: async () => text } } as never;
}

function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $metadata: {} });
}

describe('Function: loadSuppressions', () => {
  describe('from a local file', () => {
    let directory: string;

    beforeEach(async () => {
      directory = await mkdtemp(join(tmpdir(), 'kda-auditor-suppressions-'));
    });

    afterEach(async () => {
      await rm(directory, { recursive: true, force: true });
    });

    it('returns the rules, with the path as their source', async () => {
      // Prepare
      const path = join(directory, 'suppressions.yaml');
      await writeFile(path, VALID);

      // Act
      const set = await loadSuppressions({ kind: 'file', path });

      // Assess
      expect(set).toEqual({ source: path, rules: [{ ...LEGACY_RULE, source: path }] });
    });

    it('throws a SuppressionReadError that names the path when the file does not exist', async () => {
      // Prepare
      const path = join(directory, 'missing.yaml');

      // Act
      const error = await rejection(() => loadSuppressions({ kind: 'file', path }));

      // Assess
      expect(error).toBeInstanceOf(SuppressionReadError);
      expect(error).toMatchObject({
        message: `Could not read the suppression file ${path} (ENOENT: no such file or directory, open '${path}'); check the path given to --suppressions.`,
        cause: expect.objectContaining({ code: 'ENOENT' }),
      });
    });

    it('throws a SuppressionFileError naming the path and line of a malformed file', async () => {
      // Prepare
      const path = join(directory, 'suppressions.yaml');
      await writeFile(path, 'version: 1\nsuppressions:\n  - check: a\n');

      // Act
      const error = await rejection(() => loadSuppressions({ kind: 'file', path }));

      // Assess
      expect(error).toBeInstanceOf(SuppressionFileError);
      expect(error).toMatchObject({
        problems: [
          `${path}:3: justification: missing; say why the finding is accepted and who owns the decision`,
          `${path}:3: expires: missing; add the day the rule stops applying, as YYYY-MM-DD`,
        ],
      });
    });
  });

  describe('from S3', () => {
    const s3Mock = mockClient(S3Client);
    const location = {
      kind: 's3',
      s3: new S3Client({ region: 'eu-west-1' }),
      bucket: 'audit-reports',
      key: 'kda-auditor/suppressions.yaml',
    } as const;
    const source = 's3://audit-reports/kda-auditor/suppressions.yaml';

    beforeEach(() => {
      s3Mock.reset();
    });

    it('returns the rules, with the object URI as their source', async () => {
      // Prepare
      s3Mock.on(GetObjectCommand).resolves(objectWith(VALID));

      // Act
      const set = await loadSuppressions(location);

      // Assess
      expect(set).toEqual({ source, rules: [{ ...LEGACY_RULE, source }] });
      expect(s3Mock).toReceiveCommandWith(GetObjectCommand, {
        Bucket: 'audit-reports',
        Key: 'kda-auditor/suppressions.yaml',
      });
    });

    it('returns undefined when there is no such object', async () => {
      // Prepare
      s3Mock.on(GetObjectCommand).rejects(awsError('NoSuchKey', 'The specified key does not exist.'));

      // Act
      const set = await loadSuppressions(location);

      // Assess
      expect(set).toBeUndefined();
    });

    it('throws a SuppressionReadError with the permissions to grant when access is denied', async () => {
      // Prepare
      const denied = awsError('AccessDenied', 'Access Denied');
      s3Mock.on(GetObjectCommand).rejects(denied);

      // Act
      const error = await rejection(() => loadSuppressions(location));

      // Assess
      expect(error).toBeInstanceOf(SuppressionReadError);
      expect(error).toMatchObject({
        message: `Could not read the suppression file ${source} (AccessDenied: Access Denied); allow s3:GetObject on arn:aws:s3:::audit-reports/kda-auditor/suppressions.yaml (and s3:ListBucket on the bucket, so that a missing file reads as "no suppressions") and kms:Decrypt on the bucket's KMS key to the auditor's role.`,
        cause: denied,
      });
    });

    it('throws a SuppressionReadError, never "no suppressions", on any other S3 failure', async () => {
      // Prepare
      const missingBucket = awsError('NoSuchBucket', 'The specified bucket does not exist');
      s3Mock.on(GetObjectCommand).rejects(missingBucket);

      // Act
      const error = await rejection(() => loadSuppressions(location));

      // Assess
      expect(error).toBeInstanceOf(SuppressionReadError);
      expect(error).toMatchObject({
        message: `Could not read the suppression file ${source} (NoSuchBucket: The specified bucket does not exist); check that the bucket exists in this account and region, then scan again.`,
        cause: missingBucket,
      });
    });

    it('throws a SuppressionFileError naming the object and line of a malformed file', async () => {
      // Prepare
      s3Mock.on(GetObjectCommand).resolves(objectWith('version: 1\nsuppressions:\n  - colour: red\n'));

      // Act
      const error = await rejection(() => loadSuppressions(location));

      // Assess
      expect(error).toBeInstanceOf(SuppressionFileError);
      expect(error).toMatchObject({
        problems: [
          `${source}:3: unknown key "colour" in a rule (expected id, account, region, application, check, resource, justification, expires)`,
          `${source}:3: the rule would mute every finding; give at least one of account, region, application, check, resource narrower than "*"`,
          `${source}:3: justification: missing; say why the finding is accepted and who owns the decision`,
          `${source}:3: expires: missing; add the day the rule stops applying, as YYYY-MM-DD`,
        ],
      });
    });

    it('throws a SuppressionFileError for an empty object, never "no suppressions"', async () => {
      // Prepare
      s3Mock.on(GetObjectCommand).resolves(objectWith(''));

      // Act
      const error = await rejection(() => loadSuppressions(location));

      // Assess
      expect(error).toBeInstanceOf(SuppressionFileError);
      expect(error).toMatchObject({
        problems: [`${source}:1: the file is empty; start it with "version: 1" and a "suppressions:" list`],
      });
    });
  });
});
