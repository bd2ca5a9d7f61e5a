/**
 * Baseline `registration floor`: the minimal server doing only the work #21 item 7 requires of a
 * Form 01 submission, and nothing else. Fastify with `@fastify/multipart` (the registration routes'
 * options and part reading) reads the scenario's multipart body, each photo part goes to the server's
 * own image cleaner (`cleanImage`: checked, decoded, re-encoded without metadata), the form part's
 * JSON is read, the Form 01 PDF is rendered (`form01Pdf`), and a constant answer of the real one's
 * shape goes back (202 "received"). No schema, database, number, storage, registry check, outbox or audit: the rate
 * it reaches with the scenario's requests, on the same cores and load generator, is the most a
 * registration submit can reach on this machine.
 */
import '@vssid/server/thread-pool';
import multipart from '@fastify/multipart';
import Fastify from 'fastify';
import {
  cleanImage,
  createTranslator,
  form01Pdf,
  readSubmitParts,
  SUBMIT_MULTIPART_OPTIONS,
} from '@vssid/server';

const translator = createTranslator();
const SUBMITTED = {
  number: '00264.GD_2026_0101',
  kind: 'self',
  status: 'submitted',
  submittedAt: '2026-12-07T01:00:00.000Z',
  deadlineAt: '2026-12-17T01:00:00.000Z',
  delivery: 'counter',
  agency: {
    code: '0101',
    name: 'Bảo hiểm xã hội cơ sở Ba Đình',
    address: '86 Trần Phú, phường Ba Đình, Hà Nội',
  },
  registryCheck: { outcome: 'match', fields: [] },
  accessToken: '3f1c9a52-7b4e-4d1a-9c2e-5a8b7d6e4f30',
  form01Url: '/api/v1/registrations/00264.GD_2026_0101/form01.pdf?t=3f1c9a52-7b4e-4d1a-9c2e-5a8b7d6e4f30',
};

const app = Fastify({ logger: false });
await app.register(multipart, SUBMIT_MULTIPART_OPTIONS);
// The scenario's unmeasured prelude asks for a look-up challenge first (issue #22 item 1): a
// constant one here (the scenario's server runs with LOOKUP_POW_BITS=0); without this route every
// prelude was a 404 and the floor's requests were counted as errors.
app.post('/api/v1/lookup/challenge', async () => ({
  challengeId: 'floor',
  salt: 'floor',
  bits: 0,
  expiresAt: new Date(Date.now() + 300_000).toISOString(),
}));
app.post('/api/v1/registrations', async (request, reply) => {
  // The submit routes' own multipart reading, then the photos cleaned one after the other, as the
  // submit service does.
  const { formText, photos } = await readSubmitParts(request);
  const form = JSON.parse(formText ?? '{}') as Record<string, unknown>;
  for (const bytes of Object.values(photos)) {
    const result = await cleanImage(bytes);
    if (!result.ok) throw new Error(`photo refused: ${result.problem.code}`);
  }
  const address = form.address as { provinceCode: string; communeCode: string; line: string };
  await form01Pdf(translator, 'vi', {
    number: SUBMITTED.number,
    kind: 'self',
    submittedAt: new Date(),
    deadlineAt: new Date(Date.now() + 10 * 86_400_000),
    delivery: 'counter',
    agency: SUBMITTED.agency,
    person: {
      fullName: String(form.fullName),
      bhxhCode: String(form.bhxhCode),
      idNumber: String(form.idNumber),
      dateOfBirth: String(form.dateOfBirth),
      gender: form.gender === 'male' ? 'male' : 'female',
      address,
      phone: String(form.phone),
      email: typeof form.email === 'string' ? form.email : null,
    },
    guardian: null,
  });
  // The real answer since issue #22 item 1: the same 202 for every matched person (the number goes
  // by SMS); the PDF is still rendered per submission, as the real server does after answering.
  return reply.code(202).send({ status: 'received', destination: '09******89' });
});
await app.listen({ host: '127.0.0.1', port: 0 });
const listening = app.server.address();
process.stdout.write(`LISTENING ${typeof listening === 'object' && listening ? listening.port : 0}\n`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
