import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { compileObjects } from './zod-jit';

const make = () =>
  z.object({
    name: z.string().check(z.describe('a name')),
    count: z.int().check(z.minimum(0)),
    items: z
      .array(z.object({ code: z.string().check(z.regex(/^\d{2}$/)), value: z.nullable(z.number()) }))
      .check(z.describe('the items')),
    kind: z.optional(z.union([z.object({ a: z.string() }), z.object({ b: z.int() })])),
  });

const inputs: unknown[] = [
  { name: 'n', count: 1, items: [{ code: '01', value: null, extra: true }], extra: 'dropped' },
  { name: 'n', count: 2, items: [], kind: { b: 3, c: 4 } },
  { name: 1, count: -1, items: [{ code: 'x', value: 'y' }] },
  { name: 'n', count: 1.5, items: 'no', kind: { a: 2 } },
  null,
  'text',
];

describe('compileObjects (the contracts on the server)', () => {
  it('parses, strips and refuses exactly as the schema does uncompiled', () => {
    const plain = make();
    const fast = make();
    compileObjects(fast);
    for (const input of inputs) {
      const a = z.safeParse(plain, input);
      const b = z.safeParse(fast, input);
      expect(b.success).toBe(a.success);
      expect(b.data).toEqual(a.data);
      expect(b.error?.issues).toEqual(a.error?.issues);
    }
  });

  it('takes the compiled fast path for every object, nested ones included', () => {
    const fast = make();
    compileObjects(fast);
    const traits = (s: unknown) => (s as { _zod: { traits: Set<string> } })._zod.traits;
    expect(traits(fast).has('$ZodObjectJIT')).toBe(true);
    const item = (fast._zod.def.shape.items._zod.def as { element: unknown }).element;
    expect(traits(item).has('$ZodObjectJIT')).toBe(true);
    compileObjects(fast); // twice is once
    expect(z.parse(fast, inputs[0])).toEqual({ name: 'n', count: 1, items: [{ code: '01', value: null }] });
  });

  it('lets a schema whose only checks are descriptions skip them, and keeps the descriptions', () => {
    const plain = make();
    const fast = make();
    compileObjects(fast);
    const name = fast._zod.def.shape.name as unknown as { _zod: { run: unknown; parse: unknown } };
    expect(name._zod.run).toBe(name._zod.parse);
    const count = fast._zod.def.shape.count as unknown as { _zod: { run: unknown; parse: unknown } };
    expect(count._zod.run).not.toBe(count._zod.parse); // a real check (minimum) stays
    expect(z.toJSONSchema(fast)).toEqual(z.toJSONSchema(plain));
  });

  it('keeps the check of a string format that carries a description (uuid, email, date)', () => {
    const fast = z.object({
      id: z.uuid().check(z.describe('an id')),
      email: z.email().check(z.describe('an address')),
      day: z.iso.date().check(z.describe('a day')),
    });
    compileObjects(fast);
    for (const bad of [
      { id: '', email: 'a@b.vn', day: '2026-12-07' },
      { id: '00000000-0000-4000-8000-000000000000', email: 'nope', day: '2026-12-07' },
      { id: '00000000-0000-4000-8000-000000000000', email: 'a@b.vn', day: '2026-13-40' },
    ])
      expect(z.safeParse(fast, bad).success).toBe(false);
    expect(
      z.safeParse(fast, { id: '00000000-0000-4000-8000-000000000000', email: 'a@b.vn', day: '2026-12-07' })
        .success,
    ).toBe(true);
  });
});
