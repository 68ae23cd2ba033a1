import { ACCESS_KEY_LOOKUPS, accessKeyStanding } from '../../snapshot/access-key-standing.js';
import type { AccountIndex } from '../../snapshot/account-index.js';
import type { Severity } from '../types.js';

/** What collection learnt of the access keys an application holds. */
export interface KeyLiveness {
  /**
   * `critical` when at least one key is active in this account (a live credential is an incident),
   * or its lookup failed: it may be active, and a failed read must not make the finding milder.
   */
  severity?: Severity;
  /** Per key id, a clause saying where it stands, e.g. "an active key of IAM user ci in this account". */
  standing: ReadonlyMap<string, string>;
}

/** Looks up, in the snapshot, each access key id; never returns the ids in its clauses. */
export function keyLiveness(index: AccountIndex, accessKeyIds: Iterable<string>): KeyLiveness {
  const standing = new Map<string, string>();
  let live = false;
  for (const id of new Set(accessKeyIds)) {
    const found = accessKeyStanding(index, id);
    standing.set(id, found.detail);
    const unread = found.state === 'unknown' && index.unreadable(id, ACCESS_KEY_LOOKUPS).length > 0;
    live ||= found.state === 'active' || unread;
  }
  return { ...(live ? { severity: 'critical' } : {}), standing };
}
