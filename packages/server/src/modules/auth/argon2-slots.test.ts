import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argon2Slots, createArgon2Gate } from './argon2-slots';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('argon2 slots', () => {
  it('one per core, always leaving a pool thread free', () => {
    expect(argon2Slots(2, 4)).toBe(2);
    expect(argon2Slots(8, 10)).toBe(8);
    expect(argon2Slots(8, 4)).toBe(3);
    expect(argon2Slots(2, 2)).toBe(1);
    expect(argon2Slots(1, 4)).toBe(2);
    expect(argon2Slots(4, 1)).toBe(1);
  });

  it('never runs more than its slots at once, starts jobs in order, and runs them all', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(
          fc.record({ fails: fc.boolean(), throws: fc.boolean(), ticks: fc.integer({ min: 0, max: 3 }) }),
          {
            maxLength: 20,
          },
        ),
        async (slots, jobs) => {
          const gate = createArgon2Gate(slots);
          let running = 0;
          let most = 0;
          const started: number[] = [];
          const outcomes = jobs.map((job, i) =>
            gate
              .run(async () => {
                if (job.throws) throw new Error(`sync ${i}`);
                started.push(i);
                running += 1;
                most = Math.max(most, running);
                for (let t = 0; t < job.ticks; t += 1) await tick();
                running -= 1;
                if (job.fails) throw new Error(`async ${i}`);
                return i;
              })
              .then(
                (v) => ({ ok: v }),
                (e: unknown) => ({ error: (e as Error).message }),
              ),
          );
          const results = await Promise.all(outcomes);
          expect(most).toBeLessThanOrEqual(slots);
          expect(started).toEqual([...started].sort((a, b) => a - b));
          results.forEach((r, i) => {
            const job = jobs[i];
            if (job?.throws) expect(r).toEqual({ error: `sync ${i}` });
            else if (job?.fails) expect(r).toEqual({ error: `async ${i}` });
            else expect(r).toEqual({ ok: i });
          });
          expect(gate.load).toEqual({ running: 0, waiting: 0 });
        },
      ),
    );
  });

  it('a job beyond the slots waits until one ends', async () => {
    const gate = createArgon2Gate(1);
    let release = () => {};
    const first = gate.run(() => new Promise<void>((resolve) => (release = resolve)));
    let secondStarted = false;
    const second = gate.run(() => {
      secondStarted = true;
      return Promise.resolve();
    });
    await tick();
    expect(secondStarted).toBe(false);
    expect(gate.load).toEqual({ running: 1, waiting: 1 });
    release();
    await Promise.all([first, second]);
    expect(secondStarted).toBe(true);
  });
});
