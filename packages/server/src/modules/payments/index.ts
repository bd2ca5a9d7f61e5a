import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { Database } from '../../db/schema';
import type { Translator } from '../../i18n';
import { httpPaymentGateway, type PaymentGateway } from './gateway';
import { createReconciliation, type Reconciliation } from './reconciliation';
import { createPaymentsModule, type PaymentsModule } from './service';
import { type StandInGateway, startStandInGateway } from './stand-in-gateway';

export { paymentRoutes } from './routes';
export type { PaymentPurpose, PaymentsModule } from './service';
export type { PaymentRow } from './repository';

/** The IPN path the gateway is told (as registered with a real gateway). */
const IPN_PATH = '/api/v1/payments/vnpay/ipn';

/**
 * The payments of one app: the gateway adapter (the configured gateway; in demo mode without
 * one, the local stand-in started here on its own listener, its records kept in
 * `<dataDir>/payment-stand-in.json`), the payments module and the reconciliation.
 * `ipnBase` gives the address the stand-in notifies (this server, once it listens).
 */
export async function startPayments(options: {
  config: Config;
  db: Kysely<Database>;
  translator: Translator;
  log: FastifyBaseLogger;
  ipnBase: () => string;
  now?: (() => Date) | undefined;
}): Promise<{
  payments: PaymentsModule;
  reconciliation: Reconciliation;
  standIn: StandInGateway | null;
  close: () => Promise<void>;
}> {
  const { config } = options;
  let gateway: PaymentGateway | null = null;
  let standIn: StandInGateway | null = null;
  if (config.payment.gateway) {
    gateway = httpPaymentGateway(config.payment.gateway);
  } else if (config.payment.standIn) {
    const merchant = config.payment.standIn;
    standIn = await startStandInGateway({
      merchant: {
        tmnCode: merchant.tmnCode,
        hashSecret: merchant.hashSecret,
        ipnUrl: () => `${options.ipnBase()}${IPN_PATH}`,
      },
      translator: options.translator,
      host: config.host === '0.0.0.0' || config.host === '::' ? config.host : '127.0.0.1',
      // The browser reaches it by the name it reaches the system by (a demo in a container).
      publicHost: new URL(config.publicUrl).hostname,
      port: merchant.port,
      stateFile: config.databaseInMemory ? null : path.join(config.dataDir, 'payment-stand-in.json'),
      log: options.log,
    });
    gateway = httpPaymentGateway({
      payUrl: standIn.payUrl,
      apiUrl: standIn.apiUrl,
      tmnCode: merchant.tmnCode,
      hashSecret: merchant.hashSecret,
    });
    options.log.info(
      { payUrl: standIn.payUrl },
      'payment gateway STAND-IN on (demo mode only: no real money moves)',
    );
  }
  const payments = createPaymentsModule({
    db: options.db,
    translator: options.translator,
    gateway,
    publicUrl: config.publicUrl,
    now: options.now,
    log: options.log,
  });
  const reconciliation = createReconciliation({
    db: options.db,
    gateway,
    now: options.now,
    log: options.log,
  });
  return {
    payments,
    reconciliation,
    standIn,
    close: async () => {
      await standIn?.close();
    },
  };
}
