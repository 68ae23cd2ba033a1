import { describe, expect, it } from 'vitest';
import { attemptGateMiddleware } from '../../shared/aws/attempt-gate.js';
import { CallGovernor } from '../../shared/aws/governor.js';
import { type LagProbe, WireSlots } from '../../shared/aws/wire-slots.js';

/** A lag probe the test drives: `sample(ms)` is one reading of the event loop's lag. */
function manualProbe() {
  let listener: ((lagMs: number) => void) | undefined;
  let running = false;
  const probe: LagProbe = (onSample) => {
    listener = onSample;
    running = true;
    return {
      stop: () => {
        running = false;
      },
    };
  };
  return { probe, sample: (lagMs: number) => listener?.(lagMs), running: () => running };
}

const drain = () => new Promise((resolve) => setImmediate(resolve));

/** Asks for a slot and records, in `order`, `name` once it is granted. */
function ask(slots: WireSlots, priority: number, name: string, order: string[]): Promise<void> {
  return slots.acquire(priority).then(() => {
    order.push(name);
  });
}

describe('Class: WireSlots', () => {
  it('lets every attempt out at once while the event loop keeps up', async () => {
    // Prepare
    const { probe } = manualProbe();
    const slots = new WireSlots({ min: 2, max: 8 }, probe);
    const order: string[] = [];

    // Act
    await Promise.all(Array.from({ length: 8 }, (_, i) => ask(slots, 5, `a${i}`, order)));

    // Assess
    expect({ out: order.length, capacity: slots.capacity }).toEqual({ out: 8, capacity: 8 });
  });

  it('holds attempts back once the event loop lags, and lets the scarcest quota go first', async () => {
    // Prepare: four out, then a lagging loop
    const { probe, sample } = manualProbe();
    const slots = new WireSlots({ min: 2, max: 4 }, probe);
    const order: string[] = [];
    await Promise.all(['a', 'b', 'c', 'd'].map((name) => ask(slots, 20, name, order)));
    sample(80);

    // Act: three more ask (two of a 20/s quota, one of a 5/s quota), and the four come back
    const later = [
      ask(slots, 20, 'kinesis-1', order),
      ask(slots, 5, 'firehose', order),
      ask(slots, 20, 'kinesis-2', order),
    ];
    const outAtEachReturn: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      slots.release();
      await drain();
      outAtEachReturn.push(order.length - 4);
    }
    slots.release();
    await Promise.all(later);

    // Assess: 70 % of four (2) out at once, the 5/s quota's attempt first
    expect({ capacity: slots.capacity, outAtEachReturn, order: order.slice(4) }).toEqual({
      capacity: 2,
      outAtEachReturn: [0, 0, 1, 2],
      order: ['firehose', 'kinesis-1', 'kinesis-2'],
    });
  });

  it('lets more out again while attempts wait and the event loop keeps up', async () => {
    // Prepare: cut to its minimum (1), with two waiting
    const { probe, sample } = manualProbe();
    const slots = new WireSlots({ min: 1, max: 4 }, probe);
    const order: string[] = [];
    await ask(slots, 5, 'a', order);
    sample(80);
    const waiting = [ask(slots, 5, 'b', order), ask(slots, 5, 'c', order)];
    await drain();
    const beforeSample = order.length;

    // Act: two readings of a loop that keeps up
    sample(0);
    sample(0);
    await Promise.all(waiting);

    // Assess
    expect({ beforeSample, after: order.length, capacity: slots.capacity }).toEqual({
      beforeSample: 1,
      after: 3,
      capacity: 3,
    });
  });

  it('samples the event loop only while attempts are out', async () => {
    // Prepare
    const { probe, running } = manualProbe();
    const slots = new WireSlots({ min: 1, max: 4 }, probe);

    // Act
    await slots.acquire(5);
    const whileOut = running();
    slots.release();

    // Assess
    expect({ whileOut, afterwards: running() }).toEqual({ whileOut: true, afterwards: false });
  });
});

describe('Class: CallGovernor (wire slots)', () => {
  it("lets an attempt made while its own call's attempt is out go without a slot (credentials' sts:AssumeRole)", async () => {
    // Prepare: one slot in all, and an attempt whose signing needs an attempt of its own
    const { probe } = manualProbe();
    const governor = new CallGovernor({ quotaShare: 1 }, { wire: new WireSlots({ min: 1, max: 1 }, probe) });
    const assumeRole = attemptGateMiddleware<object, object>(async () => ({
      output: { role: 'member' },
      response: {},
    }));
    const describe = attemptGateMiddleware<object, object>(async () => {
      const credentials = await assumeRole({ input: {}, request: {} });
      return { output: { signedWith: credentials.output }, response: {} };
    });

    // Act
    const answer = await governor.run('kms:DescribeKey', 'eu-west-1', () =>
      describe({ input: {}, request: {} }),
    );

    // Assess: answered, not stuck waiting for the slot its own call holds
    expect(answer.output).toEqual({ signedWith: { role: 'member' } });
  });
});
