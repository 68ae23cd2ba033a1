import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ScanFailedError } from '../../shared/errors.js';
import { readMapResults } from '../../shared/organization/read-map-results.js';
import {
  childExecution,
  DEV_ACCOUNT,
  failedResult,
  scanItem,
  scannedResult,
  scanTarget,
} from '../support/organization-fixtures.js';

const s3Mock = mockClient(S3Client);
const BUCKET = 'audit-reports';
const RUN = 'kda/organization/runs/20261129T020000Z-0a1b2c3d/6dbfba93';
const MANIFEST = { Bucket: BUCKET, Key: `${RUN}/manifest.json` };
const DEV_TARGET = scanTarget({ accountId: DEV_ACCOUNT, accountName: 'dev' });

/** A GetObject body as the SDK returns it, reduced to what the reader uses. */
function body(text: string) {
  return { Body: { transformToString: async () => text } } as never;
}

function serve(objects: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(objects))
    s3Mock
      .on(GetObjectCommand, { Bucket: BUCKET, Key: key })
      .resolves(body(typeof value === 'string' ? value : JSON.stringify(value)));
}

function manifest(files: { SUCCEEDED?: string[]; FAILED?: string[]; PENDING?: string[] }) {
  const listed = (keys: string[] = []) => keys.map((key) => ({ Key: key, Size: 100 }));
  return {
    DestinationBucket: BUCKET,
    MapRunArn: 'arn:aws:states:eu-west-1:111111111111:mapRun:org-scan/ScanTargets:6dbfba93',
    ResultFiles: {
      FAILED: listed(files.FAILED),
      PENDING: listed(files.PENDING),
      SUCCEEDED: listed(files.SUCCEEDED),
    },
  };
}

describe('Function: readMapResults', () => {
  beforeEach(() => {
    s3Mock.reset();
  });

  it('returns the results of SUCCEEDED executions and the failed items of FAILED and PENDING ones', async () => {
    // Prepare
    const scanned = scannedResult();
    const failed = failedResult();
    serve({
      [MANIFEST.Key]: manifest({
        SUCCEEDED: [`${RUN}/SUCCEEDED_0.json`, `${RUN}/SUCCEEDED_1.json`],
        FAILED: [`${RUN}/FAILED_0.json`],
        PENDING: [`${RUN}/PENDING_0.json`],
      }),
      [`${RUN}/SUCCEEDED_0.json`]: [childExecution('SUCCEEDED', scanItem(), { output: { result: scanned } })],
      [`${RUN}/SUCCEEDED_1.json`]: [
        childExecution('SUCCEEDED', scanItem(DEV_TARGET), { output: { result: failed } }),
      ],
      [`${RUN}/FAILED_0.json`]: [
        childExecution('FAILED', scanItem(DEV_TARGET), { error: 'Lambda.Unknown', cause: 'Task timed out' }),
        childExecution('TIMED_OUT', 'not an item'),
      ],
      [`${RUN}/PENDING_0.json`]: [childExecution('PENDING', scanItem(scanTarget({ region: 'us-east-1' })))],
    });

    // Act
    const read = await readMapResults(new S3Client({ region: 'eu-west-1' }), MANIFEST);

    // Assess
    expect(read).toEqual({
      results: [scanned, failed],
      failedItems: [
        { target: DEV_TARGET, error: 'Lambda.Unknown', cause: 'Task timed out' },
        { target: null, error: 'States.TIMED_OUT', cause: '' },
        {
          target: scanTarget({ region: 'us-east-1' }),
          error: 'States.Pending',
          cause: 'The map run stopped before this item ran.',
        },
      ],
    });
  });

  it('returns a bare result output as a result too, with its count of applications not reached', async () => {
    // Prepare
    const scanned = scannedResult({ complete: false, notReached: 2 });
    serve({
      [MANIFEST.Key]: manifest({ SUCCEEDED: [`${RUN}/SUCCEEDED_0.json`] }),
      [`${RUN}/SUCCEEDED_0.json`]: [childExecution('SUCCEEDED', scanItem(), { output: scanned })],
    });

    // Act
    const read = await readMapResults(new S3Client({ region: 'eu-west-1' }), MANIFEST);

    // Assess
    expect(read).toEqual({ results: [scanned], failedItems: [] });
  });

  it('returns an output that is not a scan result as a failed item of its target', async () => {
    // Prepare
    serve({
      [MANIFEST.Key]: manifest({ SUCCEEDED: [`${RUN}/SUCCEEDED_0.json`] }),
      [`${RUN}/SUCCEEDED_0.json`]: [
        childExecution('SUCCEEDED', scanItem(), {
          output: { result: { status: 'scanned', accountId: '1' } },
        }),
      ],
    });

    // Act
    const read = await readMapResults(new S3Client({ region: 'eu-west-1' }), MANIFEST);

    // Assess
    expect(read).toEqual({
      results: [],
      failedItems: [
        {
          target: scanTarget(),
          error: 'MalformedResult',
          cause:
            "The item's output is not a scan result (accountId: Invalid string: must match pattern /^\\d{12}$/).",
        },
      ],
    });
  });

  it('reads result files from the bucket the manifest names', async () => {
    // Prepare
    s3Mock.on(GetObjectCommand, { Bucket: BUCKET, Key: MANIFEST.Key }).resolves(
      body(
        JSON.stringify({
          ...manifest({ SUCCEEDED: [`${RUN}/SUCCEEDED_0.json`] }),
          DestinationBucket: 'other',
        }),
      ),
    );
    s3Mock.on(GetObjectCommand, { Bucket: 'other', Key: `${RUN}/SUCCEEDED_0.json` }).resolves(body('[]'));

    // Act
    const read = await readMapResults(new S3Client({ region: 'eu-west-1' }), MANIFEST);

    // Assess
    expect(read).toEqual({ results: [], failedItems: [] });
    expect(s3Mock).toReceiveCommandWith(GetObjectCommand, {
      Bucket: 'other',
      Key: `${RUN}/SUCCEEDED_0.json`,
    });
  });

  it.each([
    {
      name: 'the manifest is not JSON',
      objects: { [MANIFEST.Key]: 'not json' },
      message: `s3://${BUCKET}/${MANIFEST.Key} is not JSON: the map results were not written by Step Functions' ResultWriter; run the organisation scan again.`,
    },
    {
      name: 'the manifest has no ResultFiles',
      objects: { [MANIFEST.Key]: { DestinationBucket: BUCKET } },
      message: `s3://${BUCKET}/${MANIFEST.Key} is not a Distributed Map result manifest (ResultFiles: Invalid input: expected object, received undefined): aggregate the map run's own ResultWriterDetails, or run the organisation scan again.`,
    },
    {
      name: 'a result file is not an array of executions',
      objects: {
        [MANIFEST.Key]: manifest({ SUCCEEDED: [`${RUN}/SUCCEEDED_0.json`] }),
        [`${RUN}/SUCCEEDED_0.json`]: { ExecutionArn: 'x' },
      },
      message: `s3://${BUCKET}/${RUN}/SUCCEEDED_0.json is not a Distributed Map result file (a JSON array of child executions): check that the Map's ResultWriter has no WriterConfig (OutputType JSON, Transformation NONE), then run the organisation scan again.`,
    },
  ])('throws ScanFailedError saying what to do when $name', async ({ objects, message }) => {
    // Prepare
    serve(objects);

    // Act
    const reading = readMapResults(new S3Client({ region: 'eu-west-1' }), MANIFEST);

    // Assess
    await expect(reading).rejects.toThrow(new ScanFailedError(message));
  });

  it('throws ScanFailedError naming the permission when the manifest cannot be read', async () => {
    // Prepare
    s3Mock.on(GetObjectCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));

    // Act
    const reading = readMapResults(new S3Client({ region: 'eu-west-1' }), MANIFEST);

    // Assess
    await expect(reading).rejects.toThrow(
      new ScanFailedError(
        `Could not read the map results s3://${BUCKET}/${MANIFEST.Key} (AccessDenied: Access Denied): grant the aggregation function s3:GetObject on the report bucket (and kms:Decrypt on its key).`,
      ),
    );
  });
});
