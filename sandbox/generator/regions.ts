/** Where a synthetic account runs: real region names in a fixed order, and how many apps each gets. */

/**
 * Commercial regions where Managed Service for Apache Flink runs, in the order a growing company
 * typically opens them; a synthetic account with R regions uses the first R.
 */
export const GENERATOR_REGIONS = [
  'eu-west-1',
  'us-east-1',
  'us-west-2',
  'eu-central-1',
  'ap-southeast-1',
  'ap-northeast-1',
  'eu-west-2',
  'ca-central-1',
  'ap-southeast-2',
  'sa-east-1',
  'eu-north-1',
  'ap-south-1',
  'us-east-2',
  'eu-west-3',
  'ap-northeast-2',
  'us-west-1',
  'eu-south-1',
  'ap-east-1',
  'me-south-1',
  'af-south-1',
  'ap-northeast-3',
  'eu-central-2',
  'ap-south-2',
  'il-central-1',
] as const;

/**
 * The region left without CloudTrail coverage: the most recently opened one, once there are at
 * least three (with one or two regions every region is covered).
 */
export function uncoveredRegion(regions: readonly string[]): string | undefined {
  return regions.length >= 3 ? regions.at(-1) : undefined;
}

// The first region is the company's home; later ones hold fewer applications, and the uncovered
// one (opened last, before the platform team set it up) fewer still.
function regionWeight(position: number, uncovered: boolean): number {
  return (uncovered ? 0.5 : 1) / (1 + 0.35 * position);
}

/**
 * How many of `applications` run in each region: proportional to the regions' weights (largest
 * remainder, so counts always add up), and at least one per region when there are enough.
 */
export function applicationsPerRegion(applications: number, regions: readonly string[]): Map<string, number> {
  const uncovered = uncoveredRegion(regions);
  const weights = regions.map((region, position) => regionWeight(position, region === uncovered));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const floor = applications >= regions.length ? 1 : 0;
  const spare = applications - floor * regions.length;
  const exact = weights.map((weight) => (spare * weight) / total);
  const counts = exact.map((value) => floor + Math.floor(value));
  let left = applications - counts.reduce((sum, count) => sum + count, 0);
  const byRemainder = exact
    .map((value, position) => ({ position, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.position - b.position);
  for (const { position } of byRemainder) {
    if (left === 0) break;
    counts[position]! += 1;
    left -= 1;
  }
  return new Map(regions.map((region, position) => [region, counts[position]!]));
}

/** The share of applications that run in a region, as `applicationsPerRegion` spreads them. */
export function regionShare(region: string, regions: readonly string[]): number {
  const uncovered = uncoveredRegion(regions);
  const weights = regions.map((name, position) => regionWeight(position, name === uncovered));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const position = regions.indexOf(region);
  return position < 0 ? 0 : weights[position]! / total;
}
