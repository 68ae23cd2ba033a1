import { createHash } from 'node:crypto';

/** What identifies one finding across scans: where, which check, on what. */
export interface FindingIdentity {
  accountId: string;
  region: string;
  applicationArn: string;
  checkId: string;
  resourceArn: string;
}

/**
 * A finding's fingerprint: the same account, region, application, check and resource give the same
 * 32 hex digits in every scan, so a later scan can tell new findings from known ones and Security
 * Hub can update a finding instead of adding another.
 */
export function findingFingerprint(identity: FindingIdentity): string {
  const { accountId, region, applicationArn, checkId, resourceArn } = identity;
  return createHash('sha256')
    .update([accountId, region, applicationArn, checkId, resourceArn].join('\n'))
    .digest('hex')
    .slice(0, 32);
}
