import { describe, expect, it } from 'vitest';
import { AccountIndex } from '../../shared/snapshot/account-index.js';
import type { AccountSnapshot, ApplicationDetail, KeyDetail } from '../../shared/snapshot/types.js';

const ACCOUNT = '111122223333';
const KEY_ARN = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1b2c3d4e-1111-2222-3333-444455556666`;

function key(): KeyDetail {
  return {
    KeyMetadata: { KeyId: '1b2c3d4e-1111-2222-3333-444455556666', Arn: KEY_ARN, KeyState: 'Enabled' },
    KeyRotationEnabled: true,
    Aliases: ['alias/acme-streams'],
  };
}

function application(name: string, role?: string): ApplicationDetail {
  return {
    ApplicationName: name,
    ApplicationARN: `arn:aws:kinesisanalytics:eu-west-1:${ACCOUNT}:application/${name}`,
    ...(role ? { ServiceExecutionRole: role } : {}),
  } as ApplicationDetail;
}

function snapshot(extra: Partial<AccountSnapshot> = {}): AccountSnapshot {
  return {
    snapshotVersion: 1,
    accountId: ACCOUNT,
    regions: {
      'eu-west-1': {
        keys: [key()],
        trails: [
          {
            Name: 'local',
            TrailARN: `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/local`,
            HomeRegion: 'eu-west-1',
          },
        ],
      },
      'us-east-1': {
        trails: [
          {
            Name: 'org',
            TrailARN: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org`,
            HomeRegion: 'us-east-1',
            IsMultiRegionTrail: true,
          },
        ],
      },
    },
    ...extra,
  };
}

describe('Class: AccountIndex', () => {
  describe('Method: key', () => {
    it.each([
      ['key ARN', KEY_ARN],
      ['key id', '1b2c3d4e-1111-2222-3333-444455556666'],
      ['alias name', 'alias/acme-streams'],
      ['alias ARN', `arn:aws:kms:eu-west-1:${ACCOUNT}:alias/acme-streams`],
    ])('resolves a key by its %s', (_label, reference) => {
      // Prepare
      const index = new AccountIndex(snapshot());

      // Act
      const found = index.key(reference, 'eu-west-1');

      // Assess
      expect(found?.KeyMetadata.Arn).toBe(KEY_ARN);
    });

    it('does not resolve a key id in another region', () => {
      // Act
      const found = new AccountIndex(snapshot()).key('alias/acme-streams', 'us-east-1');

      // Assess
      expect(found).toBeUndefined();
    });
  });

  describe('Method: trailsCovering', () => {
    it('returns home-region trails and multi-region trails of other regions', () => {
      // Act
      const names = new AccountIndex(snapshot()).trailsCovering('eu-west-1').map((trail) => trail.Name);

      // Assess
      expect(names).toEqual(['local', 'org']);
    });

    it('returns only multi-region trails for a region with no trail of its own', () => {
      // Act
      const names = new AccountIndex(snapshot()).trailsCovering('ap-south-1').map((trail) => trail.Name);

      // Assess
      expect(names).toEqual(['org']);
    });
  });

  describe('Method: role', () => {
    it('finds a role by name when the ARN carries another path', () => {
      // Prepare
      const index = new AccountIndex(
        snapshot({
          iam: {
            roles: [{ RoleName: 'app-role', Arn: `arn:aws:iam::${ACCOUNT}:role/service-role/app-role` }],
          },
        }),
      );

      // Act
      const role = index.role(`arn:aws:iam::${ACCOUNT}:role/app-role`);

      // Assess
      expect(role?.Arn).toBe(`arn:aws:iam::${ACCOUNT}:role/service-role/app-role`);
    });
  });

  describe('Method: applicationsUsingRole', () => {
    const withPath = `arn:aws:iam::${ACCOUNT}:role/streaming/shared-role`;
    const withoutPath = `arn:aws:iam::${ACCOUNT}:role/shared-role`;
    const applications = [
      application('orders', withPath),
      application('clicks', `arn:aws:iam::${ACCOUNT}:role/clicks-role`),
      application('payments', withoutPath),
      application('partner', 'arn:aws:iam::444455556666:role/shared-role'),
      application('no-role'),
    ];
    const index = () =>
      new AccountIndex(
        snapshot({ regions: { 'eu-west-1': { applications }, 'us-east-1': { applications: [] } } }),
      );

    it('groups the applications whose role ARNs name one role, with or without its path, in snapshot order', () => {
      // Act
      const users = [withPath, withoutPath].map((arn) =>
        index()
          .applicationsUsingRole(arn)
          .map((entry) => entry.application.ApplicationName),
      );

      // Assess
      expect(users).toEqual([
        ['orders', 'payments'],
        ['orders', 'payments'],
      ]);
    });

    it("keeps apart another account's role of the same name and roles of other names", () => {
      // Act
      const partner = index().applicationsUsingRole('arn:aws:iam::444455556666:role/shared-role');
      const clicks = index().applicationsUsingRole(`arn:aws:iam::${ACCOUNT}:role/clicks-role`);
      const unused = index().applicationsUsingRole(`arn:aws:iam::${ACCOUNT}:role/unused`);

      // Assess
      expect(partner.map((entry) => entry.application.ApplicationName)).toEqual(['partner']);
      expect(clicks.map((entry) => entry.application.ApplicationName)).toEqual(['clicks']);
      expect(unused).toEqual([]);
    });
  });

  describe('Method: accessKey', () => {
    it('returns the lookup of an access key id, and undefined for an id never looked up', () => {
      // Prepare
      const lookup = {
        AccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        Account: ACCOUNT,
        UserName: 'ci',
        Status: 'Active',
      };
      const index = new AccountIndex(snapshot({ iam: { accessKeys: [lookup] } }));

      // Act
      const found = [index.accessKey('AKIAIOSFODNN7EXAMPLE'), index.accessKey('AKIAI44QH8DHBEXAMPLE')];

      // Assess
      expect(found).toEqual([lookup, undefined]);
    });
  });

  describe('Method: unreadable', () => {
    const errors = [
      { operation: 'kms:DescribeKey', resource: KEY_ARN, code: 'AccessDeniedException', message: 'denied' },
      {
        operation: 's3:GetBucketPolicy',
        resource: 'arn:aws:s3:::logs',
        code: 'AccessDenied',
        message: 'denied',
      },
      {
        operation: 'kinesis:DescribeStreamSummary',
        region: 'us-east-1',
        code: 'AccessDeniedException',
        message: 'x',
      },
    ];

    it('returns the errors that name the resource', () => {
      // Act
      const found = new AccountIndex(snapshot({ collectionErrors: errors })).unreadable(KEY_ARN);

      // Assess
      expect(found).toEqual([errors[0]]);
    });

    it('filters by operation', () => {
      // Prepare
      const index = new AccountIndex(snapshot({ collectionErrors: errors }));

      // Act
      const policy = index.unreadable('arn:aws:s3:::logs', ['s3:GetBucketPolicy']);
      const encryption = index.unreadable('arn:aws:s3:::logs', ['s3:GetBucketEncryption']);

      // Assess
      expect(policy).toEqual([errors[1]]);
      expect(encryption).toEqual([]);
    });

    it('applies an error without a resource to every resource of its service in its region', () => {
      // Prepare
      const index = new AccountIndex(snapshot({ collectionErrors: errors }));

      // Act
      const sameRegion = index.unreadable(`arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/a`);
      const otherRegion = index.unreadable(`arn:aws:kinesis:eu-west-1:${ACCOUNT}:stream/a`);

      // Assess
      expect(sameRegion).toEqual([errors[2]]);
      expect(otherRegion).toEqual([]);
    });

    it('returns the errors in snapshot order, those naming the resource and those naming none alike', () => {
      // Prepare
      const stream = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/a`;
      const named = {
        operation: 'kinesis:DescribeStreamSummary',
        resource: stream,
        code: 'Throttling',
        message: 'x',
      };
      const index = new AccountIndex(snapshot({ collectionErrors: [errors[2], named, errors[0]] as never }));

      // Act
      const found = index.unreadable(stream);

      // Assess
      expect(found).toEqual([errors[2], named]);
    });
  });

  describe('Method: consulting', () => {
    const notStarted = {
      operation: 'kms:DescribeKey',
      resource: KEY_ARN,
      code: 'TimeLimitReached',
      message: 'not started',
    };
    const watching = () =>
      new AccountIndex(snapshot({ collectionErrors: [notStarted] }), {
        watch: (error) => error.code === 'TimeLimitReached',
      });

    it('tells whether the work got a watched error in an answer', () => {
      // Prepare
      const index = watching();

      // Act
      const asked = index.consulting(() => index.unreadable(KEY_ARN));
      const other = index.consulting(() => index.unreadable('arn:aws:s3:::logs'));

      // Assess
      expect(asked).toEqual({ value: [notStarted], consulted: true });
      expect(other).toEqual({ value: [], consulted: false });
    });

    it('tells it too for work that reuses a value derived earlier from such an answer', () => {
      // Prepare
      const index = watching();
      let computed = 0;
      const keyErrors = (from: AccountIndex, _key: object) => {
        computed += 1;
        return from.unreadable(KEY_ARN).length;
      };
      const key = {};
      index.consulting(() => index.derive(keyErrors, key));

      // Act
      const reused = index.consulting(() => index.derive(keyErrors, key));

      // Assess: the value was not computed again, and the watched error travelled with it
      expect(reused).toEqual({ value: 1, consulted: true });
      expect(computed).toBe(1);
    });
  });
});
