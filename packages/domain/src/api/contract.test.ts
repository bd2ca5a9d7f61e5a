import { describe, expect, it } from 'vitest';
import { allContracts, defineContract, NoContent, SCOPES, scopesOf } from './index';

/**
 * Issue #22: every contract declares the scope of its objects. `scope` is required by the type:
 * the `@ts-expect-error` below fails the typecheck (`npm run typecheck`, CI) the day a contract
 * compiles without one. The server's route-table test checks the declarations at run time.
 */
describe('scope declarations', () => {
  it('does not compile a contract without a scope', () => {
    // @ts-expect-error: `scope` is missing
    const undeclared = defineContract({
      method: 'GET',
      path: '/api/v1/example',
      access: 'public',
      tags: [],
      summary: 'An example without a scope',
      responses: { 204: NoContent },
    });
    expect(scopesOf({ ...undeclared, scope: ['self', 'agency'] })).toEqual(['self', 'agency']);
  });

  it('gives every contract a known scope, as a list', () => {
    for (const { name, contract } of allContracts()) {
      const scopes = scopesOf(contract);
      expect(scopes.length, name).toBeGreaterThan(0);
      for (const scope of scopes) expect(SCOPES, name).toContain(scope);
    }
  });
});
