import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryS3 } from './memory-s3.js';
import {
  type Definition,
  type DriverOptions,
  type LambdaFunction,
  loadDefinition,
  runStateMachine,
} from './state-machine-driver.js';
import { UnsupportedDefinitionError } from './state-machine-paths.js';

const BUCKET = 'kda-auditor-reports';

/** Driver options with a fixed clock, numbered ids and an in-memory bucket. */
function driverOptions(functions: Record<string, LambdaFunction>, objects: Record<string, string> = {}) {
  const bucket = memoryS3(objects);
  let id = 0;
  const options: DriverOptions = {
    functions,
    s3: bucket.s3,
    region: 'eu-west-1',
    accountId: '111122223333',
    stateMachineName: 'test-machine',
    executionName: 'run-1',
    clock: () => new Date('2026-11-29T02:00:00.000Z'),
    newId: () => `id-${++id}`,
  };
  return { options, bucket };
}

/** A one-Task definition around `task`, ending in Succeed. */
function taskMachine(task: Record<string, unknown>, extra: Record<string, unknown> = {}): Definition {
  return {
    StartAt: 'Work',
    States: {
      Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'Done', ...task },
      Done: { Type: 'Succeed' },
      ...extra,
    },
  };
}

/** A function failing with `name` the first `failures` calls, then answering `answer`. */
function flaky(failures: number, name: string, answer: unknown): LambdaFunction {
  let calls = 0;
  return async () => {
    calls += 1;
    if (calls <= failures) {
      const error = new Error(`failure ${calls}`);
      error.name = name;
      throw error;
    }
    return answer;
  };
}

const MAP_STATE = {
  Type: 'Map',
  ItemReader: {
    Resource: 'arn:aws:states:::s3:getObject',
    ReaderConfig: { InputType: 'JSON' },
    Parameters: { 'Bucket.$': '$.run.bucket', 'Key.$': '$.run.key' },
  },
  MaxConcurrencyPath: '$.run.concurrency',
  ToleratedFailurePercentagePath: '$.run.tolerated',
  ItemProcessor: {
    ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
    StartAt: 'Item',
    States: {
      Item: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'item', 'Payload.$': '$' },
        ResultSelector: { 'result.$': '$.Payload' },
        End: true,
      },
    },
  },
  ResultWriter: {
    Resource: 'arn:aws:states:::s3:putObject',
    Parameters: { 'Bucket.$': '$.run.bucket', Prefix: 'runs/1' },
  },
  ResultPath: '$.map',
  Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.mapError', Next: 'Done' }],
  Next: 'Done',
};

const MAP_MACHINE: Definition = { StartAt: 'Scan', States: { Scan: MAP_STATE, Done: { Type: 'Succeed' } } };

/** The Map's input: items at runs/items.json, with the given concurrency and tolerance. */
function mapRun(concurrency: number, tolerated: number) {
  return { run: { bucket: BUCKET, key: 'runs/items.json', concurrency, tolerated } };
}

/** An item function doubling `n`, failing for odd ones when asked, and recording how many run at once. */
function doubling(options: { failOdd: boolean }) {
  const state = { running: 0, peak: 0 };
  const fn: LambdaFunction = async (event) => {
    state.running += 1;
    state.peak = Math.max(state.peak, state.running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    state.running -= 1;
    const n = (event as { n: number }).n;
    if (options.failOdd && n % 2 === 1) throw new TypeError(`odd ${n}`);
    return { doubled: n * 2 };
  };
  return { fn, state };
}

describe('Function: runStateMachine', () => {
  it('returns the output after Parameters, ResultSelector, ResultPath and OutputPath, as Step Functions does', async () => {
    // Prepare
    const seen: unknown[] = [];
    const { options } = driverOptions({
      echo: async (event, context) => {
        seen.push({ event, arn: context.invokedFunctionArn });
        return { answer: 42 };
      },
    });
    const definition = taskMachine({
      Parameters: {
        FunctionName: 'echo',
        Payload: { 'whole.$': '$', 'nested.$': '$.a.b', 'execution.$': '$$.Execution.Name', fixed: [1] },
      },
      ResultSelector: { 'value.$': '$.Payload.answer', status: 'ok' },
      ResultPath: '$.result',
      OutputPath: '$.result',
    });

    // Act
    const result = await runStateMachine(definition, { a: { b: 'deep' } }, options);

    // Assess
    expect({ result, seen }).toEqual({
      result: {
        status: 'SUCCEEDED',
        output: { value: 42, status: 'ok' },
        states: ['Work', 'Done'],
        invocations: [
          {
            functionName: 'echo',
            payload: { whole: { a: { b: 'deep' } }, nested: 'deep', execution: 'run-1', fixed: [1] },
            outcome: 'returned',
          },
        ],
      },
      seen: [
        {
          event: { whole: { a: { b: 'deep' } }, nested: 'deep', execution: 'run-1', fixed: [1] },
          arn: 'arn:aws:lambda:eu-west-1:111122223333:function:echo',
        },
      ],
    });
  });

  it('returns the lambda:invoke result whole when no selector or path is set', async () => {
    // Prepare
    const { options } = driverOptions({ echo: async () => ({ answer: 42 }) });
    const definition = taskMachine({ Parameters: { FunctionName: 'echo', 'Payload.$': '$' } });

    // Act
    const result = await runStateMachine(definition, {}, options);

    // Assess
    expect(result.status === 'SUCCEEDED' && result.output).toEqual({
      ExecutedVersion: '$LATEST',
      Payload: { answer: 42 },
      StatusCode: 200,
    });
  });

  it.each([
    { failures: 2, maxAttempts: 2, expected: 'SUCCEEDED', calls: 3 },
    { failures: 2, maxAttempts: 1, expected: 'FAILED', calls: 2 },
  ])(
    'returns $expected after $calls calls when a retried error fails $failures times with MaxAttempts $maxAttempts',
    async ({ failures, maxAttempts, expected, calls }) => {
      // Prepare
      const { options } = driverOptions({ work: flaky(failures, 'Lambda.ServiceException', 'ok') });
      const definition = taskMachine({
        Parameters: { FunctionName: 'work', 'Payload.$': '$' },
        Retry: [
          {
            ErrorEquals: ['Lambda.ServiceException'],
            IntervalSeconds: 1,
            BackoffRate: 2,
            MaxAttempts: maxAttempts,
          },
        ],
      });

      // Act
      const result = await runStateMachine(definition, {}, options);

      // Assess
      expect({ status: result.status, calls: result.invocations.length }).toEqual({
        status: expected,
        calls,
      });
    },
  );

  it('returns FAILED with the function error as Lambda reports it when nothing catches it', async () => {
    // Prepare
    const { options } = driverOptions({ work: flaky(1, 'MemberAccessError', 'ok') });
    const definition = taskMachine({
      Parameters: { FunctionName: 'work', 'Payload.$': '$' },
      Retry: [{ ErrorEquals: ['Lambda.ServiceException'], MaxAttempts: 3 }],
    });

    // Act
    const result = await runStateMachine(definition, {}, options);

    // Assess
    expect(result).toEqual({
      status: 'FAILED',
      error: 'MemberAccessError',
      cause: JSON.stringify({ errorType: 'MemberAccessError', errorMessage: 'failure 1', trace: [] }),
      states: ['Work'],
      invocations: [{ functionName: 'work', payload: {}, outcome: 'threw' }],
    });
  });

  it('returns the Catch path with { Error, Cause } at its ResultPath', async () => {
    // Prepare
    const { options } = driverOptions({ work: flaky(1, 'TypeError', 'ok') });
    const definition = taskMachine(
      {
        Parameters: { FunctionName: 'work', 'Payload.$': '$' },
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'Stop' }],
      },
      { Stop: { Type: 'Fail', Error: 'Stopped', Cause: 'caught' } },
    );

    // Act
    const caught = await runStateMachine(definition, { keep: true }, options);

    // Assess
    expect(caught).toEqual({
      status: 'FAILED',
      error: 'Stopped',
      cause: 'caught',
      states: ['Work', 'Stop'],
      invocations: [{ functionName: 'work', payload: { keep: true }, outcome: 'threw' }],
    });
  });

  it('returns FAILED with States.Runtime, which States.ALL does not catch, when a path is missing', async () => {
    // Prepare
    const { options } = driverOptions({ work: async () => 'ok' });
    const definition = taskMachine({
      Parameters: { FunctionName: 'work', 'Payload.$': '$.missing' },
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }],
    });

    // Act
    const result = await runStateMachine(definition, {}, options);

    // Assess
    expect(result).toEqual({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: 'The JsonPath argument "$.missing" could not be found in the input',
      states: ['Work'],
      invocations: [],
    });
  });

  it.each([
    { name: 'a Task field it does not implement', definition: taskMachine({ InputPath: '$' }) },
    {
      name: 'a state Type it does not implement',
      definition: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
    },
    {
      name: 'a JSONPath beyond dotted names',
      definition: taskMachine({ Parameters: { FunctionName: 'work', 'Payload.$': '$.items[0]' } }),
    },
    {
      name: 'a Map without ResultWriter',
      definition: {
        StartAt: 'Scan',
        States: { Scan: { ...MAP_STATE, ResultWriter: undefined }, Done: { Type: 'Succeed' } },
      },
    },
    {
      name: 'an inline Map',
      definition: {
        StartAt: 'Scan',
        States: {
          Scan: {
            ...MAP_STATE,
            ItemProcessor: { ...MAP_STATE.ItemProcessor, ProcessorConfig: { Mode: 'INLINE' } },
          },
          Done: { Type: 'Succeed' },
        },
      },
    },
  ])('throws UnsupportedDefinitionError for $name', async ({ definition }) => {
    // Prepare
    const { options } = driverOptions({ work: async () => 'ok' }, { [`${BUCKET}/runs/items.json`]: '[]' });

    // Act
    const running = runStateMachine(JSON.parse(JSON.stringify(definition)), mapRun(1, 0), options);

    // Assess
    await expect(running).rejects.toBeInstanceOf(UnsupportedDefinitionError);
  });

  it('returns the Map output and writes the results in the ResultWriter format, at most MaxConcurrency at once', async () => {
    // Prepare
    const { fn, state } = doubling({ failOdd: false });
    const items = [{ n: 1 }, { n: 2 }, { n: 3 }];
    const { options, bucket } = driverOptions(
      { item: fn },
      { [`${BUCKET}/runs/items.json`]: JSON.stringify(items) },
    );

    // Act
    const result = await runStateMachine(MAP_MACHINE, mapRun(2, 0), options);

    // Assess
    const mapRunArn = 'arn:aws:states:eu-west-1:111122223333:mapRun:test-machine/Scan:id-1';
    const succeeded = bucket.readJson(BUCKET, 'runs/1/id-1/SUCCEEDED_0.json');
    expect({
      result,
      peak: state.peak,
      keys: [...bucket.objects.keys()].sort(),
      manifest: bucket.readJson(BUCKET, 'runs/1/id-1/manifest.json'),
      first: Array.isArray(succeeded) ? succeeded.find((entry) => entry.Input === '{"n":1}') : undefined,
    }).toEqual({
      result: {
        status: 'SUCCEEDED',
        output: {
          ...mapRun(2, 0),
          map: {
            MapRunArn: mapRunArn,
            ResultWriterDetails: { Bucket: BUCKET, Key: 'runs/1/id-1/manifest.json' },
          },
        },
        states: ['Scan', 'Scan/Item', 'Scan/Item', 'Scan/Item', 'Done'],
        invocations: items.map((payload) => ({ functionName: 'item', payload, outcome: 'returned' })),
      },
      peak: 2,
      keys: [
        `${BUCKET}/runs/1/id-1/SUCCEEDED_0.json`,
        `${BUCKET}/runs/1/id-1/manifest.json`,
        `${BUCKET}/runs/items.json`,
      ],
      manifest: {
        DestinationBucket: BUCKET,
        MapRunArn: mapRunArn,
        ResultFiles: {
          SUCCEEDED: [{ Key: 'runs/1/id-1/SUCCEEDED_0.json', Size: expect.any(Number) }],
          FAILED: [],
          PENDING: [],
        },
      },
      first: {
        ExecutionArn: 'arn:aws:states:eu-west-1:111122223333:execution:test-machine/Scan:id-2',
        Input: '{"n":1}',
        InputDetails: { Included: true },
        Name: 'id-2',
        Output: '{"result":{"doubled":2}}',
        OutputDetails: { Included: true },
        RedriveCount: 0,
        RedriveStatus: 'NOT_REDRIVABLE',
        RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
        StartDate: '2026-11-29T02:00:00.000Z',
        StateMachineArn: 'arn:aws:states:eu-west-1:111122223333:stateMachine:test-machine/Scan',
        Status: 'SUCCEEDED',
        StopDate: '2026-11-29T02:00:00.000Z',
      },
    });
  });

  it('returns the Catch path with States.ExceedToleratedFailureThreshold, after writing the results so far', async () => {
    // Prepare
    const { fn } = doubling({ failOdd: true });
    const items = [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }];
    const { options, bucket } = driverOptions(
      { item: fn },
      { [`${BUCKET}/runs/items.json`]: JSON.stringify(items) },
    );

    // Act
    const result = await runStateMachine(MAP_MACHINE, mapRun(1, 20), options);

    // Assess
    expect({
      result,
      manifest: bucket.readJson(BUCKET, 'runs/1/id-1/manifest.json'),
      failed: bucket.readJson(BUCKET, 'runs/1/id-1/FAILED_0.json'),
    }).toEqual({
      result: {
        status: 'SUCCEEDED',
        output: {
          ...mapRun(1, 20),
          mapError: {
            Error: 'States.ExceedToleratedFailureThreshold',
            Cause: 'The specified tolerated failure threshold was exceeded',
          },
        },
        states: ['Scan', 'Scan/Item', 'Done'],
        invocations: [{ functionName: 'item', payload: { n: 1 }, outcome: 'threw' }],
      },
      manifest: {
        DestinationBucket: BUCKET,
        MapRunArn: 'arn:aws:states:eu-west-1:111122223333:mapRun:test-machine/Scan:id-1',
        ResultFiles: {
          SUCCEEDED: [],
          FAILED: [{ Key: 'runs/1/id-1/FAILED_0.json', Size: expect.any(Number) }],
          PENDING: [],
        },
      },
      failed: [
        expect.objectContaining({
          Input: '{"n":1}',
          Status: 'FAILED',
          Error: 'TypeError',
          Cause: JSON.stringify({ errorType: 'TypeError', errorMessage: 'odd 1', trace: [] }),
        }),
      ],
    });
  });

  it('returns the Map output when the failures stay within the tolerated percentage', async () => {
    // Prepare
    const { fn } = doubling({ failOdd: true });
    const items = [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }];
    const { options } = driverOptions({ item: fn }, { [`${BUCKET}/runs/items.json`]: JSON.stringify(items) });

    // Act
    const result = await runStateMachine(MAP_MACHINE, mapRun(0, 50), options);

    // Assess
    expect(result.status === 'SUCCEEDED' && result.output).toEqual({
      ...mapRun(0, 50),
      map: {
        MapRunArn: 'arn:aws:states:eu-west-1:111122223333:mapRun:test-machine/Scan:id-1',
        ResultWriterDetails: { Bucket: BUCKET, Key: 'runs/1/id-1/manifest.json' },
      },
    });
  });

  it('returns the Catch path with States.ItemReaderFailed when the items cannot be read', async () => {
    // Prepare
    const { options } = driverOptions({ item: async () => 'ok' });

    // Act
    const result = await runStateMachine(MAP_MACHINE, mapRun(1, 0), options);

    // Assess
    expect(result.status === 'SUCCEEDED' && result.output).toEqual({
      ...mapRun(1, 0),
      mapError: {
        Error: 'States.ItemReaderFailed',
        Cause: `Could not read s3://${BUCKET}/runs/items.json (NoSuchKey: The specified key does not exist.)`,
      },
    });
  });
});

describe('Function: loadDefinition', () => {
  it('returns the definition with its DefinitionSubstitutions made', () => {
    // Prepare
    const path = join(mkdtempSync(join(tmpdir(), 'asl-')), 'machine.asl.json');
    writeFileSync(path, JSON.stringify(taskMachine({ Parameters: { FunctionName: `\${WorkArn}` } })));

    // Act
    const definition = loadDefinition(path, { WorkArn: 'work' });

    // Assess
    expect(definition).toEqual(taskMachine({ Parameters: { FunctionName: 'work' } }));
  });

  it('throws when a substitution is missing', () => {
    // Prepare
    const path = join(mkdtempSync(join(tmpdir(), 'asl-')), 'machine.asl.json');
    writeFileSync(path, JSON.stringify(taskMachine({ Parameters: { FunctionName: `\${WorkArn}` } })));

    // Act
    const act = () => loadDefinition(path, {});

    // Assess
    expect(act).toThrow(`${path} uses \${WorkArn}, which no substitution gives`);
  });
});
