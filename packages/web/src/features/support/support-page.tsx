import { useTranslation } from 'react-i18next';
import { ButtonLink, Card, PageHeader } from '../../design';
import { useSession } from '../../app/session';
import { SignInNeededNotice } from '../auth';
import { HelpCentre } from './help-centre';
import { MyTickets } from './my-tickets';
import { OtpTicketForm } from './otp-ticket-form';

/** 1900 9068: the published hotline of BHXH Việt Nam. */
const HOTLINE = 'tel:19009068';

/**
 * Hỗ trợ 24/7 (CV 2578/BHXH-TT §2.4): the hotline and its hours, and for a signed-in person their
 * tickets (a wrong-data ticket names the record) and a "call me back" request; signed out, a
 * ticket with an OTP to the phone registered with BHXH.
 */
export function SupportPage() {
  const { t } = useTranslation();
  const { t: ts } = useTranslation('support');
  const { session } = useSession();
  return (
    <>
      <PageHeader title={t('support.title')} lead={t('support.lead')} />
      <Card title={t('support.hotlineTitle')}>
        <p>{t('support.hotline')}</p>
        <p data-testid="hotline-hours">{t('support.hours')}</p>
        <ButtonLink to={HOTLINE} icon="phone" block>
          {t('support.call')}
        </ButtonLink>
      </Card>
      <HelpCentre />
      {session?.account.role === 'citizen' ? (
        <MyTickets />
      ) : (
        <>
          <OtpTicketForm />
          <SignInNeededNotice>{ts('tickets.otp.orSignIn')}</SignInNeededNotice>
        </>
      )}
    </>
  );
}
