import { $ZodObjectJIT, type $ZodType } from 'zod/v4/core';

/**
 * The contracts are `zod/mini` schemas (small in the web's bundle), and mini's objects parse
 * without zod's compiled fast path: on the server, which parses every request's input and every
 * answer with them, that cost 5× the time of classic zod's objects (50-item list: 6.9 µs against
 * 1.3 µs; the card view, the directories and the lists each pay it per request).
 *
 * `compileObjects` gives every object schema inside `schema` the fast path that classic zod's
 * objects have (`$ZodObjectJIT`, zod's own code: the same parse, the same issues, the same
 * stripping of unknown keys), and lets a schema whose only checks are descriptions skip the
 * checks' machinery (below), once, when the route is registered. It leans on zod's internals
 * (`_zod.def`, `_zod.run`), so `zod-jit.test.ts` checks the answers are unchanged and the fast
 * path is taken: a zod upgrade that breaks either fails it.
 */
const compiled = new WeakSet<object>();

type Internals = {
  _zod: {
    def: Record<string, unknown> & { type: string; checks?: unknown[] };
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
  // Descriptions and OpenAPI names are checks in zod/mini (`.check(z.describe(…))`): no-ops that
  // still send every value through the checks' machinery, and an answer (encoded backwards)
  // through a second, "canary" parse of the same subtree. Their metadata is registered when they
  // are attached; at run time such a schema may run its parse alone, as one without checks does.
  // A string format (`z.uuid()`, `z.email()`, `z.iso.date()`…) is itself a check, run with the
  // listed ones: such a schema never skips them (issue #22: the fuzz tier found `z.uuid()` with a
  // description letting '' through to the database, a 500).
  const checks = (def.checks ?? []) as { _zod: { def: { check: string } } }[];
  const onlyMetadata =
    checks.length > 0 &&
    !node._zod.traits.has('$ZodCheck') &&
    checks.every((c) => METADATA_CHECKS.has(c._zod.def.check));
  if (def.type === 'object') {
    for (const child of Object.values(def.shape as Record<string, $ZodType>)) compileObjects(child);
    if (!node._zod.traits.has('$ZodObjectJIT')) {
      // A schema without checks runs its parse directly (`run === parse`, fixed when it was made):
      // point it at the compiled parse too.
      const runsParse = node._zod.run === node._zod.parse;
      $ZodObjectJIT.init(node as never, def as never);
      if (runsParse) node._zod.run = node._zod.parse;
    }
  }
  if (onlyMetadata) node._zod.run = node._zod.parse;
}

const METADATA_CHECKS = new Set(['describe', 'meta']);
