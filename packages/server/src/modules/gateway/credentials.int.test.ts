import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLINIC, CLINIC_NAME, type GatewayWorld, startGatewayWorld, stopGatewayWorld } from './test-fixtures';
import { GATEWAY_LIMITS } from './auth';

/**
 * The agency admin's side of the gateway (issue #24): the province's clinics with their
 * credential's status, issuing and rotating; the token limit per credential; the OpenAPI
 * document's `clinic-gateway` tag and the Vietnamese descriptions of the gateway's fields.
 */

let world: GatewayWorld | undefined;
beforeAll(async () => {
  world = await startGatewayWorld();
}, 60_000);
afterAll(() => stopGatewayWorld(world));

interface Listed {
  clinics: {
    clinicCode: string;
    name: string;
    username: string | null;
    version: number | null;
    rotatedAt: string | null;
  }[];
  more: boolean;
}

const list = async (headers: { authorization: string }, q?: string) => {
  const res = await world!.app.inject({
    method: 'GET',
    url: '/api/v1/agency/clinics/gateway-credentials',
    query: q === undefined ? {} : { q },
    headers,
  });
  return res;
};

describe("the agency admin's clinic credentials", () => {
  it("lists the clinics of the admin's province only, by code, none issued yet", async () => {
    const res = await list(world!.agency01);
    expect(res.statusCode).toBe(200);
    const body = res.json<Listed>();
    expect(body.clinics.map((c) => c.clinicCode)).toEqual(['01B01', '01C54']);
    expect(body.clinics[0]).toMatchObject({
      name: CLINIC_NAME,
      username: null,
      version: null,
      rotatedAt: null,
    });
    expect(body.more).toBe(false);
    const hcm = (await list(world!.agency79)).json<Listed>();
    expect(hcm.clinics.map((c) => c.clinicCode)).toEqual(['79024']);
  });

  it('finds a clinic by words of its name without accents, or by the start of its code', async () => {
    expect((await list(world!.agency01, 'bach mai')).json<Listed>().clinics.map((c) => c.clinicCode)).toEqual(
      [CLINIC],
    );
    expect((await list(world!.agency01, '01c')).json<Listed>().clinics.map((c) => c.clinicCode)).toEqual([
      '01C54',
    ]);
    // Another province's clinic is not found, by name or by code.
    expect((await list(world!.agency01, 'quận 1')).json<Listed>().clinics).toEqual([]);
    expect((await list(world!.agency01, '79024')).json<Listed>().clinics).toEqual([]);
  });

  it('shows the version and the last rotation after issuing and rotating, never the password', async () => {
    const rotate = () =>
      world!.app.inject({
        method: 'POST',
        url: `/api/v1/agency/clinics/${CLINIC}/gateway-credential`,
        headers: world!.agency01,
      });
    const first = await rotate();
    const second = await rotate();
    expect(first.json<{ version: number }>().version + 1).toBe(second.json<{ version: number }>().version);
    const res = await list(world!.agency01, CLINIC);
    const row = res.json<Listed>().clinics[0];
    expect(row).toMatchObject({
      clinicCode: CLINIC,
      username: `cskcb.${CLINIC.toLowerCase()}`,
      version: second.json<{ version: number }>().version,
      rotatedAt: second.json<{ rotatedAt: string }>().rotatedAt,
    });
    expect(res.body).not.toContain(second.json<{ password: string }>().password);
    expect(res.body).not.toContain('password');
  });

  it('is for agency admins only; a query too long is a 400 naming q', async () => {
    expect((await list(world!.clinicAdmin)).statusCode).toBe(403);
    expect((await list(world!.citizen)).statusCode).toBe(403);
    const long = await list(world!.agency01, 'x'.repeat(101));
    expect(long.statusCode).toBe(400);
    expect(JSON.stringify(long.json())).toContain('q');
  });
});

describe('the rate limit per clinic credential', () => {
  it(`refuses the ${GATEWAY_LIMITS.tokensPerMinute + 1}th token request of a minute for that user name only`, async () => {
    const take = (username: string) =>
      world!.app.inject({
        method: 'POST',
        url: '/api/token/take',
        payload: { username, password: 'sai-mat-khau' },
      });
    for (let i = 0; i < GATEWAY_LIMITS.tokensPerMinute; i++)
      expect((await take('cskcb.01c54')).json()).toEqual({ maKetQua: '401', APIKey: null });
    expect((await take('cskcb.01c54')).statusCode).toBe(429);
    expect((await take('cskcb.79024')).statusCode).toBe(200);
  }, 60_000);
});

describe('the OpenAPI document', () => {
  it('describes the clinic-gateway tag with how to integrate and every result code', async () => {
    const doc = (await world!.app.inject({ url: '/api/openapi.json' })).json<{
      tags: { name: string; description: string }[];
    }>();
    const tag = doc.tags.find((t) => t.name === 'clinic-gateway');
    expect(tag?.description).toContain('/api/token/take');
    expect(tag?.description).toContain('KQNhanLichSuKCB2024');
    expect(tag?.description).toContain('guiHoSoXmlQD4750');
    const { CARD_CHECK_CODES } = await import('@vssid/domain/api/gateway');
    for (const code of CARD_CHECK_CODES) expect(tag?.description).toContain(`${code} `);
  });

  it('gives every field of the clinic-gateway calls a description', async () => {
    const doc = (await world!.app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
      components?: { schemas?: Record<string, unknown> };
    }>();
    const schemas = doc.components?.schemas ?? {};
    const undescribed: string[] = [];
    const walk = (node: unknown, where: string, seen: Set<unknown>): void => {
      if (!node || typeof node !== 'object' || seen.has(node)) return;
      seen.add(node);
      const n = node as { $ref?: string; properties?: Record<string, unknown>; items?: unknown };
      if (n.$ref) {
        walk(schemas[n.$ref.split('/').pop() ?? ''], where, seen);
        return;
      }
      for (const [name, prop] of Object.entries(n.properties ?? {})) {
        const p = prop as { description?: string; $ref?: string };
        const target = (p.$ref ? schemas[p.$ref.split('/').pop() ?? ''] : p) as { description?: string };
        if (!p.description && !target.description) undescribed.push(`${where}.${name}`);
        walk(prop, `${where}.${name}`, seen);
      }
      for (const v of Object.values(node)) if (typeof v === 'object') walk(v, where, seen);
    };
    // Every call of the clinic-gateway tag: the national gateway's three, and the clinic's and
    // the agency's own.
    for (const [path, ops] of Object.entries(doc.paths))
      for (const op of Object.values(ops) as {
        tags?: string[];
        parameters?: unknown;
        requestBody?: unknown;
        responses?: Record<string, unknown>;
      }[]) {
        if (!op.tags?.includes('clinic-gateway')) continue;
        // The request and the gateway's own answer; problem answers are the house's, described once.
        walk(
          {
            properties: Object.fromEntries(
              ((op.parameters ?? []) as { name: string; schema?: object; description?: string }[]).map(
                (p) => [p.name, { description: p.description, ...p.schema }],
              ),
            ),
          },
          path,
          new Set(),
        );
        walk(op.requestBody, path, new Set());
        walk(op.responses?.['200'], path, new Set());
      }
    expect(undescribed).toEqual([]);
  });
});
