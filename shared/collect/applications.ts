import {
  type ApplicationSummary,
  DescribeApplicationCommand,
  ListApplicationsCommand,
  type ListApplicationsCommandOutput,
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
  // Without applications to read first, each page's applications are described as the page
  // arrives: a region of thousands lists for seconds, and its dependency reads (a Firehose quota
  // of 5 per second) start with its first described application.
  const describing: Promise<void>[] = [];
  const described = new Map<ApplicationSummary, ApplicationDetail | undefined>();
  const describe = (summary: ApplicationSummary) =>
    describing.push(
      describeApplication(context, region, summary).then((application) => {
        described.set(summary, application);
        if (application) onDescribed?.(application);
      }),
    );
  const listed = await callAwsPages(
    context,
    { operation: LIST_APPLICATIONS, region },
    (token) => client.send(new ListApplicationsCommand({ NextToken: token })),
    (page) => page.NextToken,
    first.size > 0 ? undefined : (page) => wantedOf(page, wanted).forEach(describe),
  );
  if (listed.status !== 'ok') {
    // The region's list is unknown: what was described from its first pages is left out with it.
    await Promise.all(describing);
    return [];
  }
  const summaries = listed.value.flatMap((page) => wantedOf(page, wanted));
  if (first.size > 0)
    readFirstOrder(summaries, (summary) => first.has(summary.ApplicationARN ?? '')).forEach(describe);
  await Promise.all(describing);
  // ListApplications order, whatever order the describes came back in.
  return summaries.flatMap((summary) => {
    const application = described.get(summary);
    return application ? [application] : [];
  });
}

function wantedOf(
  page: ListApplicationsCommandOutput,
  wanted: readonly string[] | undefined,
): ApplicationSummary[] {
  return (page.ApplicationSummaries ?? []).filter((summary) => isWanted(summary, wanted));
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
