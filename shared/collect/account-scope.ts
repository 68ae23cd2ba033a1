import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { parseArn } from '../arn.js';
import { ScanFailedError } from '../errors.js';
import { type CallContext, callAws, errorCode } from './collection-context.js';

/** Whose account the credentials reach, as STS reports it. */
export interface AccountIdentity {
  accountId: string;
  partition: string;
}

// Regions a caller can use; `not-opted-in` ones reject every call.
const ENABLED_OPT_IN_STATUSES = ['opt-in-not-required', 'opted-in'];

/**
 * The account id and partition of the caller (STS GetCallerIdentity). The one fatal read: without
 * an account id nothing can be judged, so a failure throws ScanFailedError.
 */
export async function accountIdentity(context: CallContext): Promise<AccountIdentity> {
  const region = context.homeRegion;
  try {
    const identity = await context.governor.run('sts:GetCallerIdentity', region, () =>
      context.clients.sts(region).send(new GetCallerIdentityCommand({})),
    );
    if (!identity.Account) throw new Error('GetCallerIdentity returned no account id');
    return { accountId: identity.Account, partition: parseArn(identity.Arn ?? '')?.partition ?? 'aws' };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScanFailedError(
      `Could not identify the AWS account (sts:GetCallerIdentity in ${region} failed with ` +
        `${errorCode(error)}: ${reason}). Check that AWS credentials are configured and valid, ` +
        'and that the region is enabled, then scan again.',
      { cause: error },
    );
  }
}

/**
 * Every region enabled for the account (EC2 DescribeRegions). When that read fails, the failure
 * is recorded and only the home region is scanned, so the report still says what was missed.
 */
export async function enabledRegions(context: CallContext): Promise<string[]> {
  const region = context.homeRegion;
  const outcome = await callAws(context, { operation: 'ec2:DescribeRegions', region }, () =>
    context.clients.ec2(region).send(new DescribeRegionsCommand({})),
  );
  if (outcome.status !== 'ok') {
    context.progress(`Could not list the enabled regions; scanning ${region} only.`);
    return [region];
  }
  return (outcome.value.Regions ?? [])
    .filter((entry) => !entry.OptInStatus || ENABLED_OPT_IN_STATUSES.includes(entry.OptInStatus))
    .flatMap((entry) => (entry.RegionName ? [entry.RegionName] : []))
    .sort();
}
