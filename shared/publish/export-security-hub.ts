import {
  type AwsSecurityFinding,
  BatchImportFindingsCommand,
  type SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { errorText, PublishError } from '../errors.js';
import { ASFF_LIMITS } from '../security-hub/asff-limits.js';

/** A finding Security Hub refused, as BatchImportFindings reported it. */
export interface SecurityHubFailedFinding {
  id: string;
  errorCode: string;
  errorMessage: string;
}

/** What an export did: findings imported, findings refused one by one, and requests made. */
export interface SecurityHubExportResult {
  imported: number;
  failed: SecurityHubFailedFinding[];
  batches: number;
}

/**
 * Imports findings into Security Hub with BatchImportFindings, at most 100 (and 6 MB) per request,
 * one request at a time: the quota is 10 requests per second and the SDK retries throttling.
 * Findings Security Hub refuses one by one are returned in `failed`; throws PublishError only when a
 * whole request fails (Security Hub not enabled in the region, permission missing).
 */
export async function exportToSecurityHub(
  client: SecurityHubClient,
  findings: AwsSecurityFinding[],
): Promise<SecurityHubExportResult> {
  const result: SecurityHubExportResult = { imported: 0, failed: [], batches: 0 };
  for (const batch of securityHubBatches(findings)) {
    try {
      const response = await client.send(new BatchImportFindingsCommand({ Findings: batch }));
      result.imported += response.SuccessCount ?? 0;
      result.failed.push(
        ...(response.FailedFindings ?? []).map((failure) => ({
          id: failure.Id ?? '',
          errorCode: failure.ErrorCode ?? '',
          errorMessage: failure.ErrorMessage ?? '',
        })),
      );
      result.batches += 1;
    } catch (error) {
      throw batchError(error, batch, result, findings.length);
    }
  }
  return result;
}

/** Splits findings into BatchImportFindings requests: at most 100 findings and 6 MB each, in order. */
export function securityHubBatches(findings: readonly AwsSecurityFinding[]): AwsSecurityFinding[][] {
  const batches: AwsSecurityFinding[][] = [];
  let current: AwsSecurityFinding[] = [];
  let bytes = 0;
  for (const finding of findings) {
    const size = Buffer.byteLength(JSON.stringify(finding));
    // The margin covers the request's own JSON around the findings.
    if (current.length === ASFF_LIMITS.findingsPerBatch || bytes + size > ASFF_LIMITS.bytesPerBatch - 1024) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(finding);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function batchError(
  error: unknown,
  batch: readonly AwsSecurityFinding[],
  done: SecurityHubExportResult,
  total: number,
): PublishError {
  const reason = errorText(error);
  const productArn =
    batch[0]?.ProductArn ?? 'arn:aws:securityhub:<region>:<account>:product/<account>/default';
  const region = productArn.split(':')[3] || '<region>';
  return new PublishError(
    `Could not import ${batch.length} findings into Security Hub (${reason}); ${done.imported} of ${total} ` +
      `were imported before. Enable Security Hub in ${region} (aws securityhub enable-security-hub --region ` +
      `${region}) and grant the auditor's role securityhub:BatchImportFindings on ${productArn}, or set the ` +
      'SecurityHubExport parameter to Disabled, then run the scan again.',
    { cause: error },
  );
}
