import { describe, expect, it } from 'vitest';
import { SnapshotDraft } from '../../shared/collect/snapshot-draft.js';
import { ACCOUNT_ID, application, REGION } from './support/account-builders.js';

describe('Class: SnapshotDraft', () => {
  describe('Method: addAccessKey', () => {
    it('renders the access key lookups in iam.accessKeys, by id, the last one of an id kept', () => {
      // Prepare
      const draft = new SnapshotDraft(ACCOUNT_ID, 'aws', [REGION]);
      draft.addAccessKey({ AccessKeyId: 'AKIAZZZZZZZZZZZZZZZZ', Account: '444455556666' });
      draft.addAccessKey({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Account: ACCOUNT_ID });
      draft.addAccessKey({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Account: ACCOUNT_ID, Status: 'Active' });

      // Act
      const { iam } = draft.snapshot();

      // Assess
      expect(iam).toEqual({
        roles: [],
        policies: [],
        accessKeys: [
          { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Account: ACCOUNT_ID, Status: 'Active' },
          { AccessKeyId: 'AKIAZZZZZZZZZZZZZZZZ', Account: '444455556666' },
        ],
      });
    });

    it('leaves iam.accessKeys out when no key was looked up', () => {
      // Act
      const { iam } = new SnapshotDraft(ACCOUNT_ID, 'aws', [REGION]).snapshot();

      // Assess
      expect(iam).toEqual({ roles: [], policies: [] });
    });
  });
});

describe('Method: SnapshotDraft.readFirst', () => {
  it('puts the applications to read first at the front of applications(), and renders the snapshot in list order', () => {
    // Prepare
    const draft = new SnapshotDraft(ACCOUNT_ID, 'aws', [REGION, 'us-east-1']);
    const [a, b] = [application('a'), application('b')];
    const c = application('c', { region: 'us-east-1' });
    draft.setApplications(REGION, [a, b]);
    draft.setApplications('us-east-1', [c]);

    // Act
    draft.readFirst([c.ApplicationARN, b.ApplicationARN]);

    // Assess
    expect(draft.applications().map(({ application }) => application.ApplicationName)).toEqual([
      'b',
      'c',
      'a',
    ]);
    expect(draft.snapshot().regions?.[REGION]?.applications).toEqual([a, b]);
  });
});
