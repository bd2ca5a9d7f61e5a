import { SERVICE_CATALOGUE } from '@vssid/domain/service-requests';
import { addWorkingDays, shiftDay } from '@vssid/domain/working-days';
import type { Random } from '../random';
import type { CardRow, RequestActionRow, RequestRow } from '../rows';
import { AS_OF } from './calendar';

/**
 * Online public service requests (issue 23): about one person in five has filed one during the
 * year before `AS_OF` (200,000 for the 1M-person dataset), to their province's agency. Most are
 * decided; about a fifth are still open (filed in the last three weeks: submitted, received, or
 * waiting for the citizen with the clock stopped). Each has the action log its status folds from.
 * Numbers `DVC.<agency>.<year>.<6 digits>` use the person's sequence, so they never collide; the
 * loader then moves each agency's number sequence past them.
 */
export function requestHistory(
  r: Random,
  person: { bhxh_code: string; province_code: string | null | undefined },
  seq: number,
  cards: readonly CardRow[],
): { requests: RequestRow[]; actions: RequestActionRow[] } {
  const agency = person.province_code;
  if (!agency || !r.chance(0.2)) return { requests: [], actions: [] };
  const hasCard = cards.some((c) => c.status === 'active');
  const type = hasCard && r.chance(0.6) ? 'bhyt_card_reissue' : 'bhxh_book_reissue';
  const changed = r.chance(0.3);
  // The catalogue's legal times (a book reissue: 5 working days, Luật BHXH 41/2024 Art. 28(4)).
  const { plain, withChanges } = SERVICE_CATALOGUE[type].workingDays;
  const workingDays = changed ? withChanges : plain;
  const roll = r.next();
  const status =
    roll < 0.08
      ? 'submitted'
      : roll < 0.16
        ? 'received'
        : roll < 0.2
          ? 'waiting_for_citizen'
          : roll < 0.9
            ? 'approved'
            : roll < 0.98
              ? 'rejected'
              : 'withdrawn';
  const open = status === 'submitted' || status === 'received' || status === 'waiting_for_citizen';
  const day = shiftDay(AS_OF, -(open ? r.int(0, 20) : r.int(21, 330)));
  const dueOn = addWorkingDays(day, workingDays);
  const at = (d: string, hour: number) =>
    `${d}T${String(hour).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00+07:00`;
  const submittedAt = at(day, r.int(7, 21));
  const decidedDay = shiftDay(dueOn, r.chance(0.1) ? r.int(1, 5) : -Math.min(workingDays, r.int(0, 2)));
  const decided = decidedDay < day ? day : decidedDay;
  const id = uuidOf(r);
  const year = Number(day.slice(0, 4)) - Math.floor(seq / 1_000_000);
  const request: RequestRow = {
    bhxh_code: person.bhxh_code,
    id,
    number: `DVC.${agency}.${year}.${String(seq % 1_000_000).padStart(6, '0')}`,
    type,
    agency_code: agency,
    filed_by_bhxh_code: person.bhxh_code,
    form: {
      type,
      reason: r.chance(0.7) ? 'lost' : 'damaged',
      ...(type === 'bhxh_book_reissue' ? { otherProvinces: false } : {}),
    },
    status,
    submitted_at: submittedAt,
    working_days: workingDays,
    used_days: status === 'waiting_for_citizen' ? Math.min(1, workingDays) : 0,
    running_since: status === 'waiting_for_citizen' ? null : day,
    due_on: dueOn,
    decided_at: open ? null : at(decided, 15),
    result_applied_at: status === 'approved' ? at(decided, 15) : null,
    idempotency_key: `${person.bhxh_code}:datagen-${id}`,
  };
  const log: [string, string][] = [['submit', submittedAt]];
  if (status !== 'submitted' && status !== 'withdrawn') log.push(['receive', at(day, 22)]);
  if (status === 'waiting_for_citizen') log.push(['ask_supplement', at(day, 23)]);
  if (status === 'approved' || status === 'rejected' || status === 'withdrawn')
    log.push([
      status === 'approved' ? 'approve' : status === 'rejected' ? 'reject' : 'withdraw',
      at(decided, 15),
    ]);
  const actions = log.map(([action, when], i): RequestActionRow => ({
    bhxh_code: person.bhxh_code,
    request_id: id,
    seq: i + 1,
    action,
    actor_type: action === 'submit' || action === 'withdraw' ? 'citizen' : 'officer',
    actor_id: null,
    at: when,
    reason_code: action === 'reject' ? 'documents_missing' : null,
    reason_text: action === 'ask_supplement' ? 'Ảnh giấy tờ rõ hơn' : null,
    details: {},
    idempotency_key: null,
  }));
  return { requests: [request], actions };
}

/** A version-4-shaped UUID from the generator (deterministic per seed). */
function uuidOf(r: Random): string {
  const hex = Array.from({ length: 32 }, () => r.int(0, 15).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
