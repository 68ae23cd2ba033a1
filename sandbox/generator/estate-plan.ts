import { drawProblems, type PlantedProblemKind } from './planted-problems.js';
import { type SeededRandom, weightedPicker } from './random.js';
import { applicationsPerRegion, regionShare, uncoveredRegion } from './regions.js';

/** Teams that own applications; a synthetic account with T teams uses the first T. */
export const TEAMS = [
  'payments',
  'fraud',
  'clickstream',
  'inventory',
  'orders',
  'logistics',
  'pricing',
  'search',
  'ads',
  'telemetry',
  'iot',
  'billing',
  'identity',
  'risk',
  'catalog',
  'marketing',
  'recommendations',
  'support',
  'security',
  'growth',
  'shipping',
  'loyalty',
  'media',
  'fleet',
] as const;

/** What a streaming job does; the middle part of `<team>-<purpose>-<n>`. */
const PURPOSES = [
  'aggregator',
  'enricher',
  'router',
  'sessionizer',
  'scorer',
  'deduplicator',
  'joiner',
  'windower',
  'loader',
  'archiver',
  'detector',
  'forecaster',
  'normalizer',
  'alerter',
  'indexer',
  'compactor',
] as const;

const CURRENT_RUNTIMES = ['FLINK-1_20', 'FLINK-1_19', 'FLINK-1_18'] as const;
const pickCurrentRuntime = weightedPicker(CURRENT_RUNTIMES, [5, 3, 2]);
/** Runtimes whose support AWS has ended, for the `old-runtime` problem. */
const OLD_RUNTIMES = ['FLINK-1_13', 'FLINK-1_11', 'FLINK-1_8'] as const;

/** Share of applications with no planted problem at all. */
export const CLEAN_SHARE = 0.6;
/** Share of problem-free applications whose execution role is shared with one or two others. */
const SHARED_ROLE_SHARE = 0.15;
/** Share of applications that read a team's shared source stream rather than their own. */
const SHARED_SOURCE_SHARE = 0.3;
/** Applications reading one shared source stream, at most. */
const READERS_PER_SHARED_STREAM = 6;
/** Share of applications writing to a Firehose delivery stream rather than a Kinesis stream. */
const FIREHOSE_SINK_SHARE = 0.35;
/** Share of (team-keyed) streams encrypted with the AWS managed alias/aws/kinesis key instead. */
const AWS_MANAGED_KEY_SHARE = 0.25;

/** Which key encrypts an application's source stream. */
export type StreamKeyChoice = 'team' | 'aws-managed' | 'private' | 'none';

/** Everything decided about one application before any AWS shape is built. */
export interface PlannedApplication {
  name: string;
  team: string;
  purpose: string;
  region: string;
  runtime: string;
  problems: PlantedProblemKind[];
  roleName: string;
  source: { name: string; shared: boolean; key: StreamKeyChoice };
  sink: { kind: 'stream' | 'delivery-stream'; name: string; key: 'team' | 'aws-managed' };
  codeBucket: { name: string; private: boolean };
}

/** The whole estate, decided: regions and applications in snapshot order. */
export interface EstatePlan {
  regions: string[];
  uncoveredRegion?: string;
  applications: PlannedApplication[];
}

/** Decides the estate: where each application runs, who owns it, what it shares and what is wrong. */
export function planEstate(
  options: { applications: number; regions: readonly string[]; accountId: string },
  random: SeededRandom,
): EstatePlan {
  const regions = [...options.regions];
  const uncovered = uncoveredRegion(regions);
  const teams = TEAMS.slice(0, teamCount(options.applications));
  // A few large teams and a long tail, as in any company.
  const pickTeam = weightedPicker(
    teams,
    teams.map((_, position) => 1 / (1 + position) ** 0.7),
  );
  // Apps in the uncovered region all carry its problem, so the others carry fewer to keep ~60% clean.
  const uncoveredShare = uncovered ? regionShare(uncovered, regions) : 0;
  const problemRate = Math.min(1, Math.max(0, 1 - CLEAN_SHARE / (1 - uncoveredShare)));
  const counters = new Map<string, number>();
  const applications: PlannedApplication[] = [];
  for (const [region, count] of applicationsPerRegion(options.applications, regions)) {
    for (let i = 0; i < count; i++) {
      const team = pickTeam(random);
      const purpose = random.pick(PURPOSES);
      const base = `${team}-${purpose}`;
      const n = (counters.get(base) ?? 0) + 1;
      counters.set(base, n);
      const problems: PlantedProblemKind[] = region === uncovered ? ['no-trail-coverage'] : [];
      if (random.chance(problemRate)) problems.push(...drawProblems(random, region === uncovered ? 1 : 2));
      applications.push(planApplication(`${base}-${n}`, team, purpose, region, problems, options, random));
    }
  }
  shareRoles(applications, random);
  shareSourceStreams(applications, random);
  return { regions, ...(uncovered ? { uncoveredRegion: uncovered } : {}), applications };
}

/** Teams grow with the estate: 3 for a handful of applications, every team from about 1,000. */
function teamCount(applications: number): number {
  return Math.min(TEAMS.length, Math.max(1, Math.min(applications, 3 + Math.floor(applications / 50))));
}

function planApplication(
  name: string,
  team: string,
  purpose: string,
  region: string,
  problems: PlantedProblemKind[],
  options: { accountId: string },
  random: SeededRandom,
): PlannedApplication {
  const has = (kind: PlantedProblemKind) => problems.includes(kind);
  const runtime = has('old-runtime') ? random.pick(OLD_RUNTIMES) : pickCurrentRuntime(random);
  const teamKey = random.chance(AWS_MANAGED_KEY_SHARE) ? 'aws-managed' : 'team';
  let sourceKey: StreamKeyChoice = teamKey;
  if (has('unencrypted-stream')) sourceKey = 'none';
  else if (has('key-pending-deletion') || has('key-rotation-off') || has('unreadable-key'))
    sourceKey = 'private';
  const firehose = has('firehose-sse-off') || random.chance(FIREHOSE_SINK_SHARE);
  const privateBucket = has('sse-s3-bucket') || has('no-tls-policy');
  return {
    name,
    team,
    purpose,
    region,
    runtime,
    problems,
    roleName: `${name}-role`,
    source: { name: `${name}-source`, shared: false, key: sourceKey },
    sink: firehose
      ? { kind: 'delivery-stream', name: `${name}-to-lake`, key: teamKey }
      : { kind: 'stream', name: `${name}-sink`, key: teamKey },
    codeBucket: privateBucket
      ? { name: `${name}-code-${options.accountId}`, private: true }
      : { name: `${team}-flink-artifacts-${options.accountId}`, private: false },
  };
}

/** Whether an application carries a problem of its own (the region's trail gap is not its own). */
function hasOwnProblem(application: PlannedApplication): boolean {
  return application.problems.some((kind) => kind !== 'no-trail-coverage');
}

/**
 * Groups some problem-free applications of a team, two or three at a time, onto one role. Only
 * problem-free ones: a shared role grants every sharer's resources, so one sharer's bad stream or
 * key would show up in the others' dependency graphs.
 */
function shareRoles(applications: PlannedApplication[], random: SeededRandom): void {
  const byTeam = groupBy(
    applications.filter((application) => !hasOwnProblem(application)),
    (application) => application.team,
  );
  for (const [team, members] of byTeam) {
    const sharers = random.shuffled(members).slice(0, Math.round(members.length * SHARED_ROLE_SHARE));
    let next = 0;
    let group = 1;
    while (sharers.length - next >= 2) {
      const size = sharers.length - next === 3 || random.chance(0.4) ? Math.min(3, sharers.length - next) : 2;
      for (const application of sharers.slice(next, next + size)) {
        application.roleName = `${team}-flink-shared-${group}-role`;
      }
      next += size;
      group += 1;
    }
  }
}

/**
 * Points some applications of a team in a region at shared source streams (`<team>-events-<n>`),
 * up to six readers each. Applications whose problem is their source stream keep a private one.
 */
function shareSourceStreams(applications: PlannedApplication[], random: SeededRandom): void {
  const candidates = applications.filter(
    (application) => application.source.key === 'team' || application.source.key === 'aws-managed',
  );
  const byTeamAndRegion = groupBy(candidates, (application) => `${application.team} ${application.region}`);
  for (const members of byTeamAndRegion.values()) {
    const readers = members.filter(() => random.chance(SHARED_SOURCE_SHARE));
    if (readers.length < 2) continue;
    const streams = Math.ceil(readers.length / READERS_PER_SHARED_STREAM);
    readers.forEach((application, position) => {
      application.source = {
        name: `${application.team}-events-${(position % streams) + 1}`,
        shared: true,
        key: 'team',
      };
    });
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
