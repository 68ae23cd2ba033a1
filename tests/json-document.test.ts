import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { parseJsonDocument } from '../shared/json-document.js';

const schema = z.object({ accountId: z.string() });

describe('Function: parseJsonDocument', () => {
  it('returns the value when the text is JSON matching the schema', () => {
    // Act
    const parsed = parseJsonDocument('{"accountId":"111122223333"}', schema, 'an index');

    // Assess
    expect(parsed).toEqual({ ok: true, value: { accountId: '111122223333' } });
  });

  it('says the text is not JSON, with the parser message', () => {
    // Act
    const parsed = parseJsonDocument('{"accountId":', schema, 'an index');

    // Assess
    expect(parsed).toEqual({ ok: false, problem: expect.stringMatching(/^it is not JSON \(.+\)$/) });
  });

  it('names what was expected and the first field at fault', () => {
    // Act
    const parsed = parseJsonDocument('{"accountId":12}', schema, 'an index');

    // Assess
    expect(parsed).toEqual({
      ok: false,
      problem: 'it is not an index (accountId: Invalid input: expected string, received number)',
    });
  });

  it('says "the top level" when the document itself has the wrong type', () => {
    // Act
    const parsed = parseJsonDocument('[]', schema, 'an index');

    // Assess
    expect(parsed).toEqual({
      ok: false,
      problem: 'it is not an index (the top level: Invalid input: expected object, received array)',
    });
  });
});
