import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { allowFields, type Execution, json, runStates, stringField } from './state-machine-driver.js';
import {
  applyTemplate,
  isObject,
  readPath,
  StatesError,
  UnsupportedDefinitionError,
} from './state-machine-paths.js';

/** One child execution as a ResultWriter result file lists it (Transformation NONE, OutputType JSON). */
export interface ChildExecutionRecord {
  ExecutionArn: string;
  Input: string;
  InputDetails: { Included: boolean };
  Name: string;
  Output?: string;
  OutputDetails?: { Included: boolean };
  RedriveCount: number;
  RedriveStatus: string;
  RedriveStatusReason: string;
  StartDate: string;
  StateMachineArn: string;
  Status: 'SUCCEEDED' | 'FAILED';
  StopDate: string;
  Error?: string;
  Cause?: string;
}

const STATUSES = ['SUCCEEDED', 'FAILED', 'PENDING'] as const;

/**
 * A Map state in DISTRIBUTED mode: reads its items with ItemReader (s3:getObject, JSON), runs the
 * ItemProcessor once per item as a child execution at MaxConcurrencyPath at once, writes the
 * ResultWriter files (`<Prefix>/<map run id>/manifest.json`, SUCCEEDED_0.json, FAILED_0.json) even
 * when the run fails, and fails with States.ExceedToleratedFailureThreshold once more children
 * failed than ToleratedFailurePercentagePath allows (children not yet started then never start).
 * Returns the Map's result: `{ MapRunArn, ResultWriterDetails: { Bucket, Key } }`.
 */
export async function runDistributedMap(
  name: string,
  state: Record<string, unknown>,
  input: unknown,
  context: Record<string, unknown>,
  execution: Execution,
  scope: string,
): Promise<unknown> {
  const processor = state.ItemProcessor;
  if (!isObject(processor)) throw new UnsupportedDefinitionError(`Map "${name}" without ItemProcessor`);
  const config = processor.ProcessorConfig;
  if (!isObject(config) || config.Mode !== 'DISTRIBUTED' || config.ExecutionType !== 'STANDARD')
    throw new UnsupportedDefinitionError(`Map "${name}" ProcessorConfig other than DISTRIBUTED / STANDARD`);
  allowFields(config, `${name}.ItemProcessor.ProcessorConfig`, ['Mode', 'ExecutionType']);
  const items = await readItems(name, state.ItemReader, input, context, execution);
  const maxConcurrency = numberAt(name, state, 'MaxConcurrencyPath', input, context, 0, 10_000);
  const tolerated = numberAt(name, state, 'ToleratedFailurePercentagePath', input, context, 0, 100);
  const writer = resultWriterOf(name, state.ResultWriter, input, context);

  const { region, accountId, stateMachineName, newId, clock } = execution.options;
  const runId = newId();
  const mapRunArn = `arn:aws:states:${region}:${accountId}:mapRun:${stateMachineName}/${name}:${runId}`;
  const stateMachineArn = `arn:aws:states:${region}:${accountId}:stateMachine:${stateMachineName}/${name}`;
  const records: ChildExecutionRecord[] = [];
  let next = 0;
  let failed = 0;
  let exceeded = false;

  async function runChild(item: unknown): Promise<void> {
    const childName = newId();
    const executionArn = `arn:aws:states:${region}:${accountId}:execution:${stateMachineName}/${name}:${childName}`;
    const startDate = clock().toISOString();
    const childContext = {
      Execution: { Id: executionArn, Name: childName, StartTime: startDate, Input: item },
      StateMachine: { Id: stateMachineArn, Name: `${stateMachineName}/${name}` },
    };
    const outcome = await runStates(
      processor as Record<string, unknown>,
      json(item),
      childContext,
      execution,
      `${scope}${name}/`,
    );
    const common = {
      ExecutionArn: executionArn,
      Input: JSON.stringify(item),
      InputDetails: { Included: true },
      Name: childName,
      RedriveCount: 0,
      RedriveStatus: 'NOT_REDRIVABLE',
      RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
      StartDate: startDate,
      StateMachineArn: stateMachineArn,
      StopDate: clock().toISOString(),
    };
    if ('output' in outcome) {
      records.push({
        ...common,
        Output: JSON.stringify(outcome.output),
        OutputDetails: { Included: true },
        Status: 'SUCCEEDED',
      });
    } else {
      failed += 1;
      records.push({
        ...common,
        RedriveStatus: 'REDRIVABLE',
        RedriveStatusReason: '',
        Status: 'FAILED',
        Error: outcome.error,
        Cause: outcome.cause,
      });
      if ((failed * 100) / items.length > tolerated) exceeded = true;
    }
  }

  async function worker(): Promise<void> {
    while (!exceeded && next < items.length) {
      const item = items[next];
      next += 1;
      await runChild(item);
    }
  }
  const workers = maxConcurrency === 0 ? items.length : Math.min(maxConcurrency, items.length);
  await Promise.all(Array.from({ length: workers }, worker));

  const key = await writeResults(execution, writer, runId, mapRunArn, records);
  if (exceeded)
    throw new StatesError(
      'States.ExceedToleratedFailureThreshold',
      'The specified tolerated failure threshold was exceeded',
    );
  return { MapRunArn: mapRunArn, ResultWriterDetails: { Bucket: writer.bucket, Key: key } };
}

async function readItems(
  name: string,
  reader: unknown,
  input: unknown,
  context: unknown,
  execution: Execution,
): Promise<unknown[]> {
  if (!isObject(reader)) throw new UnsupportedDefinitionError(`Map "${name}" without ItemReader`);
  allowFields(reader, `${name}.ItemReader`, ['Resource', 'ReaderConfig', 'Parameters']);
  if (reader.Resource !== 'arn:aws:states:::s3:getObject')
    throw new UnsupportedDefinitionError(`Map "${name}" ItemReader Resource ${String(reader.Resource)}`);
  if (!isObject(reader.ReaderConfig) || reader.ReaderConfig.InputType !== 'JSON')
    throw new UnsupportedDefinitionError(`Map "${name}" ItemReader other than ReaderConfig.InputType JSON`);
  allowFields(reader.ReaderConfig, `${name}.ItemReader.ReaderConfig`, ['InputType']);
  const parameters = applyTemplate(reader.Parameters, input, context);
  if (!isObject(parameters))
    throw new UnsupportedDefinitionError(`Map "${name}" ItemReader without Parameters`);
  allowFields(parameters, `${name}.ItemReader.Parameters`, ['Bucket', 'Key']);
  const bucket = stringField(parameters, 'Bucket');
  const key = stringField(parameters, 'Key');
  let items: unknown;
  try {
    const response = await execution.options.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    items = JSON.parse((await response.Body?.transformToString('utf-8')) ?? '');
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new StatesError('States.ItemReaderFailed', `Could not read s3://${bucket}/${key} (${reason})`);
  }
  if (!Array.isArray(items))
    throw new StatesError('States.ItemReaderFailed', `s3://${bucket}/${key} is not a JSON array`);
  return items;
}

function numberAt(
  name: string,
  state: Record<string, unknown>,
  field: string,
  input: unknown,
  context: unknown,
  min: number,
  max: number,
): number {
  const path = state[field];
  if (typeof path !== 'string') throw new UnsupportedDefinitionError(`Map "${name}" without ${field}`);
  const value = readPath(path, input, context);
  if (typeof value !== 'number' || value < min || value > max)
    throw new StatesError(
      'States.Runtime',
      `${field} ${path} gave ${JSON.stringify(value)}, not ${min} to ${max}`,
    );
  return value;
}

function resultWriterOf(
  name: string,
  writer: unknown,
  input: unknown,
  context: unknown,
): { bucket: string; prefix: string } {
  if (!isObject(writer)) throw new UnsupportedDefinitionError(`Map "${name}" without ResultWriter`);
  allowFields(writer, `${name}.ResultWriter`, ['Resource', 'Parameters']);
  if (writer.Resource !== 'arn:aws:states:::s3:putObject')
    throw new UnsupportedDefinitionError(`Map "${name}" ResultWriter Resource ${String(writer.Resource)}`);
  const parameters = applyTemplate(writer.Parameters, input, context);
  if (!isObject(parameters))
    throw new UnsupportedDefinitionError(`Map "${name}" ResultWriter without Parameters`);
  allowFields(parameters, `${name}.ResultWriter.Parameters`, ['Bucket', 'Prefix']);
  return {
    bucket: stringField(parameters, 'Bucket'),
    prefix: stringField(parameters, 'Prefix').replace(/\/+$/, ''),
  };
}

async function writeResults(
  execution: Execution,
  writer: { bucket: string; prefix: string },
  runId: string,
  mapRunArn: string,
  records: readonly ChildExecutionRecord[],
): Promise<string> {
  const folder = [writer.prefix, runId].filter(Boolean).join('/');
  const put = (key: string, body: string) =>
    execution.options.s3.send(
      new PutObjectCommand({ Bucket: writer.bucket, Key: key, Body: body, ContentType: 'application/json' }),
    );
  const files: Record<(typeof STATUSES)[number], { Key: string; Size: number }[]> = {
    SUCCEEDED: [],
    FAILED: [],
    PENDING: [],
  };
  for (const status of STATUSES) {
    const entries = records.filter((record) => record.Status === status);
    if (entries.length === 0) continue;
    const key = `${folder}/${status}_0.json`;
    const body = JSON.stringify(entries);
    await put(key, body);
    files[status].push({ Key: key, Size: Buffer.byteLength(body) });
  }
  const manifestKey = `${folder}/manifest.json`;
  await put(
    manifestKey,
    JSON.stringify({ DestinationBucket: writer.bucket, MapRunArn: mapRunArn, ResultFiles: files }),
  );
  return manifestKey;
}
