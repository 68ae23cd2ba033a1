import type { QueryService } from '../types.js';

/** STS: who the caller is. Every sandbox caller is the account's own `sandbox` user. */
export const stsService: QueryService = {
  signingName: 'sts',
  flavour: 'query',
  xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  operations: {
    GetCallerIdentity: (_params, { state }) => ({
      UserId: 'AIDASANDBOXUSER000001',
      Account: state.accountId,
      Arn: `arn:${state.partition}:iam::${state.accountId}:user/sandbox`,
    }),
  },
};
