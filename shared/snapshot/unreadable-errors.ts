import { type Arn, parseArn } from '../arn.js';
import type { CollectionError } from './types.js';

/**
 * Whether a collection error makes a resource unknown: it names the resource, or it names none
 * and is a read of the resource's service (in its region, or everywhere when either has none).
 */
export function errorMakesUnreadable(
  error: CollectionError,
  resourceArn: string,
  arn: Arn | undefined = parseArn(resourceArn),
): boolean {
  if (error.resource) return error.resource === resourceArn;
  if (!arn || error.operation.split(':')[0] !== arn.service) return false;
  return !error.region || !arn.region || error.region === arn.region;
}

/**
 * Collection errors indexed by the resource they name, for `ResourceLookup.unreadable`: asked for
 * every node of every graph, so only the errors that can match are looked at (a time-limited scan
 * records thousands). The list may grow while collection runs (appended to only): new errors are
 * indexed on the next question.
 */
export class UnreadableErrors {
  readonly #errors: readonly CollectionError[];
  readonly #byResource = new Map<string, number[]>();
  readonly #resourceless: number[] = [];
  #indexed = 0;

  constructor(errors: readonly CollectionError[]) {
    this.#errors = errors;
  }

  /** Positions in the list of the errors that make a resource unknown, in the list's order. */
  positions(resourceArn: string, operations?: readonly string[]): readonly number[] {
    this.#catchUp();
    const named = this.#byResource.get(resourceArn) ?? NONE;
    let positions = named;
    if (this.#resourceless.length > 0) {
      const arn = parseArn(resourceArn);
      const sameService = arn
        ? this.#resourceless.filter((position) =>
            errorMakesUnreadable(this.#errors[position] as CollectionError, resourceArn, arn),
          )
        : NONE;
      if (sameService.length > 0) positions = [...named, ...sameService].sort((a, b) => a - b);
    }
    if (!operations) return positions;
    return positions.filter((position) =>
      operations.includes((this.#errors[position] as CollectionError).operation),
    );
  }

  #catchUp(): void {
    for (; this.#indexed < this.#errors.length; this.#indexed++) {
      const resource = this.#errors[this.#indexed]?.resource;
      if (!resource) {
        this.#resourceless.push(this.#indexed);
        continue;
      }
      const named = this.#byResource.get(resource);
      if (named) named.push(this.#indexed);
      else this.#byResource.set(resource, [this.#indexed]);
    }
  }
}

const NONE: readonly number[] = [];
