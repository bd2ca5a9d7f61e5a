/**
 * Tests only (payments-crash.pg.int.test.ts): the server exactly as `main.ts` starts it, with one
 * test-only payment purpose (`crash_test`) registered before it listens, whose `onPaid` writes an
 * outbox message with a fresh key in the crediting transaction: a payment credited twice would
 * leave two.
 */
import '../thread-pool';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../config';
import { enqueueMessage } from '../modules/outbox/service';
import { serve } from '../serve';

await serve(loadConfig(), {
  beforeListen: (app) => {
    app.payments.registerPurpose({
      purpose: 'crash_test',
      isPayable: () => Promise.resolve(true),
      onPaid: async (trx, payment) => {
        await enqueueMessage(trx, {
          idempotency_key: `crash-test:${payment.id}:${randomUUID()}`,
          channel: 'sms',
          recipient: '0900000000',
          template: 'crash_test_paid',
          language: 'vi',
          payload: { txnRef: payment.txn_ref },
        });
      },
    });
    return Promise.resolve([]);
  },
});
