import { resourceMatches } from '../../shared/policy/wildcard.js';
import type { SandboxState } from '../state.js';
import { AwsServiceError, type QueryService } from '../types.js';
import { guard } from './lookups.js';
import { booleanParam, indexedList, indexedRecords } from './query-wire.js';

/** The DNS suffix of a partition's endpoints; aws and the aws-iso* partitions aside. */
const ENDPOINT_SUFFIXES: Readonly<Record<string, string>> = {
  'aws-cn': 'amazonaws.com.cn',
  'aws-eusc': 'amazonaws.eu',
};

/** The regions every account of a partition has enabled (opt-in-not-required). */
const STANDARD_REGIONS: Readonly<Record<string, readonly string[]>> = {
  aws: [
    'ap-northeast-1',
    'ap-northeast-2',
    'ap-northeast-3',
    'ap-south-1',
    'ap-southeast-1',
    'ap-southeast-2',
    'ca-central-1',
    'eu-central-1',
    'eu-north-1',
    'eu-west-1',
    'eu-west-2',
    'eu-west-3',
    'sa-east-1',
    'us-east-1',
    'us-east-2',
    'us-west-1',
    'us-west-2',
  ],
  'aws-cn': ['cn-north-1', 'cn-northwest-1'],
  'aws-us-gov': ['us-gov-east-1', 'us-gov-west-1'],
  'aws-eusc': ['eusc-de-east-1'],
};

/** Regions an account must opt in to; listed as not-opted-in unless the snapshot holds them. */
const OPT_IN_REGIONS: Readonly<Record<string, readonly string[]>> = {
  aws: [
    'af-south-1',
    'ap-east-1',
    'ap-south-2',
    'ap-southeast-3',
    'ap-southeast-4',
    'ap-southeast-5',
    'ap-southeast-7',
    'ca-west-1',
    'eu-central-2',
    'eu-south-1',
    'eu-south-2',
    'il-central-1',
    'me-central-1',
    'me-south-1',
    'mx-central-1',
  ],
};

const FILTERS = {
  endpoint: 'regionEndpoint',
  'opt-in-status': 'optInStatus',
  'region-name': 'regionName',
} as const;

type RegionInfo = { regionName: string; regionEndpoint: string; optInStatus: string };

/**
 * EC2, for DescribeRegions only: the partition's standard regions plus every region of the
 * snapshot (opted in), so a scan of "all regions" finds every region the snapshot holds.
 */
export const ec2Service: QueryService = {
  signingName: 'ec2',
  flavour: 'ec2',
  xmlNamespace: 'http://ec2.amazonaws.com/doc/2016-11-15/',
  operations: {
    DescribeRegions(params, context) {
      guard(context, 'ec2:DescribeRegions', undefined);
      if (booleanParam(params, 'DryRun')) {
        throw new AwsServiceError(
          'DryRunOperation',
          'Request would have succeeded, but DryRun flag is set.',
          412,
        );
      }
      const known = accountRegions(context.state);
      let regions = booleanParam(params, 'AllRegions')
        ? known
        : known.filter((region) => region.optInStatus !== 'not-opted-in');
      const names = indexedList(params, 'RegionName');
      const unknown = names.filter((name) => !known.some((region) => region.regionName === name));
      if (unknown.length > 0) {
        throw new AwsServiceError('InvalidParameterValue', `Invalid region names: ${unknown.join(', ')}`);
      }
      if (names.length > 0) regions = regions.filter((region) => names.includes(region.regionName));
      for (const filter of indexedRecords(params, 'Filter')) {
        const name = filter.Name ?? '';
        if (!(name in FILTERS)) {
          throw new AwsServiceError('InvalidParameterValue', `The filter '${name}' is invalid`);
        }
        const field = FILTERS[name as keyof typeof FILTERS];
        const values = Object.entries(filter)
          .filter(([key]) => key.startsWith('Value.'))
          .map(([, value]) => value);
        regions = regions.filter((region) => values.some((value) => resourceMatches(value, region[field])));
      }
      return { regionInfo: regions };
    },
  },
};

/** Every region EC2 knows for the account, with its opt-in status, by name. */
function accountRegions(state: SandboxState): RegionInfo[] {
  const standard = STANDARD_REGIONS[state.partition] ?? [];
  const snapshotRegions = state.index.regions();
  const statuses = new Map<string, string>();
  for (const region of OPT_IN_REGIONS[state.partition] ?? []) statuses.set(region, 'not-opted-in');
  for (const region of snapshotRegions) statuses.set(region, 'opted-in');
  for (const region of standard) statuses.set(region, 'opt-in-not-required');
  const suffix = ENDPOINT_SUFFIXES[state.partition] ?? 'amazonaws.com';
  return [...statuses.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([regionName, optInStatus]) => ({
      regionName,
      regionEndpoint: `ec2.${regionName}.${suffix}`,
      optInStatus,
    }));
}
