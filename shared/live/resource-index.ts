import type { AuditReport } from '../report/types.js';
import type { AccountSnapshot } from '../snapshot/types.js';
import type { IndexedTrail, ResourceIndex } from './types.js';

/**
 * Builds the resource index from the last full scan's report: every node of each application's
 * dependency graph points back to the application. The snapshot, when given, adds what the report
 * does not carry (policy attachments, key aliases, trails); without it those stay null and events
 * about them are mapped conservatively.
 */
export function resourceIndex(report: AuditReport, snapshot?: AccountSnapshot): ResourceIndex {
  const index: ResourceIndex = {
    formatVersion: 1,
    scanId: report.scanId,
    accountId: report.accountId,
    partition: report.partition,
    applications: {},
    regions: {},
    dependents: {},
    encrypts: {},
    roleNames: {},
    keyAliases: snapshot ? keyAliases(snapshot, report.partition) : null,
    policies: snapshot ? policyAttachments(snapshot) : null,
    trails: snapshot ? trails(snapshot) : null,
  };
  for (const application of report.applications) {
    const arn = application.applicationArn;
    index.applications[arn] = { name: application.applicationName, region: application.region };
    addTo(index.regions, application.region, arn);
    for (const node of application.dependencyGraph.nodes) {
      addTo(index.dependents, node.arn, arn);
      if (node.kind === 'iam-role') addTo(index.roleNames, node.name, node.arn);
    }
    for (const edge of application.dependencyGraph.edges) {
      if (edge.relation === 'encryption-key') addTo(index.encrypts, edge.to, edge.from);
    }
  }
  return index;
}

function keyAliases(snapshot: AccountSnapshot, partition: string): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const [region, regional] of Object.entries(snapshot.regions ?? {})) {
    for (const key of regional.keys ?? []) {
      for (const alias of key.Aliases ?? []) {
        aliases[`arn:${partition}:kms:${region}:${snapshot.accountId}:${alias}`] = key.KeyMetadata.Arn;
      }
    }
  }
  return aliases;
}

function policyAttachments(snapshot: AccountSnapshot): Record<string, string[]> {
  const policies: Record<string, string[]> = {};
  for (const role of snapshot.iam?.roles ?? []) {
    for (const attached of role.AttachedManagedPolicies ?? []) addTo(policies, attached.PolicyArn, role.Arn);
  }
  return policies;
}

function trails(snapshot: AccountSnapshot): Record<string, IndexedTrail> {
  const found: Record<string, IndexedTrail> = {};
  for (const regional of Object.values(snapshot.regions ?? {})) {
    for (const trail of regional.trails ?? []) {
      found[trail.TrailARN] = {
        name: trail.Name,
        homeRegion: trail.HomeRegion,
        multiRegion: trail.IsMultiRegionTrail === true,
      };
    }
  }
  return found;
}

function addTo(map: Record<string, string[]>, key: string, value: string): void {
  const values = map[key];
  if (!values) map[key] = [value];
  else if (!values.includes(value)) values.push(value);
}
