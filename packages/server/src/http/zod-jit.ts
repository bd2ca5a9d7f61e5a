import { $ZodObjectJIT, type $ZodType } from 'zod/v4/core';

/**
 * The contracts are `zod/mini` schemas (small in the web's bundle), and mini's objects parse
 * without zod's compiled fast path: on the server, which parses every request's input and every
 * answer with them, that cost 5× the time of classic zod's objects (50-item list: 6.9 µs against
 * 1.3 µs; the card view, the directories and the lists each pay it per request).
 *
 * `compileObjects` gives every object schema inside `schema` the fast path that classic zod's
 * objects have (`$ZodObjectJIT`, zod's own code: the same parse, the same issues, the same
 * stripping of unknown keys), once, when the route is registered. It leans on zod's internals
 * (`_zod.def`, `_zod.run`), so `zod-jit.test.ts` checks the answers are unchanged and the fast
 * path is taken: a zod upgrade that breaks either fails it.
 */
const compiled = new WeakSet<object>();

type Internals = {
  _zod: {
    def: Record<string, unknown> & { type: string };
    traits: Set<string>;
    parse: unknown;
    run: unknown;
  };
};

export function compileObjects(schema: $ZodType): void {
  const node = schema as unknown as Internals;
  if (compiled.has(node)) return;
  compiled.add(node);
  const def = node._zod.def;
  for (const key of [
    'element',
    'innerType',
    'in',
    'out',
    'keyType',
    'valueType',
    'catchall',
    'rest',
  ] as const) {
    const child = def[key];
    if (child && typeof child === 'object' && '_zod' in child) compileObjects(child as $ZodType);
  }
  for (const key of ['options', 'items'] as const) {
    const list = def[key];
    if (Array.isArray(list)) for (const child of list) compileObjects(child as $ZodType);
  }
  if (def.type !== 'object') return;
  for (const child of Object.values(def.shape as Record<string, $ZodType>)) compileObjects(child);
  if (node._zod.traits.has('$ZodObjectJIT')) return;
  // A schema without checks runs its parse directly (`run === parse`, fixed when it was made):
  // point it at the compiled parse too.
  const runsParse = node._zod.run === node._zod.parse;
  $ZodObjectJIT.init(node as never, def as never);
  if (runsParse) node._zod.run = node._zod.parse;
}
