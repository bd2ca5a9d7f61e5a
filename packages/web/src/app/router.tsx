import { BrowserRouter, Route, Routes } from 'react-router';
import { CardPage } from '../features/card';
import { HistoryPage, BenefitsPage, MedicalPage } from '../features/history';
import { HomePage } from '../features/home';
import { LookupPage } from '../features/lookup';
import { NotFoundPage } from '../features/not-found';
import { ProfilePage } from '../features/profile';
import { ServicesPage } from '../features/services';
import { StaffHomePage } from '../features/staff';
import { SupportPage } from '../features/support';
import { CitizenShell, StaffShell } from './shells';

/** Route groups: the citizen app at `/`, and the officer, employer and clinic back offices. */
export function AppRouter() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<CitizenShell />}>
          <Route index element={<HomePage />} />
          <Route path="card" element={<CardPage />} />
          <Route path="history" element={<HistoryPage />} />
          <Route path="benefits" element={<BenefitsPage />} />
          <Route path="medical" element={<MedicalPage />} />
          <Route path="services" element={<ServicesPage />} />
          <Route path="profile" element={<ProfilePage />} />
          <Route path="lookup" element={<LookupPage />} />
          <Route path="support" element={<SupportPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        {(['officer', 'employer', 'clinic'] as const).map((group) => (
          <Route key={group} path={group} element={<StaffShell group={group} />}>
            <Route index element={<StaffHomePage group={group} />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        ))}
      </Routes>
    </BrowserRouter>
  );
}
