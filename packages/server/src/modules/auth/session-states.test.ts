import { describe, expect, it } from 'vitest';
import { SESSION_ENDED_CHANNEL, SessionStates, type StoredSession, type Subscribe } from './session-states';

const open = (expiresInMs = 3_600_000): StoredSession => ({
  ended_at: null,
  end_reason: null,
  expires_at: new Date(Date.now() + expiresInMs),
});

/** A database of sessions that counts its reads, and a subscription the test drives. */
function setup(ttlMs = 60_000) {
  const rows = new Map<string, StoredSession>();
  let reads = 0;
  const states = new SessionStates(async (id) => {
    reads++;
    await Promise.resolve();
    return rows.get(id);
  }, ttlMs);
  let notify: (payload: string) => void = () => undefined;
  let setLive: (live: boolean) => void = () => undefined;
  let channel = '';
  const listen: Subscribe = async (ch, onMessage, onState) => {
    channel = ch;
    notify = onMessage;
    setLive = onState;
    onState(true);
    return async () => {
      onState(false);
    };
  };
  return {
    rows,
    states,
    listen,
    reads: () => reads,
    notify: (p: string) => {
      notify(p);
    },
    setLive: (live: boolean) => {
      setLive(live);
    },
    channel: () => channel,
  };
}

describe('SessionStates', () => {
  it('reads a session once while subscribed, then answers from memory', async () => {
    const t = setup();
    await t.states.subscribe(t.listen);
    expect(t.channel()).toBe(SESSION_ENDED_CHANNEL);
    t.rows.set('s1', open());
    for (let i = 0; i < 5; i++) expect(await t.states.state('s1')).toBeNull();
    expect(t.reads()).toBe(1);
  });

  it('knows an end from the channel without reading, with its reason', async () => {
    const t = setup();
    await t.states.subscribe(t.listen);
    t.rows.set('s1', open());
    expect(await t.states.state('s1')).toBeNull();
    t.notify('s1:replaced_by_new_device');
    expect(await t.states.state('s1')).toBe('replaced_by_new_device');
    t.notify('s2:no_such_reason');
    expect(await t.states.state('s2')).toBe('expired');
    expect(t.reads()).toBe(1);
  });

  it('an end notified while the read is on its way wins', async () => {
    const t = setup();
    await t.states.subscribe(t.listen);
    t.rows.set('s1', open());
    const pending = t.states.state('s1');
    t.notify('s1:signed_out');
    expect(await pending).toBe('signed_out');
    expect(await t.states.state('s1')).toBe('signed_out');
  });

  it('a session whose time is up is expired without a read', async () => {
    const t = setup();
    await t.states.subscribe(t.listen);
    t.rows.set('s1', open(30));
    expect(await t.states.state('s1')).toBeNull();
    await new Promise((r) => setTimeout(r, 40));
    expect(await t.states.state('s1')).toBe('expired');
    expect(t.reads()).toBe(1);
  });

  it('re-reads after the subscription was lost and again when it is back', async () => {
    const t = setup(0);
    await t.states.subscribe(t.listen);
    t.rows.set('s1', open());
    await t.states.state('s1');
    t.setLive(false);
    // Meanwhile the session ended and nobody told this node.
    t.rows.set('s1', { ...open(), ended_at: new Date(), end_reason: 'signed_out' });
    expect(await t.states.state('s1')).toBe('signed_out');
    t.rows.set('s2', open());
    await t.states.state('s2');
    await t.states.state('s2');
    // Not subscribed, time to live 0: every check reads.
    expect(t.reads()).toBe(4);
    t.setLive(true);
    await t.states.state('s2');
    await t.states.state('s2');
    // One read for what was known before the subscription came back, then memory again.
    expect(t.reads()).toBe(5);
  });

  it('without a subscription, falls back to re-reading after the time to live', async () => {
    const t = setup(20);
    t.rows.set('s1', open());
    await t.states.state('s1');
    await t.states.state('s1');
    expect(t.reads()).toBe(1);
    await new Promise((r) => setTimeout(r, 30));
    await t.states.state('s1');
    expect(t.reads()).toBe(2);
    expect(t.states.subscribed).toBe(false);
  });

  it('an unknown session is expired; forget makes the next check read', async () => {
    const t = setup();
    await t.states.subscribe(t.listen);
    expect(await t.states.state('nope')).toBe('expired');
    t.rows.set('s1', open());
    await t.states.state('s1');
    t.states.forget(['s1']);
    await t.states.state('s1');
    expect(t.reads()).toBe(3);
  });
});
