import type { PreviousReport } from '../../shared/changes/previous-report.js';
import { InvalidRequestError } from '../../shared/errors.js';
import type { ScanRequest } from '../../shared/request/scan-request.js';

/**
 * What a continuation scans when it names nothing: what the account's latest.json lists as not
 * reached. Regions whose applications were not listed come first, whole (an application filter
 * cannot name applications nobody listed); the applications not reached are the next
 * continuation's then. latest.json is read (`readLatest`) only when the payload names nothing.
 * Throws InvalidRequestError when latest.json has nothing to continue.
 */
export async function continuationRequest(
  request: ScanRequest,
  readLatest: () => Promise<PreviousReport>,
): Promise<ScanRequest> {
  if (request.applications || request.regions) return { ...request, continuation: true };
  const latest = await readLatest();
  if (latest.status !== 'found') {
    const why = latest.status === 'none' ? 'there is none yet' : latest.reason;
    throw new InvalidRequestError([
      `continuation: nothing to continue, ${latest.location} cannot be read (${why}); run a full scan`,
    ]);
  }
  const missed = latest.report.notReached;
  if (!missed || (missed.regions.length === 0 && missed.applications.length === 0)) {
    throw new InvalidRequestError([
      `continuation: nothing to continue, scan ${latest.report.scanId} (${latest.location}) reached every application`,
    ]);
  }
  if (missed.regions.length > 0) return { ...request, regions: missed.regions, continuation: true };
  return {
    ...request,
    regions: [...new Set(missed.applications.map((application) => application.region))].sort(),
    applications: missed.applications.map((application) => application.applicationArn),
    continuation: true,
  };
}
