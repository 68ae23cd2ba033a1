import { parseArn } from '../arn.js';
import type { RequiredGrant } from './requirements.js';

/** One statement of a suggested policy, as IAM's JSON spells it. */
export interface SuggestedStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string;
}

/** An IAM identity policy that grants exactly the required permissions. */
export interface SuggestedPolicy {
  Version: '2012-10-17';
  Statement: SuggestedStatement[];
}

/**
 * The least-privilege policy for a set of required grants: one Allow statement per resource, its
 * actions sorted, with a Sid named after the service and the resource. Resources stay as scoped as
 * the requirements are; `*` appears only where a requirement needs it.
 */
export function suggestedPolicy(required: readonly RequiredGrant[]): SuggestedPolicy {
  const byResource = new Map<string, Set<string>>();
  for (const { action, resource } of required) {
    const actions = byResource.get(resource) ?? new Set<string>();
    actions.add(action);
    byResource.set(resource, actions);
  }
  const used = new Set<string>();
  const Statement = [...byResource].map(([resource, actions]): SuggestedStatement => {
    const Action = [...actions].sort();
    return {
      Sid: uniqueSid(statementSid(Action[0] ?? '', resource), used),
      Effect: 'Allow',
      Action,
      Resource: resource,
    };
  });
  return { Version: '2012-10-17', Statement };
}

// A Sid may hold only letters and digits.
function statementSid(action: string, resource: string): string {
  const service = action.slice(0, action.indexOf(':'));
  const arn = parseArn(resource);
  const subject = arn ? arn.resource : 'all resources';
  const words = `${service} ${subject}`.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const sid = words.map((word) => word[0]?.toUpperCase() + word.slice(1)).join('');
  return sid.slice(0, 100) || 'Grant';
}

function uniqueSid(sid: string, used: Set<string>): string {
  let candidate = sid;
  for (let n = 2; used.has(candidate); n++) candidate = `${sid}${n}`;
  used.add(candidate);
  return candidate;
}
