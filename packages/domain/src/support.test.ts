import { describe, expect, it } from 'vitest';
import { slaColour, ticketDueDates } from './support';

describe('ticket service levels', () => {
  it('counts working days: a wrong-data ticket of Friday 4 December 2026 is due on the 8th and the 18th', () => {
    expect(ticketDueDates('wrong_data', new Date('2026-12-04T03:00:00Z'))).toEqual({
      firstAnswerDue: '2026-12-08',
      resolutionDue: '2026-12-18',
    });
  });

  it('colours the deadline that matters now', () => {
    const ticket = {
      status: 'open',
      firstAnsweredAt: null,
      firstAnswerDue: '2026-12-08',
      resolutionDue: '2026-12-18',
    };
    expect(slaColour(ticket, new Date('2026-12-07T03:00:00Z'))).toBe('green');
    expect(slaColour(ticket, new Date('2026-12-08T03:00:00Z'))).toBe('amber');
    expect(slaColour(ticket, new Date('2026-12-09T03:00:00Z'))).toBe('red');
    // Answered: the resolution's deadline counts.
    expect(slaColour({ ...ticket, firstAnsweredAt: new Date() }, new Date('2026-12-09T03:00:00Z'))).toBe(
      'green',
    );
    expect(slaColour({ ...ticket, status: 'closed' }, new Date('2026-12-30T03:00:00Z'))).toBe('done');
  });
});
