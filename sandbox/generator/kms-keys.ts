import type { CollectionError, KeyDetail } from '../../shared/snapshot/types.js';
import type { AccountArns } from './account-arns.js';
import { beforeGeneratedAt, momentBefore } from './generated-time.js';
import type { SeededRandom } from './random.js';

/** The alias of the AWS managed key Kinesis uses when a stream names no key of its own. */
export const AWS_KINESIS_ALIAS = 'alias/aws/kinesis';

/** What is wrong with an application's private key (the `stream-key` planted problems). */
export type PrivateKeyProblem = 'pending-deletion' | 'rotation-off' | 'unreadable';

/**
 * The account's KMS keys, region by region: the AWS managed Kinesis key everywhere, a customer key
 * per team and region (`alias/<team>-data`) created the first time something uses it, and private
 * keys that carry a planted problem. A key the scan "could not read" is left out of the snapshot and
 * recorded in collectionErrors instead, as collection would have done.
 */
export class KeyRing {
  readonly #arns: AccountArns;
  readonly #random: SeededRandom;
  readonly #byRegion = new Map<string, KeyDetail[]>();
  readonly #teamKeys = new Map<string, string>();
  readonly #errors: CollectionError[] = [];

  constructor(arns: AccountArns, random: SeededRandom, regions: readonly string[]) {
    this.#arns = arns;
    this.#random = random;
    for (const region of regions) {
      this.#byRegion.set(region, []);
      this.#add(
        region,
        this.#key(region, {
          manager: 'AWS',
          alias: AWS_KINESIS_ALIAS,
          description: 'Default key that protects my Kinesis data when no other key is defined',
        }),
      );
    }
  }

  /** The ARN of a team's data key in a region, creating the key on first use. */
  teamKey(team: string, region: string): string {
    const id = `${team} ${region}`;
    let arn = this.#teamKeys.get(id);
    if (!arn) {
      const key = this.#key(region, {
        manager: 'CUSTOMER',
        alias: `alias/${team}-data`,
        description: `Encrypts the ${team} team's streams, delivery streams and buckets`,
      });
      this.#add(region, key);
      arn = key.KeyMetadata.Arn;
      this.#teamKeys.set(id, arn);
    }
    return arn;
  }

  /** A key of one application's own, carrying a planted problem; returns its ARN. */
  privateKey(owner: string, region: string, problem: PrivateKeyProblem): string {
    const key = this.#key(region, {
      manager: 'CUSTOMER',
      alias: `alias/${owner}`,
      description: `Encrypts the source stream of ${owner}`,
    });
    const arn = key.KeyMetadata.Arn;
    if (problem === 'unreadable') {
      this.#errors.push({
        operation: 'kms:DescribeKey',
        resource: arn,
        region,
        code: 'AccessDeniedException',
        message: `User: arn:${this.#arns.partition}:sts::${this.#arns.accountId}:assumed-role/kda-auditor-scan/kda-auditor is not authorized to perform: kms:DescribeKey on resource: ${arn} because no resource-based policy allows the kms:DescribeKey action`,
      });
      return arn;
    }
    if (problem === 'rotation-off') key.KeyRotationEnabled = false;
    else {
      // Scheduled for deletion a few days ago with AWS's 7-day minimum waiting period: disabled, and
      // KMS reports rotation off while a key is pending deletion.
      const scheduled = this.#random.between(1, 6);
      key.KeyRotationEnabled = false;
      Object.assign(key.KeyMetadata, {
        Enabled: false,
        KeyState: 'PendingDeletion',
        DeletionDate: beforeGeneratedAt(scheduled - 7),
        PendingDeletionWindowInDays: 7,
      });
    }
    this.#add(region, key);
    return arn;
  }

  /** The key that encrypts CloudTrail logs, in the trails' bucket region. */
  trailKey(region: string): string {
    const key = this.#key(region, {
      manager: 'CUSTOMER',
      alias: 'alias/cloudtrail-logs',
      description: 'Encrypts CloudTrail log files',
    });
    this.#add(region, key);
    return key.KeyMetadata.Arn;
  }

  /** The keys of a region, in creation order. */
  keysIn(region: string): KeyDetail[] {
    return this.#byRegion.get(region) ?? [];
  }

  /** The DescribeKey calls that "failed", one per unreadable key. */
  collectionErrors(): CollectionError[] {
    return [...this.#errors];
  }

  #add(region: string, key: KeyDetail): void {
    this.#byRegion.get(region)?.push(key);
  }

  #key(
    region: string,
    options: { manager: 'AWS' | 'CUSTOMER'; alias: string; description: string },
  ): KeyDetail {
    const keyId = this.#random.uuid();
    return {
      KeyMetadata: {
        AWSAccountId: this.#arns.accountId,
        KeyId: keyId,
        Arn: this.#arns.key(region, keyId),
        CreationDate: momentBefore(this.#random, 400, 1500),
        Enabled: true,
        Description: options.description,
        KeyUsage: 'ENCRYPT_DECRYPT',
        KeyState: 'Enabled',
        Origin: 'AWS_KMS',
        KeyManager: options.manager,
        CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
        KeySpec: 'SYMMETRIC_DEFAULT',
        EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
        MultiRegion: false,
      },
      KeyRotationEnabled: true,
      Aliases: [options.alias],
    };
  }
}
