import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { Field, Icon, Notice } from '../../design';
import type { BhxhCodeAnswer, BhxhCodeMatch, BhxhCodeQuery, OwnBhxhCode } from '@vssid/domain/api/lookup';
import { ApiError, NetworkError } from '../../shared/api';
import { useSession } from '../../app/session';
import { fetchBhxhCode, fetchChallenge, fetchMyBhxhCode, sendCodeBySms } from './api';
import { birthForApi } from './lookup-logic';
import { PlaceFields } from './place-fields';
import { solveChallenge } from '../../shared/pow';
import { failedView, loadLast, NO_FIELDS, saveLast, type Stored } from './store';

type Mode = 'name' | 'id';
type Params = Record<string, string>;

type View =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'searching' }
  | { kind: 'done'; stored: Stored<BhxhCodeAnswer>; offline: boolean; fromBefore: boolean }
  | { kind: 'failed'; message: string; fields: Record<string, string> };

type SmsState =
  { kind: 'sending' } | { kind: 'sent'; maskedPhone: string } | { kind: 'failed'; message: string };

/**
 * Tra cứu mã số BHXH: by name, date of birth and place, or by CCCD/CMND. Each look-up first
 * solves the server's proof-of-work challenge (shown as "checking…"); the answers are masked,
 * and the full code goes by SMS to the phone registered for it. A signed-in citizen sees their
 * own code in full.
 */
export function CodeSection() {
  const { t } = useTranslation();
  const f = useFormat();
  const [mode, setMode] = useState<Mode>(() =>
    loadLast<BhxhCodeAnswer>('bhxhCode')?.params.idNumber ? 'id' : 'name',
  );
  const [params, setParams] = useState<Params>(() => loadLast<BhxhCodeAnswer>('bhxhCode')?.params ?? {});
  const [view, setView] = useState<View>(() => {
    const stored = loadLast<BhxhCodeAnswer>('bhxhCode');
    return stored ? { kind: 'done', stored, offline: false, fromBefore: true } : { kind: 'idle' };
  });
  const [sms, setSms] = useState<Record<string, SmsState>>({});
  const [mine, setMine] = useState<OwnBhxhCode | null>(null);

  const { state: session } = useSession();
  const citizen = session.status === 'signed_in' && session.session.account.role === 'citizen';
  useEffect(() => {
    if (!citizen) return;
    const controller = new AbortController();
    // A signed-in citizen: their own code in full.
    fetchMyBhxhCode({ signal: controller.signal })
      .then(setMine)
      .catch(() => undefined);
    return () => {
      controller.abort();
    };
  }, [citizen]);

  const set = (key: string, value: string) => {
    setParams((p) => ({ ...p, [key]: value }));
  };

  async function submit(event: { preventDefault(): void }) {
    event.preventDefault();
    const missing: Record<string, string> = {};
    const body: Omit<BhxhCodeQuery, 'challengeId' | 'nonce'> = {};
    if (mode === 'id') {
      const id = (params.idNumber ?? '').replace(/\s/g, '');
      if (!/^(\d{9}|\d{12})$/.test(id)) missing.idNumber = t('lookup.code.idNumberInvalid');
      body.idNumber = id;
    } else {
      const birth = birthForApi(params.birth ?? '');
      if (!(params.fullName ?? '').trim()) missing.fullName = t('lookup.code.required');
      if (!birth) missing.birthDate = t('lookup.code.birthInvalid');
      if (!params.province) missing.provinceCode = t('lookup.code.required');
      body.fullName = (params.fullName ?? '').trim();
      if (birth) body.birthDate = birth;
      if (params.province) body.provinceCode = params.province;
      if (params.commune) body.communeCode = params.commune;
    }
    if (Object.keys(missing).length) {
      setView({ kind: 'failed', message: t('lookup.code.checkFields'), fields: missing });
      return;
    }
    const saved: Params = mode === 'id' ? { idNumber: body.idNumber ?? '' } : { ...params, idNumber: '' };
    try {
      setView({ kind: 'checking' });
      const challenge = await fetchChallenge({});
      const nonce = await solveChallenge(challenge.salt, challenge.bits);
      setView({ kind: 'searching' });
      const answer = await fetchBhxhCode({
        body: { challengeId: challenge.challengeId, nonce, ...body },
      });
      setSms({});
      setView({
        kind: 'done',
        stored: saveLast('bhxhCode', saved, answer),
        offline: false,
        fromBefore: false,
      });
    } catch (error) {
      setView(failedView<BhxhCodeAnswer>('bhxhCode', error, t));
    }
  }

  async function sendSms(match: BhxhCodeMatch) {
    setSms((s) => ({ ...s, [match.token]: { kind: 'sending' } }));
    try {
      const answer = await sendCodeBySms({ body: { token: match.token } });
      setSms((s) => ({ ...s, [match.token]: { kind: 'sent', maskedPhone: answer.maskedPhone } }));
    } catch (error) {
      const message =
        error instanceof ApiError
          ? error.problem.title
          : error instanceof NetworkError
            ? t('lookup.offlineNothing')
            : t('lookup.failed');
      setSms((s) => ({ ...s, [match.token]: { kind: 'failed', message } }));
    }
  }

  const fields = view.kind === 'failed' ? view.fields : NO_FIELDS;
  const busy = view.kind === 'checking' || view.kind === 'searching';
  const savedAt = f.dateTime;

  return (
    <section className="lookup-section" aria-labelledby="lookup-code-title">
      <h2 id="lookup-code-title" className="lookup-section__title">
        {t('lookup.kinds.bhxhCode.title')}
      </h2>
      <p>{t('lookup.kinds.bhxhCode.text')}</p>
      {citizen && mine ? (
        <Notice tone="ok">
          {t('lookup.code.mine')} <strong data-testid="lookup-own-code">{mine.bhxhCode}</strong> (
          {mine.fullName})
        </Notice>
      ) : null}
      <div className="lookup-modes" role="radiogroup" aria-label={t('lookup.code.modeLabel')}>
        {(['name', 'id'] as const).map((m) => (
          <label key={m} className="lookup-check">
            <input
              type="radio"
              name="lookup-mode"
              value={m}
              checked={mode === m}
              onChange={() => {
                setMode(m);
              }}
            />
            {m === 'name' ? t('lookup.code.byName') : t('lookup.code.byId')}
          </label>
        ))}
      </div>
      <form className="lookup-form" onSubmit={(e) => void submit(e)} noValidate>
        {mode === 'name' ? (
          <>
            <Field
              label={t('lookup.code.fullName')}
              name="fullName"
              autoComplete="name"
              value={params.fullName ?? ''}
              error={fields.fullName}
              onChange={(e) => {
                set('fullName', e.target.value);
              }}
            />
            <Field
              label={t('lookup.code.birth')}
              hint={t('lookup.code.birthHint')}
              name="birth"
              inputMode="numeric"
              value={params.birth ?? ''}
              error={fields.birthDate}
              onChange={(e) => {
                set('birth', e.target.value);
              }}
            />
            <PlaceFields
              provinceRequired
              province={params.province ?? ''}
              commune={params.commune ?? ''}
              onChange={(province, commune) => {
                setParams((p) => ({ ...p, province, commune }));
              }}
            />
            {fields.provinceCode ? <p className="field__error">{fields.provinceCode}</p> : null}
            {fields.communeCode ? <p className="field__error">{fields.communeCode}</p> : null}
          </>
        ) : (
          <Field
            label={t('lookup.code.idNumber')}
            hint={t('lookup.code.idNumberHint')}
            name="idNumber"
            inputMode="numeric"
            value={params.idNumber ?? ''}
            error={fields.idNumber}
            onChange={(e) => {
              set('idNumber', e.target.value);
            }}
          />
        )}
        <div className="lookup-form__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={busy}
            data-testid="lookup-code-submit"
          >
            <Icon name="lookup" />
            {t('lookup.search')}
          </button>
        </div>
        <p className="field__hint">{t('lookup.code.privacy')}</p>
      </form>
      {view.kind === 'checking' ? (
        <p role="status" className="lookup-status" data-testid="lookup-checking">
          {t('lookup.code.checking')}
        </p>
      ) : null}
      {view.kind === 'searching' ? (
        <p role="status" className="lookup-status">
          {t('lookup.searching')}
        </p>
      ) : null}
      {view.kind === 'failed' ? (
        <Notice tone="warn" live>
          {view.message}
        </Notice>
      ) : null}
      {view.kind === 'done' ? (
        <div className="lookup-results" data-testid="lookup-results-bhxhCode">
          {view.offline ? (
            <Notice tone="warn" live>
              <span data-testid="lookup-offline">
                {t('lookup.offline', { time: savedAt(view.stored.savedAt) })}
              </span>
            </Notice>
          ) : view.fromBefore ? (
            <p className="lookup-results__note">
              {t('lookup.lastResults', { time: savedAt(view.stored.savedAt) })}
            </p>
          ) : null}
          {view.stored.answer.tooMany ? (
            <Notice tone="warn">{t('lookup.code.tooMany')}</Notice>
          ) : view.stored.answer.matches.length === 0 ? (
            <Notice>{t('lookup.code.none')}</Notice>
          ) : (
            <ol className="lookup-list">
              {view.stored.answer.matches.map((m) => {
                const state = sms[m.token];
                return (
                  <li key={m.token} className="lookup-item" data-testid="lookup-match">
                    <p className="lookup-item__code" data-testid="lookup-masked-code">
                      {m.maskedCode}
                    </p>
                    <p className="lookup-item__meta">
                      <span>{m.initials}</span>
                      <span>{t('lookup.code.bornIn', { year: m.birthYear })}</span>
                      <span>{m.gender === 'male' ? t('lookup.code.male') : t('lookup.code.female')}</span>
                    </p>
                    {m.similarName ? (
                      <p className="lookup-results__note">{t('lookup.code.similar')}</p>
                    ) : null}
                    {view.fromBefore ? null : m.maskedPhone ? (
                      state?.kind === 'sent' ? (
                        <Notice tone="ok" live>
                          <span data-testid="lookup-sms-sent">
                            {t('lookup.code.smsSent', { phone: state.maskedPhone })}
                          </span>
                        </Notice>
                      ) : (
                        <>
                          <button
                            type="button"
                            className="button button--secondary"
                            disabled={state?.kind === 'sending'}
                            data-testid="lookup-send-sms"
                            onClick={() => void sendSms(m)}
                          >
                            {state?.kind === 'sending'
                              ? t('lookup.code.smsSending')
                              : t('lookup.code.sendSms', { phone: m.maskedPhone })}
                          </button>
                          {state?.kind === 'failed' ? (
                            <Notice tone="warn" live>
                              {state.message}
                            </Notice>
                          ) : null}
                        </>
                      )
                    ) : (
                      <p className="lookup-results__note">{t('lookup.code.noPhone')}</p>
                    )}
                  </li>
                );
              })}
            </ol>
          )}
        </div>
      ) : null}
    </section>
  );
}
