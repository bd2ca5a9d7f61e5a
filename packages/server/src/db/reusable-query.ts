import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema';

/** Stands for a value while a reusable statement is built (see `reusableQuery`). */
class Slot {
  constructor(readonly name: string) {}
}

/** Shapes compiled per statement at most; past it a shape is built on every call. */
const MAX_SHAPES = 500;

/**
 * A read that Kysely builds and compiles once per shape, then runs with each call's values.
 * Building the query tree and compiling it is CPU the server spends on every request although
 * the SQL text of a shape never changes (the officers' queue: about a quarter of the server's
 * time a page on the 1M-person bench). `build` gets the shape (what changes the SQL text: which
 * conditions, literals) and a stand-in for each value, passes the stand-ins to the builder as
 * values (`sql.val`, comparisons, `limit`) and never branches on them. The text stays Kysely's,
 * so it is also the text the database handle names as a prepared statement.
 */
export function reusableQuery<S, V extends Record<string, unknown>, R>(
  build: (db: Kysely<Database>, shape: S, values: V) => Compilable<R>,
) {
  const compiled = new Map<string, CompiledQuery<R>>();
  return async (db: Kysely<Database>, shape: S, values: V): Promise<R[]> => {
    const key = JSON.stringify(shape);
    let query = compiled.get(key);
    if (!query) {
      const slots = Object.fromEntries(Object.keys(values).map((name) => [name, new Slot(name)]));
      query = build(db, shape, slots as V).compile();
      if (compiled.size < MAX_SHAPES) compiled.set(key, query);
    }
    const parameters = query.parameters.map((p) => {
      if (!(p instanceof Slot)) return p;
      if (!(p.name in values)) throw new Error(`reusableQuery: no value for ${p.name}`);
      return values[p.name];
    });
    return (await db.executeQuery<R>(CompiledQuery.raw(query.sql, parameters))).rows;
  };
}
