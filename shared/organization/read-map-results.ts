import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { z } from 'zod';
import { ScanFailedError } from '../errors.js';
import { schemaProblem } from '../json-document.js';
import {
  childExecutionSchema,
  manifestSchema,
  memberScanResultSchema,
  scanTargetSchema,
} from './map-result-schema.js';
import type { FailedMapItem, MemberScanResult, ScanTarget } from './types.js';

/** Every item's outcome, as the Distributed Map's ResultWriter recorded it. */
export interface MapResults {
  results: MemberScanResult[];
  failedItems: FailedMapItem[];
}

type ChildExecution = z.infer<typeof childExecutionSchema>;

const PENDING_CAUSE = 'The map run stopped before this item ran.';

/**
 * Reads the manifest.json the Map's ResultWriter wrote, then every result file it lists: SUCCEEDED
 * executions give their MemberScanResult (`{ result }`, as the item processor's ResultSelector
 * shapes it); FAILED and PENDING ones, and any output that is not a result, become failed items.
 * Throws ScanFailedError when the manifest or a result file cannot be read or is not what
 * Step Functions writes.
 */
export async function readMapResults(
  s3: S3Client,
  manifest: { Bucket: string; Key: string },
): Promise<MapResults> {
  const parsed = manifestSchema.safeParse(await readJson(s3, manifest.Bucket, manifest.Key));
  if (!parsed.success)
    throw new ScanFailedError(
      `s3://${manifest.Bucket}/${manifest.Key} is not a Distributed Map result manifest (${schemaProblem(parsed.error)}): aggregate the map run's own ResultWriterDetails, or run the organisation scan again.`,
      { cause: parsed.error },
    );
  const { DestinationBucket: bucket, ResultFiles: files } = parsed.data;
  const results: MemberScanResult[] = [];
  const failedItems: FailedMapItem[] = [];
  for (const file of files.SUCCEEDED ?? [])
    for (const execution of await readExecutions(s3, bucket, file.Key)) {
      const outcome = succeededOutcome(execution);
      if ('result' in outcome) results.push(outcome.result);
      else failedItems.push(outcome.failed);
    }
  for (const file of files.FAILED ?? [])
    for (const execution of await readExecutions(s3, bucket, file.Key))
      failedItems.push({
        target: targetOf(execution),
        error: execution.Error ?? `States.${execution.Status ?? 'Failed'}`,
        cause: execution.Cause ?? '',
      });
  for (const file of files.PENDING ?? [])
    for (const execution of await readExecutions(s3, bucket, file.Key))
      failedItems.push({ target: targetOf(execution), error: 'States.Pending', cause: PENDING_CAUSE });
  return { results, failedItems };
}

function succeededOutcome(
  execution: ChildExecution,
): { result: MemberScanResult } | { failed: FailedMapItem } {
  const output = parseText(execution.Output);
  // `{ result }` per the item processor's ResultSelector; a bare result is accepted too.
  const candidate =
    output !== null && typeof output === 'object' && 'result' in output ? output.result : output;
  const parsed = memberScanResultSchema.safeParse(candidate);
  if (parsed.success) return { result: parsed.data };
  return {
    failed: {
      target: targetOf(execution),
      error: 'MalformedResult',
      cause: `The item's output is not a scan result (${schemaProblem(parsed.error)}).`,
    },
  };
}

function targetOf(execution: ChildExecution): ScanTarget | null {
  const parsed = scanTargetSchema.safeParse(parseText(execution.Input));
  if (!parsed.success) return null;
  const { orgScanId, accountId, accountName, region } = parsed.data;
  return { orgScanId, accountId, ...(accountName ? { accountName } : {}), region };
}

async function readExecutions(s3: S3Client, bucket: string, key: string): Promise<ChildExecution[]> {
  const value = await readJson(s3, bucket, key);
  const executions = Array.isArray(value)
    ? value.map((entry) => childExecutionSchema.safeParse(entry))
    : undefined;
  if (!executions || executions.some((entry) => !entry.success))
    throw new ScanFailedError(
      `s3://${bucket}/${key} is not a Distributed Map result file (a JSON array of child executions): check that the Map's ResultWriter has no WriterConfig (OutputType JSON, Transformation NONE), then run the organisation scan again.`,
    );
  return executions.flatMap((entry) => (entry.success ? [entry.data] : []));
}

async function readJson(s3: S3Client, bucket: string, key: string): Promise<unknown> {
  let text: string;
  try {
    const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    text = (await response.Body?.transformToString('utf-8')) ?? '';
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new ScanFailedError(
      `Could not read the map results s3://${bucket}/${key} (${reason}): grant the aggregation function s3:GetObject on the report bucket (and kms:Decrypt on its key).`,
      { cause: error },
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ScanFailedError(
      `s3://${bucket}/${key} is not JSON: the map results were not written by Step Functions' ResultWriter; run the organisation scan again.`,
      { cause: error },
    );
  }
}

function parseText(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
