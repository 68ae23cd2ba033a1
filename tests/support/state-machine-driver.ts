import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { invokeTask } from './state-machine-lambda.js';
import { runDistributedMap } from './state-machine-map.js';
import {
  applyTemplate,
  isObject,
  readPath,
  StatesError,
  UnsupportedDefinitionError,
  writePath,
} from './state-machine-paths.js';

/**
 * Runs OUR Amazon States Language definitions locally, doing for each field what Step Functions
 * does, and refusing (UnsupportedDefinitionError) any field it does not implement, so a test that
 * passes proves the definition as written. Implemented: Task (lambda:invoke: Parameters,
 * ResultSelector, ResultPath, OutputPath, Retry by count (state-machine-lambda.ts), Catch), Map (DISTRIBUTED: see
 * state-machine-map.ts), Succeed, Fail.
 */

/** A Lambda function the definition invokes: a handler as Lambda would call it. */
export type LambdaFunction = (event: unknown, context: Context) => Promise<unknown>;

/** A state machine definition (parsed ASL). */
export type Definition = Record<string, unknown>;

/** What runs the definition: its functions (by FunctionName after substitution) and AWS around it. */
export interface DriverOptions {
  functions: Readonly<Record<string, LambdaFunction>>;
  /** Reads Map items and writes Map results. */
  s3: S3Client;
  region?: string;
  accountId?: string;
  stateMachineName?: string;
  executionName?: string;
  clock?: () => Date;
  newId?: () => string;
}

/** One Lambda invocation the execution made, in order. */
export interface Invocation {
  functionName: string;
  payload: unknown;
  outcome: 'returned' | 'threw';
}

/** How the execution ended, with the states it entered (Map children as `Map/State`) and its invocations. */
export type ExecutionResult = (
  | { status: 'SUCCEEDED'; output: unknown }
  | { status: 'FAILED'; error: string; cause: string }
) & { states: string[]; invocations: Invocation[] };

/** Runtime values shared by every state of an execution (and its Map children). */
export interface Execution {
  options: Required<Omit<DriverOptions, 'functions' | 's3' | 'executionName'>> &
    Pick<DriverOptions, 'functions' | 's3'>;
  states: string[];
  invocations: Invocation[];
}

/** Reads a definition file, replacing `${Name}` as DefinitionSubstitutions do; an unknown name throws. */
export function loadDefinition(path: string, substitutions: Readonly<Record<string, string>>): Definition {
  const text = readFileSync(path, 'utf8').replace(/\$\{([A-Za-z0-9_]+)\}/g, (_match, name: string) => {
    const value = substitutions[name];
    if (value === undefined) throw new Error(`${path} uses \${${name}}, which no substitution gives`);
    return value;
  });
  const definition: unknown = JSON.parse(text);
  if (!isObject(definition)) throw new Error(`${path} is not a state machine definition`);
  return definition;
}

/** Runs one execution of the definition with the given input. */
export async function runStateMachine(
  definition: Definition,
  input: unknown,
  options: DriverOptions,
): Promise<ExecutionResult> {
  const execution: Execution = {
    options: {
      functions: options.functions,
      s3: options.s3,
      region: options.region ?? 'eu-west-1',
      accountId: options.accountId ?? '111122223333',
      stateMachineName: options.stateMachineName ?? 'kda-auditor-organization-scan',
      clock: options.clock ?? (() => new Date()),
      newId: options.newId ?? randomUUID,
    },
    states: [],
    invocations: [],
  };
  const name = options.executionName ?? execution.options.newId();
  const { region, accountId, stateMachineName } = execution.options;
  const context = {
    Execution: {
      Id: `arn:aws:states:${region}:${accountId}:execution:${stateMachineName}:${name}`,
      Name: name,
      StartTime: execution.options.clock().toISOString(),
      Input: input,
    },
    StateMachine: {
      Id: `arn:aws:states:${region}:${accountId}:stateMachine:${stateMachineName}`,
      Name: stateMachineName,
    },
  };
  const outcome = await runStates(definition, json(input), context, execution, '');
  const trail = { states: execution.states, invocations: execution.invocations };
  return 'output' in outcome
    ? { status: 'SUCCEEDED', output: outcome.output, ...trail }
    : { status: 'FAILED', error: outcome.error, cause: outcome.cause, ...trail };
}

/** Walks a States block from StartAt to a terminal state; used for the top level and each Map item. */
export async function runStates(
  machine: Definition,
  input: unknown,
  context: Record<string, unknown>,
  execution: Execution,
  scope: string,
): Promise<{ output: unknown } | { error: string; cause: string }> {
  // ProcessorConfig belongs to an ItemProcessor; runDistributedMap checks it.
  allowFields(machine, 'state machine', ['Comment', 'StartAt', 'States', 'ProcessorConfig']);
  const states = machine.States;
  if (!isObject(states)) throw new UnsupportedDefinitionError('a definition without States');
  let name = stringField(machine, 'StartAt');
  let data = input;
  for (;;) {
    const state = states[name];
    if (!isObject(state)) throw new Error(`state "${name}" is not defined`);
    execution.states.push(`${scope}${name}`);
    const stateContext = {
      ...context,
      State: { Name: name, EnteredTime: execution.options.clock().toISOString() },
    };
    let result: { output: unknown; next?: string } | { error: string; cause: string };
    try {
      result = await runState(name, state, data, stateContext, execution, scope);
    } catch (error) {
      if (error instanceof StatesError) return { error: error.error, cause: error.stateCause };
      throw error;
    }
    if ('error' in result) return result;
    if (result.next === undefined) return { output: result.output };
    name = result.next;
    data = result.output;
  }
}

async function runState(
  name: string,
  state: Record<string, unknown>,
  input: unknown,
  context: Record<string, unknown>,
  execution: Execution,
  scope: string,
): Promise<{ output: unknown; next?: string } | { error: string; cause: string }> {
  switch (state.Type) {
    case 'Succeed':
      allowFields(state, name, ['Type', 'Comment']);
      return { output: input };
    case 'Fail':
      allowFields(state, name, ['Type', 'Comment', 'Error', 'Cause']);
      return { error: String(state.Error ?? 'States.Fail'), cause: String(state.Cause ?? '') };
    case 'Task':
      allowFields(state, name, [
        'Type',
        'Comment',
        'Resource',
        'Parameters',
        'ResultSelector',
        'ResultPath',
        'OutputPath',
        'Retry',
        'Catch',
        'Next',
        'End',
      ]);
      return withCatch(name, state, input, context, () => invokeTask(name, state, input, context, execution));
    case 'Map':
      allowFields(state, name, [
        'Type',
        'Comment',
        'ItemReader',
        'MaxConcurrencyPath',
        'ToleratedFailurePercentagePath',
        'ItemProcessor',
        'ResultWriter',
        'ResultPath',
        'Catch',
        'Next',
        'End',
      ]);
      return withCatch(name, state, input, context, () =>
        runDistributedMap(name, state, input, context, execution, scope),
      );
    default:
      throw new UnsupportedDefinitionError(`state "${name}" of Type ${String(state.Type)}`);
  }
}

/** Runs a state's work, then applies ResultPath / OutputPath / Next, or its Catch on an error. */
async function withCatch(
  name: string,
  state: Record<string, unknown>,
  input: unknown,
  context: Record<string, unknown>,
  work: () => Promise<unknown>,
): Promise<{ output: unknown; next?: string } | { error: string; cause: string }> {
  const next = transitionOf(name, state);
  try {
    const result = await work();
    const selected =
      state.ResultSelector === undefined ? result : applyTemplate(state.ResultSelector, result, context);
    const combined = placeResult(state.ResultPath, input, selected);
    const output =
      state.OutputPath === undefined ? combined : readPath(String(state.OutputPath), combined, context);
    return { output, ...(next ? { next } : {}) };
  } catch (error) {
    if (!(error instanceof StatesError)) throw error;
    const catcher = matchingRule(name, state.Catch, error.error, ['ErrorEquals', 'ResultPath', 'Next']);
    if (!catcher) return { error: error.error, cause: error.stateCause };
    return {
      output: placeResult(catcher.ResultPath, input, { Error: error.error, Cause: error.stateCause }),
      next: stringField(catcher, 'Next'),
    };
  }
}

/** The first Retry / Catch rule whose ErrorEquals matches, as Step Functions picks it. */
export function matchingRule(
  name: string,
  rules: unknown,
  error: string,
  fields: readonly string[],
): Record<string, unknown> | undefined {
  if (rules === undefined) return undefined;
  if (!Array.isArray(rules))
    throw new UnsupportedDefinitionError(`state "${name}" rules that are not a list`);
  for (const rule of rules) {
    if (!isObject(rule) || !Array.isArray(rule.ErrorEquals))
      throw new UnsupportedDefinitionError(`state "${name}" rule without ErrorEquals`);
    allowFields(rule, `${name} rule`, fields);
    if (rule.ErrorEquals.some((candidate) => errorMatches(String(candidate), error))) return rule;
  }
  return undefined;
}

function errorMatches(candidate: string, error: string): boolean {
  // States.ALL never catches a runtime error of the definition itself, as in AWS.
  if (candidate === 'States.ALL') return error !== 'States.Runtime';
  if (candidate === 'States.TaskFailed') return error !== 'States.Timeout' && error !== 'States.Runtime';
  return candidate === error;
}

/** Places a result in the state's input per ResultPath (absent: replaces it; null: discards the result). */
export function placeResult(resultPath: unknown, input: unknown, result: unknown): unknown {
  if (resultPath === undefined) return result;
  if (resultPath === null) return input;
  return writePath(String(resultPath), input, result);
}

function transitionOf(name: string, state: Record<string, unknown>): string | undefined {
  if (state.End === true) return undefined;
  if (typeof state.Next !== 'string') throw new Error(`state "${name}" has neither Next nor End`);
  return state.Next;
}

/** Refuses any field the driver does not implement. */
export function allowFields(node: Record<string, unknown>, where: string, allowed: readonly string[]): void {
  const unknown = Object.keys(node).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) throw new UnsupportedDefinitionError(`${where}: field(s) ${unknown.join(', ')}`);
}

/** A required string field. */
export function stringField(node: Record<string, unknown>, field: string): string {
  const value = node[field];
  if (typeof value !== 'string')
    throw new Error(`field ${field} must be a string, found ${JSON.stringify(value)}`);
  return value;
}

/** A value as it comes out of JSON: what crosses a state or a Lambda boundary. */
export function json(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
