/**
 * Baseline `signin floor`: what any password sign-in on this stack cannot do without, and nothing
 * else. Fastify reads the JSON body, the password is checked against a stored argon2id hash by the
 * server's own `passwordMatches` (production parameters, its gate, the same libuv pool size) and a
 * constant JSON answer of the real one's shape goes back. No database, rate limits, lockout,
 * device, session, refresh token or audit entry: the rate it reaches beside the raw argon2 rate is
 * the most the sign-in budget can be on this machine, with this load generator on the same cores.
 */
import '@vssid/server/thread-pool';
import Fastify from 'fastify';
import { hashPassword, passwordMatches } from '@vssid/server';

const password = process.env.FLOOR_PASSWORD ?? '';
const stored = await hashPassword(password);
/** The shape and about the size of a real answer to an app sign-in (session view and tokens). */
const SIGNED_IN = {
  status: 'signed_in',
  session: {
    accountId: '1000001',
    role: 'citizen',
    username: '0123456789',
    displayName: 'Nguyễn Thị Phương Thảo',
    bhxhCode: '0123456789',
    scope: null,
    language: 'vi',
    mustChangePassword: false,
    passwordChangeReminder: false,
    device: { id: '3f1c9a52-7b4e-4d1a-9c2e-5a8b7d6e4f30', label: 'Chrome trên Android' },
    expiresAt: '2027-01-03T08:00:00.000Z',
  },
  replacedDevice: true,
  tokens: {
    accessToken: `eyJhbGciOiJIUzI1NiIsImtpZCI6ImsxIiwidHlwIjoiSldUIn0.${'e'.repeat(220)}.${'s'.repeat(43)}`,
    refreshToken: 'r'.repeat(43),
    expiresIn: 600,
  },
};

const app = Fastify({ logger: false });
app.post<{ Body: { password?: string } }>('/api/v1/auth/sign-in', async (request, reply) => {
  if (!(await passwordMatches(stored, request.body.password ?? '')))
    return reply.status(401).send({ code: 'invalid_credentials' });
  return SIGNED_IN;
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`LISTENING ${typeof address === 'object' && address ? address.port : 0}\n`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
