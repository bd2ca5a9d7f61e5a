import type { DatabaseHandle, Engine } from '../../db/database';
import { ping } from '../../db/database';
import { countApplied } from './repository';

export interface Readiness {
  ready: boolean;
  engine: Engine;
  applied: number;
}

export interface SystemService {
  readiness(): Promise<Readiness>;
}

/** Readiness: the database answers and holds every migration this build knows (`expected`). */
export function createSystemService(
  database: DatabaseHandle,
  expectedMigrations: readonly string[],
): SystemService {
  return {
    async readiness() {
      try {
        await ping(database.db);
        const applied = await countApplied(database.db, expectedMigrations);
        return { ready: applied === expectedMigrations.length, engine: database.engine, applied };
      } catch {
        return { ready: false, engine: database.engine, applied: 0 };
      }
    },
  };
}
