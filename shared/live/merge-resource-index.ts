import type { ResourceIndex } from './types.js';

/**
 * The index after a re-audit: the settled applications' entries (settledApplications) leave the
 * previous index, then everything the re-audit's own index holds is added, so a new application brings
 * its dependencies and a deleted one leaves. Snapshot-only parts (aliases, attachments, trails) stay
 * unknown (null) when the previous index did not know them: a re-audit reads only part of the account.
 * Pure.
 */
export function mergeResourceIndex(
  previous: ResourceIndex,
  reaudit: ResourceIndex,
  settled: readonly string[],
  scanId: string,
): ResourceIndex {
  const leaving = new Set(settled);
  const applications = Object.fromEntries(
    Object.entries(previous.applications).filter(([arn]) => !leaving.has(arn)),
  );
  const dependents = without(previous.dependents, leaving);
  const present = (arn: string) => dependents[arn] !== undefined;
  const merged: ResourceIndex = {
    ...previous,
    scanId,
    applications: { ...applications, ...reaudit.applications },
    regions: union(without(previous.regions, leaving), reaudit.regions),
    dependents: union(dependents, reaudit.dependents),
    // What only a leaving application used is no longer a dependency: its key and role entries go too.
    encrypts: union(kept(previous.encrypts, present, present), reaudit.encrypts),
    roleNames: union(
      kept(previous.roleNames, () => true, present),
      reaudit.roleNames,
    ),
    keyAliases: previous.keyAliases && { ...previous.keyAliases, ...reaudit.keyAliases },
    policies: previous.policies && reattached(previous.policies, reaudit),
    trails: previous.trails && { ...previous.trails, ...reaudit.trails },
  };
  return merged;
}

// The re-audit read the roles of its applications afresh: their old attachments are replaced.
function reattached(policies: Record<string, string[]>, reaudit: ResourceIndex): Record<string, string[]> {
  if (!reaudit.policies) return policies;
  const reread = new Set(Object.values(reaudit.roleNames).flat());
  return union(
    kept(
      policies,
      () => true,
      (role) => !reread.has(role),
    ),
    reaudit.policies,
  );
}

/** Each list without the given values; lists left empty are dropped. */
function without(map: Record<string, string[]>, values: ReadonlySet<string>): Record<string, string[]> {
  return kept(
    map,
    () => true,
    (value) => !values.has(value),
  );
}

function kept(
  map: Record<string, string[]>,
  keepKey: (key: string) => boolean,
  keepValue: (value: string) => boolean,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(map)) {
    if (!keepKey(key)) continue;
    const left = values.filter(keepValue);
    if (left.length > 0) result[key] = left;
  }
  return result;
}

function union(base: Record<string, string[]>, added: Record<string, string[]>): Record<string, string[]> {
  const result: Record<string, string[]> = { ...base };
  for (const [key, values] of Object.entries(added)) {
    result[key] = [...new Set([...(result[key] ?? []), ...values])];
  }
  return result;
}
