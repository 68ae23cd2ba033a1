import { describe, expect, it } from 'vitest';
import { ByteBudget } from '../../shared/collect/byte-budget.js';
import { InvalidRequestError } from '../../shared/errors.js';

/** A unit of work the test finishes by hand, recording when it started. */
function manualWork(name: string, started: string[]) {
  let finish: () => void = () => {};
  const done = new Promise<string>((resolve) => {
    finish = () => resolve(name);
  });
  return {
    run: () => {
      started.push(name);
      return done;
    },
    finish: () => finish(),
  };
}

/** Lets every pending promise callback run (no timers involved). */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 10; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('Class: ByteBudget', () => {
  describe('Method: use', () => {
    it('runs work at once while its bytes fit, and holds back the rest until bytes come back', async () => {
      // Prepare
      const budget = new ByteBudget(100);
      const started: string[] = [];
      const [a, b, c] = ['a', 'b', 'c'].map((name) => manualWork(name, started)) as [
        ReturnType<typeof manualWork>,
        ReturnType<typeof manualWork>,
        ReturnType<typeof manualWork>,
      ];

      // Act
      const results = [budget.use(60, a.run), budget.use(40, b.run), budget.use(30, c.run)];
      await settle();
      const before = { started: [...started], inFlight: budget.inFlight() };
      a.finish();
      await settle();
      const after = { started: [...started], inFlight: budget.inFlight() };
      b.finish();
      c.finish();

      // Assess
      expect({ before, after, results: await Promise.all(results), end: budget.inFlight() }).toEqual({
        before: { started: ['a', 'b'], inFlight: 100 },
        after: { started: ['a', 'b', 'c'], inFlight: 70 },
        results: ['a', 'b', 'c'],
        end: 0,
      });
    });

    it('starts waiters in arrival order: a small one does not overtake a large one', async () => {
      // Prepare
      const budget = new ByteBudget(100);
      const started: string[] = [];
      const first = manualWork('first', started);
      const large = manualWork('large', started);
      const small = manualWork('small', started);

      // Act
      const results = [budget.use(50, first.run), budget.use(80, large.run), budget.use(10, small.run)];
      await settle();
      const waiting = [...started];
      first.finish();
      await settle();
      const afterFirst = [...started];
      large.finish();
      small.finish();
      await Promise.all(results);

      // Assess
      expect({ waiting, afterFirst }).toEqual({
        waiting: ['first'],
        afterFirst: ['first', 'large', 'small'],
      });
    });

    it('runs work larger than the whole budget alone, once nothing else is in flight', async () => {
      // Prepare
      const budget = new ByteBudget(100);
      const started: string[] = [];
      const small = manualWork('small', started);
      const huge = manualWork('huge', started);
      const after = manualWork('after', started);

      // Act
      const results = [budget.use(10, small.run), budget.use(500, huge.run), budget.use(10, after.run)];
      await settle();
      const whileSmall = [...started];
      small.finish();
      await settle();
      const whileHuge = { started: [...started], inFlight: budget.inFlight() };
      huge.finish();
      await settle();
      const afterHuge = [...started];
      after.finish();
      await Promise.all(results);

      // Assess
      expect({ whileSmall, whileHuge, afterHuge }).toEqual({
        whileSmall: ['small'],
        whileHuge: { started: ['small', 'huge'], inFlight: 100 },
        afterHuge: ['small', 'huge', 'after'],
      });
    });

    it('gives the bytes back when the work fails', async () => {
      // Prepare
      const budget = new ByteBudget(100);

      // Act
      const failure = await budget
        .use(100, async () => {
          throw new Error('download failed');
        })
        .catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
      const next = await budget.use(100, async () => 'ran');

      // Assess
      expect({ failure, next, inFlight: budget.inFlight() }).toEqual({
        failure: 'download failed',
        next: 'ran',
        inFlight: 0,
      });
    });
  });

  it.each([0, -1, 1.5, Number.NaN])('throws InvalidRequestError for a capacity of %s bytes', (capacity) => {
    // Act
    const build = () => new ByteBudget(capacity);

    // Assess
    expect(build).toThrow(
      new InvalidRequestError([
        `the code artifact byte budget must be a whole number of bytes above 0, got ${capacity}`,
      ]),
    );
  });
});
