import { SESSION_END_REASONS, type SessionEndReason } from '@vssid/domain';

/** The channel migration 0008's trigger notifies with `<session id>:<reason>` when a session ends. */
export const SESSION_ENDED_CHANNEL = 'vssid_session_ended';

const REASONS: ReadonlySet<string> = new Set(SESSION_END_REASONS);

/** Bound on the sessions one node remembers; past it the memory starts over (and re-reads). */
const MAX_ENTRIES = 200_000;

interface Entry {
  ended: SessionEndReason | null;
  /** Epoch milliseconds at which the session expires by itself. */
  expiresAt: number;
  /** When it was read from the database. */
  readAt: number;
  /** The subscription epoch it was read in (see `live`). */
  epoch: number;
}

export interface StoredSession {
  ended_at: Date | null;
  end_reason: SessionEndReason | null;
  expires_at: Date;
}

export type Subscribe = (
  channel: string,
  onMessage: (payload: string) => void,
  onState: (live: boolean) => void,
) => Promise<() => Promise<void>>;

/**
 * Whether a session is still open, as one node sees it, without a query per request.
 *
 * A session is read from the database the first time this node meets it; after that, while the
 * node is subscribed to the session-end channel, its state is known in memory: ended when the
 * channel said so (every way of ending a session goes through the trigger of migration 0008, so
 * none is missed), expired when its time is up. Notifications sent while the node was not
 * subscribed are lost, so everything read before a subscription starts (or restarts) is read
 * again once. Without a subscription (not started, or lost) it falls back to re-reading a session
 * once it was last read `fallbackTtlMs` ago, as before.
 */
export class SessionStates {
  private readonly entries = new Map<string, Entry>();
  private live = false;
  private epoch = 0;

  constructor(
    private readonly load: (id: string) => Promise<StoredSession | undefined>,
    private readonly fallbackTtlMs: number,
  ) {}

  /** Subscribes to the channel; resolves with the unsubscribe function. */
  subscribe(listen: Subscribe): Promise<() => Promise<void>> {
    return listen(
      SESSION_ENDED_CHANNEL,
      (payload) => {
        this.onNotification(payload);
      },
      (live) => {
        this.live = live;
        this.epoch++;
      },
    );
  }

  /** Whether this node currently learns of every session end as it happens. */
  get subscribed(): boolean {
    return this.live;
  }

  onNotification(payload: string): void {
    const at = payload.lastIndexOf(':');
    if (at <= 0) return;
    const id = payload.slice(0, at);
    const reason = payload.slice(at + 1) as SessionEndReason;
    this.remember(id, {
      ended: REASONS.has(reason) ? reason : 'expired',
      expiresAt: 0,
      readAt: Date.now(),
      epoch: this.epoch,
    });
  }

  /** Drops what is known of these sessions (this node ended them: the next check reads them). */
  forget(ids: readonly string[]): void {
    for (const id of ids) this.entries.delete(id);
  }

  async state(id: string): Promise<SessionEndReason | null> {
    const known = this.entries.get(id);
    const now = Date.now();
    if (known) {
      if (known.ended) return known.ended;
      if (known.expiresAt <= now) return 'expired';
      if ((this.live && known.epoch === this.epoch) || now - known.readAt < this.fallbackTtlMs) return null;
    }
    // The epoch before the read: a subscription (re)started meanwhile makes this read stale.
    const epoch = this.epoch;
    const row = await this.load(id);
    const ended: SessionEndReason | null = !row
      ? 'expired'
      : row.ended_at
        ? (row.end_reason ?? 'expired')
        : row.expires_at.getTime() <= Date.now()
          ? 'expired'
          : null;
    // An end notified while the read was on its way wins over what the read saw.
    const meanwhile = this.entries.get(id);
    if (meanwhile?.ended) return meanwhile.ended;
    this.remember(id, { ended, expiresAt: row?.expires_at.getTime() ?? 0, readAt: Date.now(), epoch });
    return ended;
  }

  private remember(id: string, entry: Entry): void {
    if (this.entries.size >= MAX_ENTRIES && !this.entries.has(id)) {
      this.entries.clear();
      // Reads in flight were started before the clear: they must not count as current.
      this.epoch++;
    }
    this.entries.set(id, entry);
  }
}
