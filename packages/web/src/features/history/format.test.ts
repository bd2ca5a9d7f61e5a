import { describe, expect, it } from 'vitest';
import { withFor } from './format';

describe('record paths', () => {
  it('adds the child a guardian follows to an API path', () => {
    expect(withFor('/api/v1/me/benefits', null)).toBe('/api/v1/me/benefits');
    expect(withFor('/api/v1/me/benefits', '0100000002')).toBe('/api/v1/me/benefits?for=0100000002');
    expect(withFor('/api/v1/me/medical-visits?limit=20', '0100000002')).toBe(
      '/api/v1/me/medical-visits?limit=20&for=0100000002',
    );
  });
});
