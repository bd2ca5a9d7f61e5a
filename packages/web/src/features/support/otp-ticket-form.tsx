import { OTP_TICKET_CATEGORIES } from '@vssid/domain/support';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Field, Notice, Select } from '../../design';
import { messageOf } from '../auth';
import { confirmTicketWithOtp, solvedChallenge, startTicketWithOtp } from './api';
import { attachmentsOf } from './my-tickets';
import { FilePicker } from './ticket-view';

type Category = (typeof OTP_TICKET_CATEGORIES)[number];

/**
 * A ticket from someone not signed in (issue 25): a BHXH code or the phone registered with BHXH,
 * the look-up's proof of work solved in the background, then the OTP sent to the phone on record
 * with the ticket itself. The answer is the same whether or not the code is on record; the
 * number and the answers come by SMS.
 */
export function OtpTicketForm() {
  const { t } = useTranslation('support');
  const { t: tw } = useTranslation();
  const [who, setWho] = useState({ bhxhCode: '', phone: '' });
  const [challengeId, setChallengeId] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [category, setCategory] = useState<Category>('account');
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [opened, setOpened] = useState<string | null>(null);

  const run = (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    work()
      .catch((e: unknown) => {
        setError(e);
      })
      .finally(() => {
        setBusy(false);
      });
  };

  if (opened)
    return (
      <Card title={t('tickets.otp.title')}>
        <Notice tone="ok">{t('tickets.otp.opened', { id: opened })}</Notice>
      </Card>
    );
  return (
    <Card title={t('tickets.otp.title')}>
      <p>{t('tickets.otp.lead')}</p>
      {error ? <Notice tone="warn">{messageOf(tw, error)}</Notice> : null}
      {challengeId === null ? (
        <form
          data-testid="otp-ticket-start"
          onSubmit={(e) => {
            e.preventDefault();
            if (busy || (!who.bhxhCode.trim() && !who.phone.trim())) return;
            run(async () => {
              const proof = await solvedChallenge();
              const by = who.bhxhCode.trim()
                ? { bhxhCode: who.bhxhCode.trim() }
                : { phone: who.phone.trim() };
              setChallengeId((await startTicketWithOtp({ body: { ...by, ...proof } })).challengeId);
            });
          }}
        >
          <Field
            label={t('tickets.otp.bhxhCode')}
            inputMode="numeric"
            pattern="[0-9]{10}"
            value={who.bhxhCode}
            data-testid="otp-ticket-code"
            onChange={(e) => {
              setWho({ bhxhCode: e.target.value, phone: '' });
            }}
          />
          <Field
            label={t('tickets.otp.phone')}
            inputMode="tel"
            pattern="0[0-9]{9}"
            value={who.phone}
            onChange={(e) => {
              setWho({ bhxhCode: '', phone: e.target.value });
            }}
          />
          <Button type="submit">{busy ? t('tickets.otp.working') : t('tickets.otp.sendCode')}</Button>
        </form>
      ) : (
        <form
          data-testid="otp-ticket-confirm"
          onSubmit={(e) => {
            e.preventDefault();
            if (busy) return;
            run(async () => {
              const ticket = await confirmTicketWithOtp({
                body: { challengeId, code, category, text, attachments: await attachmentsOf(files) },
              });
              setOpened(ticket.id);
            });
          }}
        >
          <Notice>{t('tickets.otp.sent')}</Notice>
          <Field
            label={t('tickets.otp.code')}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            required
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
            }}
          />
          <Select
            label={t('tickets.category')}
            value={category}
            options={OTP_TICKET_CATEGORIES.map((c) => ({ value: c, label: t(`tickets.categories.${c}`) }))}
            onChange={(v) => {
              setCategory(v as Category);
            }}
          />
          <label className="field">
            <span className="field__label">{t('tickets.text')}</span>
            <textarea
              rows={4}
              required
              minLength={5}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
              }}
            />
          </label>
          <FilePicker id="otp-ticket-files" files={files} onChange={setFiles} />
          <Button type="submit">{busy ? t('tickets.otp.working') : t('tickets.send')}</Button>
        </form>
      )}
    </Card>
  );
}
