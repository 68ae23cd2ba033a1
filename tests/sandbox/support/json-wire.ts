/**
 * What the awsJson sandbox tests share: the fixture account, how a failed SDK call is read, a raw
 * awsJson call (for operations no installed SDK client sends), and the AWS CLI pointed at a sandbox.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** The account every sandbox fixture lives in. */
export const ACCOUNT = '111122223333';
/** The region every sandbox fixture lives in unless told otherwise. */
export const REGION = 'eu-west-1';
/** Dummy credentials: the sandbox reads the SigV4 scope, never checks the signature. */
export const credentials = { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox' };

/** A failed AWS call as the caller sees it. */
export interface AwsFailure {
  name: string;
  message: string;
  status: number | undefined;
}

/** The error an SDK call fails with: its AWS error code, message and HTTP status. */
export async function failureOf(call: Promise<unknown>): Promise<AwsFailure> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const metadata = '$metadata' in error ? error.$metadata : undefined;
    const status =
      typeof metadata === 'object' && metadata !== null && 'httpStatusCode' in metadata
        ? metadata.httpStatusCode
        : undefined;
    return {
      name: error.name,
      message: error.message,
      status: typeof status === 'number' ? status : undefined,
    };
  }
  throw new Error('The call succeeded, but the test expects it to fail.');
}

/** An awsJson1_1 call made by hand, with a SigV4-shaped Authorization header. */
export async function rawJsonCall(
  endpoint: string,
  call: { target: string; signingName: string; region?: string; body?: Record<string, unknown> },
): Promise<{ status: number; body: unknown }> {
  const scope = `AKIDSANDBOX/20260101/${call.region ?? REGION}/${call.signingName}/aws4_request`;
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': call.target,
      authorization: `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host, Signature=00`,
    },
    body: JSON.stringify(call.body ?? {}),
  });
  return { status: response.status, body: await response.json() };
}

const run = promisify(execFile);

/** Whether the AWS CLI can be run here; under CI=true its absence is a failure, not a skip. */
export async function awsCliAvailable(): Promise<boolean> {
  try {
    await run('aws', ['--version']);
    return true;
  } catch (error) {
    if (process.env.CI === 'true') {
      throw new Error('The AWS CLI is not on PATH; CI must install it (pip install awscli).', {
        cause: error,
      });
    }
    return false;
  }
}

/** Message for a test skipped because the AWS CLI is missing. */
export const NO_AWS_CLI = 'The AWS CLI is not on PATH; install it (pip install awscli) to run this test.';

/** Runs `aws <service> <operation> …` against the sandbox and parses its JSON output. */
export async function awsCli(endpoint: string, region: string, args: readonly string[]): Promise<unknown> {
  const { stdout } = await run(
    'aws',
    ['--endpoint-url', endpoint, '--region', region, '--output', 'json', ...args],
    {
      env: {
        // The caller's own AWS_* settings (profile, session token, endpoints) must not leak in.
        ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_'))),
        AWS_ACCESS_KEY_ID: 'AKIDSANDBOX',
        AWS_SECRET_ACCESS_KEY: 'sandbox',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        AWS_EC2_METADATA_DISABLED: 'true',
      },
      timeout: 60_000,
    },
  );
  return JSON.parse(stdout);
}
