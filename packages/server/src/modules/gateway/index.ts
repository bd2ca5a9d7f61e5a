import type { Kysely } from 'kysely';
import type { KeySealer } from '../../adapters/key-sealer';
import type { Database } from '../../db/schema';
import type { Translator } from '../../i18n';
import { type AdminService, createAdminService } from './admin-service';
import { createGatewayAuth } from './auth';
import { type CheckService, createCheckService } from './check-service';
import { createScreenService, type ScreenService } from './screen-service';
import { GatewayTokens } from './tokens';
import { createVisitService } from './visit-service';

export { gatewayRoutes } from './routes';

export interface GatewayModule {
  admin: AdminService;
  checks: CheckService;
  visits: ReturnType<typeof createVisitService>;
  screen: ScreenService;
}

/** The clinic gateway's parts (issue #24), wired once per app. */
export async function createGatewayModule(options: {
  db: Kysely<Database>;
  sealer: KeySealer;
  translator: Translator;
  now?: () => Date;
  log?: { error(details: object, message: string): void };
}): Promise<GatewayModule> {
  const tokens = await GatewayTokens.open(options.db, options.sealer);
  const auth = createGatewayAuth(options.db, tokens);
  const deps = { ...options, auth };
  const checks = createCheckService(deps);
  return {
    admin: createAdminService({ db: options.db, tokens, auth }),
    checks,
    visits: createVisitService(deps),
    screen: createScreenService({ db: options.db, checks, now: options.now }),
  };
}
