import {
  getMyPayment,
  listMyPayments,
  listPaymentDifferences,
  paymentIpn,
  paymentReceipt,
  paymentReturn,
  resolvePaymentDifference,
} from '@vssid/domain/api/payments';
import type { FastifyPluginAsync } from 'fastify';
import { route } from '../../http/contract-route';
import type { Reconciliation } from './reconciliation';
import type { PaymentsModule } from './service';

/**
 * Payments (issue #26; contracts: `@vssid/domain/api/payments`): the gateway's notification and
 * return, a citizen's payments and receipts, the officers' reconciliation list. Under /api/v1.
 */
export const paymentRoutes: FastifyPluginAsync<{
  payments: PaymentsModule;
  reconciliation: Reconciliation;
}> = async (app, { payments, reconciliation }) => {
  // The gateway retries a notification until answered; a generous limit for its address.
  route(app, paymentIpn, ({ ctx, query }) => payments.handleIpn(ctx, query), {
    config: { rateLimit: { max: 600, timeWindow: 60_000 } },
  });
  route(app, paymentReturn, async ({ query, reply }) =>
    reply.redirect(await payments.returnTarget(query), 302),
  );
  route(app, getMyPayment, ({ ctx, params }) => payments.getMine(ctx, params.id));
  route(app, listMyPayments, async ({ ctx }) => ({ items: await payments.listMine(ctx) }));
  route(app, paymentReceipt, async ({ ctx, params, reply }) => {
    const { pdf, txnRef } = await payments.receipt(ctx, params.id);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="bien-lai-${txnRef}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });
  route(app, listPaymentDifferences, async ({ ctx, query }) => ({
    items: await reconciliation.list(ctx, query.state),
  }));
  route(app, resolvePaymentDifference, ({ ctx, params, body }) =>
    reconciliation.resolve(ctx, params.id, body.note),
  );
};
