import { systemInfo } from '@vssid/domain/api/system';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetcher } from '../shared/api-call';

const fetchSystemInfo = fetcher(systemInfo);
/** Asked once per page load, whichever shell asks first. */
let demoMode: Promise<boolean> | undefined;

/**
 * The "demo" ribbon on every screen while the server runs in demo mode (issue #22 item 7:
 * `demo` of `GET /api/v1/meta`): stand-ins are on (the development inbox, the VNeID stand-in),
 * so no one takes the system for the real one. Nothing while the answer is pending or failed.
 */
export function DemoRibbon() {
  const { t } = useTranslation();
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    demoMode ??= fetchSystemInfo({}).then(
      (info) => info.demo,
      () => false,
    );
    void demoMode.then(setDemo);
  }, []);
  return demo ? (
    <p className="demo-ribbon" role="note" data-testid="demo-ribbon">
      {t('demo.ribbon')}
    </p>
  ) : null;
}
