import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import {
  type ChainedEntry,
  type ChainHead,
  countUnchained,
  findChainEntry,
  findChainHeads,
  findChainPage,
} from './chain-repository';

/** The number of audit chains (migration 0016). */
const AUDIT_CHAINS = 64;
const GENESIS: Buffer = Buffer.alloc(32);
const PAGE = 5000;

function field(v: string | null): string {
  return v === null ? '~' : `${Buffer.byteLength(v, 'utf8')}:${v}`;
}

/**
 * The hash of an entry, computed here independently of the database's `audit_entry_hash`
 * (migration 0016): SHA-256 of the previous hash and the canonical encoding of the fields.
 */
function entryHash(e: ChainedEntry): Buffer {
  const canonical = [
    String(e.chain_partition),
    e.chain_seq,
    e.id,
    e.at_us,
    e.actor_type,
    e.actor_id,
    e.subject_bhxh_code,
    e.action,
    e.target_type,
    e.target_id,
    e.purpose,
    e.ip,
    e.request_id,
    e.details,
  ]
    .map(field)
    .join('|');
  return createHash('sha256').update(e.prev_hash).update(canonical, 'utf8').digest();
}

/** The first break found in a chain: which entry, in which chain, and what differs. */
interface ChainBreak {
  partition: number;
  /** The entry where the chain breaks (null: the break is past the last entry, at the head). */
  entryId: string | null;
  seq: string;
  problem: 'content_changed' | 'entry_missing' | 'link_broken' | 'head_mismatch' | 'anchor_mismatch';
  detail: string;
}

/**
 * Walks one chain's entries in order and returns its first break, or null. `head` is the chain's
 * head row: entries removed from the end show as a head ahead of the last entry.
 */
function checkChain(entries: Iterable<ChainedEntry>, head: ChainHead, start = { seq: 0n, hash: GENESIS }) {
  let seq = start.seq;
  let prev = start.hash;
  let lastId: string | null = null;
  for (const e of entries) {
    const at = (problem: ChainBreak['problem'], detail: string): ChainBreak => ({
      partition: head.chain_partition,
      entryId: e.id,
      seq: e.chain_seq,
      problem,
      detail,
    });
    if (BigInt(e.chain_seq) !== seq + 1n)
      return at(
        'entry_missing',
        `sequence jumps from ${seq} to ${e.chain_seq} (entries deleted before id ${e.id}${lastId ? `, after id ${lastId}` : ''})`,
      );
    if (!e.prev_hash.equals(prev))
      return at(
        'link_broken',
        `previous hash ${hex(e.prev_hash)} differs from the hash of the entry before it, ${hex(prev)}`,
      );
    const computed = entryHash(e);
    if (!computed.equals(e.hash))
      return at(
        'content_changed',
        `stored hash ${hex(e.hash)}, fields hash to ${hex(computed)}: a field of the entry was changed after it was written`,
      );
    seq = BigInt(e.chain_seq);
    prev = e.hash;
    lastId = e.id;
  }
  if (BigInt(head.last_seq) !== seq || !head.last_hash.equals(prev))
    return {
      partition: head.chain_partition,
      entryId: null,
      seq: head.last_seq,
      problem: 'head_mismatch' as const,
      detail: `the chain head says sequence ${head.last_seq} (${hex(head.last_hash)}), the last entry is ${seq}${lastId ? ` (id ${lastId})` : ''}: entries at the end deleted`,
    };
  return null;
}

const hex = (b: Buffer) => b.toString('hex').slice(0, 16) + '…';

/** A record of the chains' heads at one time, kept outside the database (`--anchor`). */
export type Anchor = Record<string, { seq: string; hash: string }>;

interface VerifyResult {
  entries: number;
  chains: number;
  breaks: ChainBreak[];
  unchained: number;
  /** The heads now, to keep outside the database as the next anchor. */
  anchor: Anchor;
}

/**
 * Checks every chain of the audit log: each entry's hash against its fields, each link against
 * the entry before, the sequence without gaps, and the head against the last entry. With an
 * anchor (the heads recorded earlier, outside the database), also that each recorded head is
 * still in its chain with the same hash: a chain rewritten from some entry onwards, hashes
 * recomputed, is caught by the anchor (a hash chain alone cannot see a complete rewrite).
 */
export async function verifyAuditChains(db: Kysely<Database>, anchor?: Anchor): Promise<VerifyResult> {
  const heads = await findChainHeads(db);
  const breaks: ChainBreak[] = [];
  let entries = 0;
  for (let p = 0; p < AUDIT_CHAINS; p++) {
    const head = heads.find((h) => h.chain_partition === p);
    if (!head) {
      breaks.push({
        partition: p,
        entryId: null,
        seq: '0',
        problem: 'head_mismatch',
        detail: 'the chain head row is missing',
      });
      continue;
    }
    // Page by page, carrying the last sequence and hash from one page to the next.
    let start: { seq: bigint; hash: Buffer } = { seq: 0n, hash: GENESIS };
    let found: ChainBreak | null = null;
    for (;;) {
      const page = await findChainPage(db, p, start.seq.toString(), PAGE);
      entries += page.length;
      const last = page.at(-1);
      if (!last) break;
      found = checkChain(page, { chain_partition: p, last_seq: last.chain_seq, last_hash: last.hash }, start);
      if (found) break;
      start = { seq: BigInt(last.chain_seq), hash: last.hash };
      if (page.length < PAGE) break;
    }
    found ??= checkChain([], head, start);
    if (found) breaks.push(found);
    const recorded = anchor?.[String(p)];
    if (recorded && BigInt(recorded.seq) > 0n) {
      const entry = await findChainEntry(db, p, recorded.seq);
      if (!entry || entry.hash.toString('hex') !== recorded.hash)
        breaks.push({
          partition: p,
          entryId: entry?.id ?? null,
          seq: recorded.seq,
          problem: 'anchor_mismatch',
          detail: entry
            ? `the anchor recorded hash ${recorded.hash.slice(0, 16)}… at sequence ${recorded.seq}, the chain now has ${hex(entry.hash)}: the chain was rewritten`
            : `the anchor recorded sequence ${recorded.seq}, which is no longer in the chain`,
        });
    }
  }
  return {
    entries,
    chains: heads.length,
    breaks,
    unchained: await countUnchained(db),
    anchor: Object.fromEntries(
      heads.map((h) => [String(h.chain_partition), { seq: h.last_seq, hash: h.last_hash.toString('hex') }]),
    ),
  };
}
