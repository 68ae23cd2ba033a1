import type { AssumedRoleSession, SandboxState } from './state.js';

const ACCESS_KEY = /Credential=([^/,\s]+)\//;

/** The access key id a request is signed with (SigV4 Authorization header or presigned query). */
export function signingAccessKeyId(
  headers: Record<string, string>,
  query: URLSearchParams,
): string | undefined {
  const match =
    ACCESS_KEY.exec(headers.authorization ?? '') ??
    ACCESS_KEY.exec(`Credential=${query.get('X-Amz-Credential') ?? ''}`);
  return match?.[1];
}

/** The AssumeRole session an access key id belongs to, if the sandbox handed it out. */
export function sessionOf(
  state: SandboxState,
  accessKeyId: string | undefined,
): AssumedRoleSession | undefined {
  return accessKeyId === undefined ? undefined : state.sessions.get(accessKeyId);
}

/**
 * The account a request is served from, as AWS decides it from the credentials: a role session's
 * account for credentials AssumeRole handed out, else the auditor's (the sandbox's own static
 * credentials, whatever their value).
 */
export function servingState(auditor: SandboxState, accessKeyId: string | undefined): SandboxState {
  const session = sessionOf(auditor, accessKeyId);
  return (session?.accountId && auditor.accounts.get(session.accountId)) || auditor;
}
