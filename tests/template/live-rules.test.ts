import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHANGE_EVENTS } from '../../shared/live/event-kinds.js';
import { type CfnValue, loadCfnYaml } from './cfn-yaml.js';

type Node = { [key: string]: CfnValue };
const asNode = (value: CfnValue | undefined): Node =>
  value && typeof value === 'object' && !Array.isArray(value) ? value : {};

const templatePath = fileURLToPath(new URL('../../template.yaml', import.meta.url));
const forwarderPath = fileURLToPath(new URL('../../live-forwarder.yaml', import.meta.url));
const samplesDirectory = fileURLToPath(new URL('../../events/live/', import.meta.url));

const load = (path: string): Node => asNode(loadCfnYaml(readFileSync(path, 'utf8')));
const resource = (template: Node, id: string): Node => asNode(asNode(template.Resources)[id]);
const pattern = (template: Node, id: string): Node =>
  asNode(asNode(resource(template, id).Properties).EventPattern);

/**
 * Whether an EventBridge pattern matches an event, for the subset our rules use: exact string
 * values, `{ exists: false }`, nested objects and `$or`. Anything else throws, so a rule that
 * outgrows the matcher fails here instead of being misjudged.
 */
function matches(rule: Node, event: Record<string, unknown>): boolean {
  return Object.entries(rule).every(([field, expected]) => {
    if (field === '$or') {
      if (!Array.isArray(expected)) throw new Error('$or must be a list');
      return expected.some((branch) => matches(asNode(branch), event));
    }
    const actual = event[field];
    if (Array.isArray(expected)) {
      return expected.some((value) => {
        if (typeof value === 'string') return actual === value;
        if (JSON.stringify(value) === '{"exists":false}') return actual === undefined;
        throw new Error(`unsupported pattern value ${JSON.stringify(value)}`);
      });
    }
    if (expected && typeof expected === 'object') {
      return (
        actual !== null && typeof actual === 'object' && matches(expected, actual as Record<string, unknown>)
      );
    }
    throw new Error(`unsupported pattern field ${field}`);
  });
}

/** Every (event source, event name) pair a pattern can match, as `source eventName`. */
function matchedPairs(rule: Node): string[] {
  const detail = asNode(rule.detail);
  const branches = Array.isArray(detail.$or) ? detail.$or.map(asNode) : [detail];
  return branches
    .flatMap((branch) => {
      const sources = (branch.eventSource as string[]) ?? [];
      const names = (branch.eventName as string[]) ?? [];
      return sources.flatMap((source) => names.map((name) => `${source} ${name}`));
    })
    .sort();
}

function changeEventPairs(which: 'iam' | 'others'): string[] {
  return Object.entries(CHANGE_EVENTS)
    .filter(([source]) => (source === 'iam.amazonaws.com') === (which === 'iam'))
    .flatMap(([source, names]) => names.map((name) => `${source} ${name}`))
    .sort();
}

function samples(): { file: string; event: Record<string, unknown> }[] {
  return readdirSync(samplesDirectory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, event: JSON.parse(readFileSync(samplesDirectory + file, 'utf8')) }));
}

/** The source a rule names for each event source: aws.<service>. */
function sourceOf(eventSource: string): string {
  return `aws.${eventSource.split('.')[0]}`;
}

const RULES = {
  'template.yaml': { path: templatePath, others: 'LiveChangeRule', iam: 'LiveIamChangeRule' },
  'live-forwarder.yaml': { path: forwarderPath, others: 'ForwardChangeRule', iam: 'ForwardIamChangeRule' },
} as const;

describe.each(Object.entries(RULES))('Template: %s change rules', (_name, { path, others, iam }) => {
  it('matches exactly the change events other than IAM in the main rule', () => {
    // Prepare
    const rule = pattern(load(path), others);

    // Act
    const pairs = matchedPairs(rule);

    // Assess
    const expected = changeEventPairs('others');
    const sources = Array.isArray(rule.source) ? rule.source.map(String).sort() : rule.source;
    expect({ pairs, sources, detailType: rule['detail-type'] }).toEqual({
      pairs: expected,
      sources: [...new Set(expected.map((pair) => sourceOf(pair.split(' ')[0] ?? '')))].sort(),
      detailType: ['AWS API Call via CloudTrail'],
    });
  });

  it('matches exactly the IAM change events in the IAM rule', () => {
    // Prepare
    const rule = pattern(load(path), iam);

    // Act
    const pairs = matchedPairs(rule);

    // Assess
    expect({ pairs, source: rule.source, detailType: rule['detail-type'] }).toEqual({
      pairs: changeEventPairs('iam'),
      source: ['aws.iam'],
      detailType: ['AWS API Call via CloudTrail'],
    });
  });

  it('routes every sample event to exactly one rule: IAM ones to the IAM rule', () => {
    // Prepare
    const template = load(path);
    const rules = { [others]: pattern(template, others), [iam]: pattern(template, iam) };

    // Act
    const routed = samples().map(({ file, event }) => [
      file,
      Object.entries(rules)
        .filter(([, rule]) => matches(rule, event))
        .map(([id]) => id),
    ]);

    // Assess
    expect(routed.length).toBe(changeEventPairs('others').length + changeEventPairs('iam').length);
    expect(routed).toEqual(samples().map(({ file }) => [file, [file.startsWith('iam-') ? iam : others]]));
  });

  it('matches no failed call and no event outside the list', () => {
    // Prepare
    const template = load(path);
    const rules = [pattern(template, others), pattern(template, iam)];
    const changed = samples().map(({ event }) => ({
      ...event,
      detail: { ...asNode(event.detail as CfnValue), errorCode: 'AccessDenied' },
    }));
    const stop = samples().find(({ file }) => file === 'kinesis-StopStreamEncryption.json')?.event ?? {};
    const unrelated = [
      { ...stop, detail: { ...asNode(stop.detail as CfnValue), eventName: 'PutRecords' } },
      // A real name of another service, under the wrong source: the $or keeps pairs exact.
      { ...stop, detail: { ...asNode(stop.detail as CfnValue), eventName: 'PutBucketPolicy' } },
      { ...stop, 'detail-type': 'AWS Console Action via CloudTrail' },
    ];

    // Act
    const matched = [...changed, ...unrelated].filter((event) => rules.some((rule) => matches(rule, event)));

    // Assess
    expect(matched).toEqual([]);
  });
});

describe('Template: template.yaml live rules', () => {
  it('creates the IAM rule only in us-east-1, where IAM events are delivered', () => {
    // Prepare
    const template = load(templatePath);

    // Act
    const conditions = asNode(template.Conditions);

    // Assess
    expect({
      iamRule: resource(template, 'LiveIamChangeRule').Condition,
      mainRule: resource(template, 'LiveChangeRule').Condition,
      iamHere: conditions.LiveIamEventsHere,
      enabled: conditions.LiveReauditEnabled,
    }).toEqual({
      iamRule: 'LiveIamEventsHere',
      mainRule: 'LiveReauditEnabled',
      iamHere: {
        'Fn::And': [
          { Condition: 'LiveReauditEnabled' },
          { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] },
        ],
      },
      enabled: { 'Fn::Equals': [{ Ref: 'LiveReaudit' }, 'Enabled'] },
    });
  });

  it('sends both rules to the live queue', () => {
    // Prepare
    const template = load(templatePath);

    // Act
    const targets = ['LiveChangeRule', 'LiveIamChangeRule'].map(
      (id) => asNode(resource(template, id).Properties).Targets,
    );

    // Assess
    const toQueue = [{ Id: 'live-queue', Arn: { 'Fn::GetAtt': ['LiveQueue', 'Arn'] } }];
    expect(targets).toEqual([toQueue, toQueue]);
  });
});

describe('Template: live-forwarder.yaml', () => {
  it('passes cfn-lint', (context) => {
    // Prepare
    const probe = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
    if (probe.error) {
      if (process.env.CI === 'true')
        throw new Error('cfn-lint is not on PATH; CI must install it (pip install cfn-lint)');
      context.skip('cfn-lint is not on PATH; install it (pip install cfn-lint) to lint live-forwarder.yaml');
    }

    // Act
    const lint = spawnSync('cfn-lint', [forwarderPath], { encoding: 'utf8' });

    // Assess
    expect({ status: lint.status, output: lint.stdout + lint.stderr }).toEqual({ status: 0, output: '' });
  }, 120_000);

  it('uses the same patterns as template.yaml', () => {
    // Prepare
    const template = load(templatePath);
    const forwarder = load(forwarderPath);

    // Act
    const patterns = [pattern(forwarder, 'ForwardChangeRule'), pattern(forwarder, 'ForwardIamChangeRule')];

    // Assess
    expect(patterns).toEqual([pattern(template, 'LiveChangeRule'), pattern(template, 'LiveIamChangeRule')]);
  });

  it('forwards IAM events only from us-east-1, and refuses the home region', () => {
    // Act
    const forwarder = load(forwarderPath);

    // Assess
    expect({
      iamRule: resource(forwarder, 'ForwardIamChangeRule').Condition,
      mainRule: resource(forwarder, 'ForwardChangeRule').Condition,
      iamHere: asNode(forwarder.Conditions).IamEventsHere,
      rules: forwarder.Rules,
    }).toEqual({
      iamRule: 'IamEventsHere',
      mainRule: undefined,
      iamHere: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] },
      rules: {
        NotInHomeRegion: {
          Assertions: [
            {
              Assert: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'HomeRegion' }, { Ref: 'AWS::Region' }] }] },
              AssertDescription: expect.stringContaining('home region'),
            },
          ],
        },
      },
    });
  });

  it("targets the home region's event bus with a role that may put events there only", () => {
    // Prepare
    const forwarder = load(forwarderPath);
    const homeBus = {
      'Fn::If': [
        'HasHomeEventBusArn',
        { Ref: 'HomeEventBusArn' },
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation !Sub string, not a JS template
        { 'Fn::Sub': 'arn:${AWS::Partition}:events:${HomeRegion}:${AWS::AccountId}:event-bus/default' },
      ],
    };

    // Act
    const targets = ['ForwardChangeRule', 'ForwardIamChangeRule'].map(
      (id) => asNode(resource(forwarder, id).Properties).Targets,
    );
    const role = asNode(resource(forwarder, 'ForwarderRole').Properties);

    // Assess
    const target = [
      { Id: 'home-event-bus', Arn: homeBus, RoleArn: { 'Fn::GetAtt': ['ForwarderRole', 'Arn'] } },
    ];
    expect({ targets, trust: role.AssumeRolePolicyDocument, policies: role.Policies }).toEqual({
      targets: [target, target],
      trust: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          },
        ],
      },
      policies: [
        {
          PolicyName: 'kda-auditor-live-forwarder',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'PutEventsOnHomeBus', Effect: 'Allow', Action: 'events:PutEvents', Resource: homeBus },
            ],
          },
        },
      ],
    });
  });
});
