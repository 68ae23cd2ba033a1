/** In-page ids, built from an application's position in the report: names may repeat across regions. */

/** The id of an application's score card. */
export function applicationAnchor(position: number): string {
  return `application-${position}`;
}

/** The id of an application's dependency graph and suggested policy. */
export function dependencyAnchor(position: number): string {
  return `dependencies-${position}`;
}

/** The id of an application's suggested policy. */
export function policyAnchor(position: number): string {
  return `policy-${position}`;
}
