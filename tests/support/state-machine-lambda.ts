import type { Context } from 'aws-lambda';
import { allowFields, type Execution, json, matchingRule, stringField } from './state-machine-driver.js';
import { applyTemplate, isObject, StatesError, UnsupportedDefinitionError } from './state-machine-paths.js';

/**
 * A Task whose Resource is arn:aws:states:::lambda:invoke: calls the registered function with the
 * Payload (as JSON), retries per Retry by count (intervals are timing only, so ignored), and
 * returns what lambda:invoke returns: `{ ExecutedVersion, Payload, StatusCode }`.
 */
export async function invokeTask(
  name: string,
  state: Record<string, unknown>,
  input: unknown,
  context: Record<string, unknown>,
  execution: Execution,
): Promise<unknown> {
  if (state.Resource !== 'arn:aws:states:::lambda:invoke')
    throw new UnsupportedDefinitionError(`Task "${name}" Resource ${String(state.Resource)}`);
  const parameters = applyTemplate(state.Parameters, input, context);
  if (!isObject(parameters)) throw new UnsupportedDefinitionError(`Task "${name}" without Parameters`);
  allowFields(parameters, `${name}.Parameters`, ['FunctionName', 'Payload']);
  const functionName = stringField(parameters, 'FunctionName');
  const fn = execution.options.functions[functionName];
  if (!fn) throw new Error(`Task "${name}" invokes ${functionName}, which the test did not register`);
  const payload = json(parameters.Payload);
  let attempts = 0;
  for (;;) {
    try {
      const result = await fn(payload, lambdaContext(functionName, execution));
      execution.invocations.push({ functionName, payload, outcome: 'returned' });
      // What lambda:invoke returns: the function's JSON-serialised answer under Payload.
      return { ExecutedVersion: '$LATEST', Payload: json(result ?? null), StatusCode: 200 };
    } catch (error) {
      execution.invocations.push({ functionName, payload, outcome: 'threw' });
      const failure = lambdaError(error);
      const retrier = matchingRule(name, state.Retry, failure.error, [
        'ErrorEquals',
        'MaxAttempts',
        // Timing only: a local run retries at once.
        'IntervalSeconds',
        'BackoffRate',
        'MaxDelaySeconds',
        'JitterStrategy',
      ]);
      attempts += 1;
      const maxAttempts = retrier ? Number(retrier.MaxAttempts ?? 3) : 0;
      if (attempts > maxAttempts) throw failure;
    }
  }
}

// A function error reaches the state as its errorType, the cause being Lambda's error document.
function lambdaError(error: unknown): StatesError {
  const errorType = error instanceof Error ? error.name : 'Error';
  const errorMessage = error instanceof Error ? error.message : String(error);
  return new StatesError(errorType, JSON.stringify({ errorType, errorMessage, trace: [] }));
}

function lambdaContext(functionName: string, execution: Execution): Context {
  const { region, accountId } = execution.options;
  const arn = functionName.startsWith('arn:')
    ? functionName
    : `arn:aws:lambda:${region}:${accountId}:function:${functionName}`;
  const shortName = arn.split(':')[6] ?? functionName;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: shortName,
    functionVersion: '$LATEST',
    invokedFunctionArn: arn,
    memoryLimitInMB: '1024',
    awsRequestId: execution.options.newId(),
    logGroupName: `/aws/lambda/${shortName}`,
    logStreamName: '2026/11/29/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => 900_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
