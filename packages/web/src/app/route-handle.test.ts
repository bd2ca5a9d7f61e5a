import { describe, expect, it } from 'vitest';
import { findTitleKey } from './route-handle';

describe('findTitleKey', () => {
  it('takes the deepest route with a title', () => {
    expect(
      findTitleKey([
        { handle: { titleKey: 'staff.officer.title' } },
        { handle: undefined },
        { handle: { titleKey: 'notFound.title' } },
      ]),
    ).toBe('notFound.title');
  });
  it('skips routes without one', () => {
    expect(findTitleKey([{ handle: { titleKey: 'card.title' } }, { handle: {} }, { handle: null }])).toBe(
      'card.title',
    );
  });
  it('finds nothing on the home page', () => {
    expect(findTitleKey([{ handle: undefined }, { handle: { titleKey: 42 } }])).toBeUndefined();
    expect(findTitleKey([])).toBeUndefined();
  });
});
