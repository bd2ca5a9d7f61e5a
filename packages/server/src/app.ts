import { isServerPath } from '@vssid/domain/server-paths';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fastifyCors from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { CLINIC_GATEWAY_TAG_DESCRIPTION } from '@vssid/domain/api/gateway';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config';
import { type DatabaseHandle, openDatabase } from './db/database';
import { distributeTables, isCitus } from './db/citus';
import { migrate, readMigrations } from './db/migrate';
import { registerErrorHandling, sendProblem } from './http/error-handler';
import { registerCompression, registerWebApp, servesAppShell } from './http/web-app';
import { AppError } from './http/problem';
import { methodsOfPath, routerErrorOptions } from './http/router-errors';
import { validatorCompiler } from './http/validation';
import { createTranslator, type Translator } from './i18n';
import { metaRoutes, probeRoutes } from './modules/system/routes';
import { createSystemService } from './modules/system/service';
import { devInboxRoutes } from './modules/outbox/routes';
import { lookupRoutes } from './modules/lookup/routes';
import { createLookupService } from './modules/lookup/service';
import { cardRoutes, createCardModule, jwksRoutes } from './modules/card';
import { fhirRoutes } from './modules/fhir/routes';
import { createFhirService } from './modules/fhir/service';
import { recordsRoutes } from './modules/records/routes';
import { registrationRoutes } from './modules/registration/routes';
import { createReceivingAgencies } from './modules/registration/receiving';
import { createSubmitService } from './modules/registration/submit-service';
import { createWithdrawService } from './modules/registration/withdraw-service';
import { localPopulationRegistry } from './adapters/population-registry';
import { keySealer, resolveKeyEncryptionKey } from './adapters/key-sealer';
import { localFileStorage } from './adapters/storage';
import { startDossierExpiryJob } from './jobs/dossier-expiry';
import { startFileCleanupJob } from './jobs/file-cleanup';
import { startClinicChangeJob } from './jobs/clinic-change';
import { startRenewalReminderJob } from './jobs/renewal-reminders';
import { startContributionNoticeJob } from './jobs/contribution-notice';
import { startMonthlyCloseJob } from './jobs/monthly-close';
import { type FanOutJob, startFanOutJob } from './jobs/fan-out';
import { webPushSender } from './adapters/web-push';
import { createPushService, type PushService } from './modules/notifications/push-service';
import { createForm01Store } from './modules/registration/form01-store';
import { officerBackOffice } from './modules/back-office/plugin';
import { devInboxEmail, smtpEmail } from './adapters/email';
import { devInboxSms, httpGatewaySms } from './adapters/sms';
import { type OutboxWorker, startOutboxWorker } from './jobs/outbox-worker';
import { VERSION } from './version';
import { createMetrics } from './modules/system/metrics';
import { registerReadRouting } from './modules/system/read-routing';
import { servicesRoutes } from './modules/services/routes';
import { declarationRoutes } from './modules/declarations/routes';
import { sickPayRoutes } from './modules/sick-pay/routes';
import { authPlugin } from './modules/auth/plugin';
import { authRoutes } from './modules/auth/routes';
import { staffRoutes } from './modules/staff/routes';
import { notificationRoutes } from './modules/notifications/routes';
import { supportRoutes } from './modules/support/routes';
import { helpRoutes } from './modules/help/routes';
import type { Contract } from '@vssid/domain/api';
import { passkeyRoutes } from './modules/auth/passkey-routes';
import { createSubmissionSigning } from './modules/employer/signing';
import { employerRoutes } from './modules/employer/routes';
import { createEmployerService } from './modules/employer/service';
import { createUnitFiling } from './modules/registration';
import { vneidPlugin } from './modules/vneid/routes';
import { createAuthService } from './modules/auth/service';
import { AccessTokens } from './modules/auth/tokens';
import { createGatewayModule, gatewayRoutes } from './modules/gateway';
import { paymentRoutes, type PaymentsModule, startPayments } from './modules/payments';
import { startPaymentReconciliationJob } from './jobs/payment-reconciliation';

declare module 'fastify' {
  interface FastifyInstance {
    database: DatabaseHandle;
    translator: Translator;
    config: Config;
    outbox: OutboxWorker;
    /** The fan-out of greetings and policy news (issue 25; tests call `runOnce`). */
    fanOut: FanOutJob;
    /** Web Push: keys, devices, delivery (issue 25). */
    push: PushService;
    /**
     * Payments (issue #26): modules taking money register their purpose here and create payments
     * (`modules/payments/service.ts` says how).
     */
    payments: PaymentsModule;
    /** Every route registered, with the domain contract it was declared from (route-table test). */
    routeTable: RouteEntry[];
  }
}

interface RouteEntry {
  method: string;
  url: string;
  contract: Contract | undefined;
}

export interface BuildOptions {
  /** Use this database instead of opening the configured one (it is then not closed with the app). */
  database?: DatabaseHandle;
  /** The clock of the card and registration modules (tests that pin a date; default: the real one). */
  now?: () => Date;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Builds the whole HTTP application from its configuration: opens and migrates the database,
 * registers security plugins, the API and (when built) the PWA. Used by `main.ts` and by tests
 * (`app.inject`). Closing the app closes the database it opened.
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const translator = createTranslator();
  const app = Fastify({
    // Errors raised before any route (bad URL encoding, 414, 431…): problem+json (#22 item 5).
    ...routerErrorOptions(translator),
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      // The clinic gateway's tokens travel in the query, as clinic software sends them (issue #24):
      // never into the logs.
      serializers: {
        req: (req: { method: string; url: string; hostname?: string; ip?: string }) => ({
          method: req.method,
          url: req.url.replace(/([?&](?:token|id_token)=)[^&]*/gi, '$1[redacted]'),
          hostname: req.hostname,
          remoteAddress: req.ip,
        }),
      },
      ...(config.logPretty ? { transport: { target: 'pino-pretty' } } : {}),
    },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, contract: route.config?.contract });
    }
  });

  const database = options.database ?? (await openDatabase(config));
  const ownsDatabase = !options.database;
  try {
    const migrations = await readMigrations();
    // The migrations hold a session-level lock: on a connection of their own behind PgBouncer.
    const result = await database.session((db) => migrate(db));
    // On a Citus coordinator, the Citus step places the tables the migrations added (db/citus.ts).
    if (database.engine === 'postgres' && (await isCitus(database.db))) {
      await distributeTables(database.db);
      database.distributed = true;
    }
    app.log.info(
      { engine: database.engine, location: database.location, applied: result.applied, total: result.total },
      result.applied.length ? 'database migrated' : 'database schema is current',
    );

    // The system's own secret keys are sealed in the database (access tokens, card credentials).
    const sealer = keySealer(await resolveKeyEncryptionKey(config));
    /** Uploaded photos. In-memory databases (tests) still need a folder: one shared in tmp. */
    const files = localFileStorage(
      config.databaseInMemory ? path.join(os.tmpdir(), 'vssid-files') : path.join(config.dataDir, 'files'),
    );
    // Form 01 PDFs, rendered once per dossier and language and kept with the files (#21 item 7).
    const form01 = createForm01Store({ db: database.db, storage: files, translator });
    app.decorate('database', database);
    app.decorate('translator', translator);
    app.decorate('config', config);
    // Signed submissions of employer units (issue #27 item 6), for the modules that receive them.
    app.decorate(
      'submissionSigning',
      createSubmissionSigning({ db: database.db, translator, publicUrl: config.publicUrl, log: app.log }),
    );
    const sms = config.smsGateway
      ? httpGatewaySms(config.smsGateway)
      : config.devInbox
        ? devInboxSms()
        : null;
    const email = config.smtp
      ? smtpEmail({ ...config.smtp, domain: new URL(config.publicUrl).hostname })
      : config.devInbox
        ? devInboxEmail()
        : null;
    // Web Push (issue 25): the VAPID keys, the devices, and the delivery of the outbox's pushes.
    const push = createPushService({
      db: database.db,
      sealer,
      translator,
      subject: config.push.subject,
      endpointHosts: config.push.endpointHosts,
    });
    app.decorate('push', push);
    // Issue 28: metrics, and the periodic jobs once per tick across the API nodes.
    const metrics = createMetrics({ database, node: config.nodeName });
    if (config.metricsPort !== undefined) {
      metrics.observe(app);
      const metricsServer = await metrics.serve(config.host, config.metricsPort);
      app.addHook('onClose', async () => {
        metricsServer.closeAllConnections();
        await new Promise((resolve) => metricsServer.close(resolve));
      });
    }
    const pushSender = webPushSender(push.vapidKeys);
    const outbox = startOutboxWorker({
      db: database.db,
      sms,
      email,
      push: (message, trx) => push.deliver(pushSender, message, trx),
      pollMs: config.outboxPollMs,
      log: app.log,
      cluster: metrics.jobs,
      form01: (number, language, trx) => form01.getByNumber(number, language, trx),
    });
    app.decorate('outbox', outbox);
    // Registration (issue 5): submitted dossiers expire after 10 days without the paper form.
    // ASSUMPTION: checked every minute; off (tests call runOnce) when the outbox poll is off.
    const dossierExpiry = startDossierExpiryJob({
      db: database.db,
      translator,
      intervalMs: config.outboxPollMs > 0 ? 60_000 : 0,
      log: app.log,
      cluster: metrics.jobs,
    });
    app.decorate('dossierExpiry', dossierExpiry);
    app.addHook('onClose', () => dossierExpiry.stop());
    // Photos no dossier refers to (a submit that failed after storing them) are removed after a
    // day. ASSUMPTION: hourly; never on the folder in-memory databases (tests) share.
    const fileCleanup = startFileCleanupJob({
      db: database.db,
      storage: files,
      intervalMs: config.outboxPollMs > 0 && !config.databaseInMemory ? 3_600_000 : 0,
      log: app.log,
      cluster: metrics.jobs,
    });
    app.decorate('fileCleanup', fileCleanup);
    app.addHook('onClose', () => fileCleanup.stop());
    // Approved changes of initial clinic move onto the card when their period starts (hourly).
    const clinicChange = startClinicChangeJob({
      db: database.db,
      intervalMs: config.outboxPollMs > 0 ? 3_600_000 : 0,
      log: app.log,
      cluster: metrics.jobs,
    });
    app.decorate('clinicChange', clinicChange);
    app.addHook('onClose', () => clinicChange.stop());
    // Issue #26: reminders to renew voluntary BHXH and household BHYT, once per period (6-hourly).
    const renewalReminders = startRenewalReminderJob({
      db: database.db,
      translator,
      intervalMs: config.outboxPollMs > 0 ? 6 * 3_600_000 : 0,
      log: app.log,
      cluster: metrics.jobs,
    });
    app.decorate('renewalReminders', renewalReminders);
    app.addHook('onClose', () => renewalReminders.stop());
    // Issue #27: from the 10th of each month, workers of units owing 30 days or more are told (hourly check).
    const contributionNotice = startContributionNoticeJob({
      db: database.db,
      intervalMs: config.outboxPollMs > 0 ? 3_600_000 : 0,
      log: app.log,
      cluster: metrics.jobs,
    });
    app.decorate('contributionNotice', contributionNotice);
    app.addHook('onClose', () => contributionNotice.stop());
    // Issue #27: the monthly close extends the running participation periods into each new month (hourly check).
    const monthlyClose = startMonthlyCloseJob({
      db: database.db,
      intervalMs: config.outboxPollMs > 0 ? 3_600_000 : 0,
      log: app.log,
      cluster: metrics.jobs,
    });
    app.decorate('monthlyClose', monthlyClose);
    app.addHook('onClose', () => monthlyClose.stop());
    // Issue 25: greetings and policy news fanned out to the inboxes in batches (every 5 s).
    const fanOut = startFanOutJob({
      db: database.db,
      intervalMs: config.outboxPollMs > 0 ? 5_000 : 0,
      log: app.log,
      cluster: metrics.jobs,
    });
    app.decorate('fanOut', fanOut);
    app.addHook('onClose', () => fanOut.stop());
    // Payments (issue #26): the gateway (or, in demo mode, the stand-in on its own listener), the
    // payments module and the daily reconciliation (hourly ticks; each day once).
    const payments = await startPayments({
      config,
      db: database.db,
      translator,
      log: app.log,
      now: options.now,
      ipnBase: () => {
        const address = app.server.address();
        return address && typeof address === 'object'
          ? `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`.replace(
              /\/\/(0\.0\.0\.0|\[::\])/,
              '//127.0.0.1',
            )
          : config.publicUrl.replace(/\/+$/, '');
      },
    });
    app.decorate('payments', payments.payments);
    const paymentReconciliation = startPaymentReconciliationJob({
      reconciliation: payments.reconciliation,
      intervalMs: config.outboxPollMs > 0 ? 3_600_000 : 0,
      log: app.log,
      cluster: metrics.jobs,
    });
    app.decorate('paymentReconciliation', paymentReconciliation);
    app.addHook('onClose', async () => {
      await paymentReconciliation.stop();
      await payments.close();
    });
    app.addHook('onClose', async () => {
      await outbox.stop();
      if (ownsDatabase) await database.close();
    });

    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerErrorHandling(app, translator, config.bodyLimitBytes);
    await registerCompression(app);
    app.addHook('onSend', async (request, reply) => {
      void reply.header('x-request-id', request.id);
    });

    // Security headers: helmet's middleware built once. (@fastify/helmet built it again, parsing
    // the CSP, on every request: 6.6 % of the event loop of a card read.)
    const securityHeaders = helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          workerSrc: ["'self'", 'blob:'],
          manifestSrc: ["'self'"],
          fontSrc: ["'self'", 'data:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      // HSTS only where the public URL is https; a laptop on http://localhost must keep working.
      hsts: config.publicUrl.startsWith('https://') ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
    });
    app.addHook('onRequest', (request, reply, done) => {
      securityHeaders(request.raw, reply.raw, (error?: unknown) => {
        done(error instanceof Error ? error : undefined);
      });
    });
    await app.register(fastifyCors, {
      // Same-origin by default; list other origins (an external portal) in CORS_ORIGINS.
      origin: config.corsOrigins.length ? config.corsOrigins : false,
      credentials: true,
    });
    await app.register(fastifyRateLimit, {
      global: true,
      max: config.rateLimit.max,
      timeWindow: config.rateLimit.windowMs,
      // The PWA's files and app shell are not counted: one page load fetches tens of them (a few
      // people behind one address would exhaust the limit by opening pages); the API is counted.
      allowList: (request) =>
        (request.method === 'GET' || request.method === 'HEAD') &&
        !isServerPath(request.url.split('?')[0] ?? '/'),
      // In-process counters: with N nodes a client gets at most N × the limit (README, issue 28);
      // the limits that guard guessing (sign-in, OTP, look-ups) are counted in the database.
      errorResponseBuilder: (_request, context) =>
        new AppError(429, 'rate_limited', 'rateLimited', {
          seconds: Math.max(1, Math.ceil(context.ttl / 1000)),
        }),
    });

    // Sign-in (issue "Sign-in"): sets request.principal on every request; cookies are Secure on https.
    const secureCookies = config.publicUrl.startsWith('https://');
    const auth = await createAuthService({
      db: database.db,
      tokens: await AccessTokens.open(database.db, sealer),
      translator,
      signInPerIp: config.signInRateLimitPerIp,
      powBits: config.lookup.powBits,
      sessionCacheMs: config.sessionCheckCacheMs,
      listen: (channel, onMessage, onState) => database.listen(channel, onMessage, onState),
    });
    app.addHook('onClose', () => auth.close());
    await app.register(authPlugin, { auth, secureCookies });
    // Issue 28: history, card and look-up reads on the replica, after the caller's own writes.
    if (config.replica) registerReadRouting(app, database, config.replica, secureCookies);

    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'VssID – Bảo hiểm xã hội số API',
          version: VERSION,
          description:
            'API of the VssID digital social insurance system. Errors are `application/problem+json` (RFC 9457) with a stable `code`; messages follow `Accept-Language` (vi, en, zh, ja, ko).',
        },
        servers: [{ url: config.publicUrl }],
        tags: [
          { name: 'system', description: 'Probes and system information' },
          { name: 'auth', description: 'Sign-in, OTP, sessions, passwords' },
          { name: 'staff', description: "Agency admins manage their agency's officers" },
          { name: 'lookup', description: 'Public look-ups: BHXH codes, agencies, clinics, employers' },
          { name: 'clinic-gateway', description: CLINIC_GATEWAY_TAG_DESCRIPTION },
        ],
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: false });
    app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

    const system = createSystemService(
      database,
      migrations.map((m) => m.id),
    );
    await app.register(probeRoutes, { system });
    // Look-ups (issue "Look-ups"): the small directories follow the database's announcements.
    const lookup = createLookupService(database.db, translator, config.lookup);
    const stopCatalogs = await lookup.subscribe((channel, onMessage, onState) =>
      database.listen(channel, onMessage, onState),
    );
    app.addHook('onClose', () => stopCatalogs());
    // Health insurance card (issue "Records"): signed credentials, their keys, and FHIR R4.
    const card = createCardModule({
      db: database.db,
      issuerUrl: config.publicUrl,
      sealer,
      translator,
      now: options.now,
    });
    await card.keyStore.checkAndSealStoredKeys();
    await app.register(jwksRoutes, { keyStore: card.keyStore, issuer: card.issuerUrl });
    await app.register(fhirRoutes, {
      prefix: '/fhir/R4',
      service: createFhirService({ db: database.db, translator, now: options.now }),
      translator,
      baseUrl: `${config.publicUrl.replace(/\/+$/, '')}/fhir/R4`,
      version: VERSION,
    });
    if (config.devInbox) {
      app.log.info(
        'development inbox on: messages are readable at /dev/inbox/messages (never enable in production)',
      );
      await app.register(devInboxRoutes);
    }
    await app.register(
      async (api) => {
        await api.register(metaRoutes, { translator, version: VERSION, demo: config.demo });
        await api.register(lookupRoutes, { lookup });
        await api.register(cardRoutes, { service: card.service });
        await api.register(authRoutes, { prefix: '/auth', secureCookies });
        await api.register(passkeyRoutes, { prefix: '/auth', secureCookies, publicUrl: config.publicUrl });
        await api.register(staffRoutes, { prefix: '/staff', secureCookies });
        await api.register(recordsRoutes);
        await api.register(notificationRoutes);
        await api.register(supportRoutes, {
          now: options.now,
          storage: files,
          auth,
          proof: (ctx, challengeId, nonce) => lookup.verifyProof(ctx, 'support', challengeId, nonce),
        });
        await api.register(helpRoutes);
        // Registration, citizen side (issue 5): Form 01 for oneself and for a child, its PDF.
        await api.register(registrationRoutes, {
          submit: createSubmitService({
            db: database.db,
            translator,
            registry: localPopulationRegistry(database.db),
            // In-memory databases (tests) still need a folder for the photos.
            storage: files,
            publicUrl: config.publicUrl,
            now: options.now,
            form01,
            log: app.log,
            proof: (ctx, challengeId, nonce) => lookup.verifyProof(ctx, 'registration', challengeId, nonce),
          }),
          receiving: createReceivingAgencies({ db: database.db, translator }),
          withdraw: createWithdrawService({ db: database.db, translator, auth }),
        });
        // Registration back office (issue 5): officers' queue and actions, bulk lists, statistics.
        await api.register(officerBackOffice, {
          auth,
          translator,
          files,
        });
        // The employer and school portal (issue #27): unit accounts, the unit's people and batches.
        await api.register(employerRoutes, {
          service: createEmployerService({
            db: database.db,
            auth,
            translator,
            storage: files,
            filing: createUnitFiling({
              translator,
              registry: localPopulationRegistry(database.db),
              publicUrl: config.publicUrl,
            }),
            signing: app.submissionSigning,
            now: options.now,
          }),
        });
        // Online public services (issue 23): the catalogue, citizens' requests, the officers' queue.
        await api.register(servicesRoutes, {
          translator,
          storage: files,
          auth,
          payments: payments.payments,
          now: options.now,
        });
        // Payments (issue #26): the gateway's notification and return, receipts, reconciliation.
        await api.register(paymentRoutes, {
          payments: payments.payments,
          reconciliation: payments.reconciliation,
        });
        // The employer's declarations (600, 600a, 600b) and monthly statement C12-TS (issue #27).
        await api.register(declarationRoutes, { translator, now: options.now });
        // Sick-pay claims (630a) of the employer portal (issue #27).
        await api.register(sickPayRoutes, { translator, now: options.now });
      },
      { prefix: '/api/v1' },
    );
    // The clinic gateway (issue #24): the national gateway's paths under /api, and its administration.
    await app.register(gatewayRoutes, {
      prefix: '/api',
      gateway: await createGatewayModule({
        db: database.db,
        sealer,
        translator,
        now: options.now,
        log: app.log,
      }),
    });
    // Sign in with VNeID (OpenID Connect); a stand-in provider at /dev/vneid in development and demo mode.
    await app.register(vneidPlugin, { config, secureCookies });

    const webIndex = path.join(config.webDistDir, 'index.html');
    const serveWeb = config.serveWeb && fs.existsSync(webIndex);
    if (serveWeb) {
      await registerWebApp(app, config.webDistDir);
    } else if (config.serveWeb) {
      app.log.warn(
        { webDistDir: config.webDistDir },
        'web app not built: only the API is served (npm start builds it)',
      );
    }

    const methodsOf = methodsOfPath(routeTable);
    app.setNotFoundHandler({ preHandler: app.rateLimit() }, (request, reply) => {
      // The PWA's own routes (/card, /officer/dossiers/00001.GD_2026_01…) are answered by its index.html.
      if (serveWeb && servesAppShell(request.method, request.url)) {
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      }
      // A path served with other methods: 405 naming them (#22 item 5).
      const allowed = methodsOf(request.url.split('?')[0] ?? '');
      if (allowed.length)
        return sendProblem(
          request,
          reply.header('allow', allowed.join(', ')),
          new AppError(405, 'method_not_allowed', 'methodNotAllowed'),
          translator,
        );
      return sendProblem(request, reply, new AppError(404, 'not_found', 'notFound'), translator);
    });

    await app.ready();
    return app;
  } catch (error) {
    await app.close().catch(() => undefined);
    if (ownsDatabase) await database.close().catch(() => undefined);
    throw error;
  }
}
