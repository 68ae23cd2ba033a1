import {
  type ApplicationSummary,
  DescribeApplicationCommand,
  ListApplicationsCommand,
} from '@aws-sdk/client-kinesis-analytics-v2';
import { LIST_APPLICATIONS } from '../snapshot/application-listing.js';
import type { ApplicationDetail } from '../snapshot/types.js';
import { callAws, callAwsPages, type ScanContext } from './collection-context.js';
import { readFirstOrder } from './read-first.js';
import { snapshotShape } from './snapshot-shape.js';

/**
 * The Managed Service for Apache Flink applications of a region (ListApplications, then
 * DescribeApplication for each), restricted to `wanted` names or ARNs when given. An application
 * that cannot be described is kept as its list summary: it exists, and its collection error makes
 * every check on it ERROR instead of letting it vanish from the report. The applications in
 * `first` (ARNs: those a time-limited scan did not reach last time) are described first; the list
 * returned keeps ListApplications order. `onDescribed` hears of each application as soon as it is
 * described, so later reads need not wait for the whole region.
 */
export async function collectApplications(
  context: ScanContext,
  region: string,
  wanted?: readonly string[],
  first: ReadonlySet<string> = new Set(),
  onDescribed?: (application: ApplicationDetail) => void,
): Promise<ApplicationDetail[]> {
  const client = context.clients.kinesisAnalytics(region);
  const listed = await callAwsPages(
    context,
    { operation: LIST_APPLICATIONS, region },
    (token) => client.send(new ListApplicationsCommand({ NextToken: token })),
    (page) => page.NextToken,
  );
  if (listed.status !== 'ok') return [];
  const summaries = listed.value
    .flatMap((page) => page.ApplicationSummaries ?? [])
    .filter((summary) => isWanted(summary, wanted));
  const order = readFirstOrder(
    summaries.map((summary, position) => ({ summary, position })),
    ({ summary }) => first.has(summary.ApplicationARN ?? ''),
  );
  const described: (ApplicationDetail | undefined)[] = new Array(summaries.length);
  await Promise.all(
    order.map(async ({ summary, position }) => {
      const application = await describeApplication(context, region, summary);
      described[position] = application;
      if (application) onDescribed?.(application);
    }),
  );
  return described.filter((application) => application !== undefined);
}

async function describeApplication(
  context: ScanContext,
  region: string,
  summary: ApplicationSummary,
): Promise<ApplicationDetail | undefined> {
  if (!summary.ApplicationName || !summary.ApplicationARN) return undefined;
  const outcome = await callAws(
    context,
    {
      operation: 'kinesisanalytics:DescribeApplication',
      region,
      resource: summary.ApplicationARN,
      absentOn: ['ResourceNotFoundException'],
    },
    () =>
      context.clients
        .kinesisAnalytics(region)
        .send(new DescribeApplicationCommand({ ApplicationName: summary.ApplicationName })),
  );
  // Deleted between the list and the describe: it no longer exists.
  if (outcome.status === 'absent') return undefined;
  const detail = outcome.status === 'ok' ? outcome.value.ApplicationDetail : undefined;
  // The identity comes from the summary, checked above: a detail that lacks it (an emulator's)
  // must not produce an application the snapshot format rejects.
  const identity = { ApplicationName: summary.ApplicationName, ApplicationARN: summary.ApplicationARN };
  return snapshotShape({ ...(detail ?? summary), ...identity }) as ApplicationDetail;
}

function isWanted(summary: ApplicationSummary, wanted: readonly string[] | undefined): boolean {
  if (!wanted) return true;
  return wanted.some((name) => name === summary.ApplicationName || name === summary.ApplicationARN);
}
