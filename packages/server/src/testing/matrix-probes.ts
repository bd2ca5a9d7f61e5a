import { type MatrixWorld, type Owner, PERSONS, type PersonKey } from './matrix-world';

/**
 * Tests only: the matrix's object generators (issue #22, `http/route-matrix.int.test.ts`), one
 * per contract by its name in `allContracts()` (`records.readPersonBenefits`). A generator gives
 * the calls to make as every caller: each names the owner of the objects its identifiers point
 * at (null: the call names no object; only the route's `access` then decides). The test fails
 * for a contract without a generator here, so a new route cannot be left out.
 */
export interface Probe {
  owner: Owner | null;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  /** A raw body (file uploads), sent with `headers['content-type']`. */
  payload?: string;
}

interface ProbeEntry {
  probes: (w: MatrixWorld) => Probe[];
  /** The call ends the caller's sessions: every caller signs in again after the route. */
  endsSession?: boolean;
}

const none = (probe: Omit<Probe, 'owner'> = {}): ProbeEntry => ({
  probes: () => [{ owner: null, ...probe }],
});

const PURPOSE = { purpose: 'kiểm tra ma trận quyền' };
let unitUserSeq = 0;
const KEYS = Object.keys(PERSONS) as PersonKey[];

/** One call per person of the world (self, ward, grown child, another citizen, another's ward). */
const perPerson = (
  make: (code: string, key: PersonKey, w: MatrixWorld) => Omit<Probe, 'owner'>,
): ProbeEntry => ({
  probes: (w) => KEYS.map((key) => ({ owner: w.personOwner[key], ...make(PERSONS[key], key, w) })),
});
/** `/me/<what>`: the caller's own (no identifier), and `?for=` each person. */
const meAndFor = (extra: Record<string, string> = {}, params: Record<string, string> = {}): ProbeEntry => ({
  probes: (w) => [
    { owner: null, query: extra, params },
    ...KEYS.map((key) => ({
      owner: w.personOwner[key],
      query: { ...extra, ...PURPOSE, for: PERSONS[key] },
      params,
    })),
  ],
});
const visit = (code: string) => `LK${code}`;

const dossiers = (make: (d: MatrixWorld['dossiers'][number]) => Omit<Probe, 'owner'>): ProbeEntry => ({
  probes: (w) => w.dossiers.map((d) => ({ owner: d.owner, ...make(d) })),
});
const imports = (make: (id: string) => Omit<Probe, 'owner'>): ProbeEntry => ({
  probes: (w) => w.imports.map((i) => ({ owner: i.owner, ...make(i.id) })),
});
const tickets = (make: (id: string, attachmentId: string) => Omit<Probe, 'owner'>): ProbeEntry => ({
  probes: (w) => w.tickets.map((t) => ({ owner: t.owner, ...make(t.id, t.attachmentId) })),
});
const agencies = (make: (code: string) => Omit<Probe, 'owner'>): ProbeEntry => ({
  probes: (w) => w.agencies.map((a) => ({ owner: a.owner, ...make(a.code) })),
});

const requests = (
  which: keyof MatrixWorld['requests'],
  make: (number: string) => Omit<Probe, 'owner'>,
): ProbeEntry => ({
  probes: (w) => w.requests[which].map((r) => ({ owner: r.owner, ...make(r.number) })),
});
/** The file of each decided request (its step and place), and one that is on none of them. */
const requestFiles = (
  make: (number: string, seq: number, position: number) => Omit<Probe, 'owner'>,
): ProbeEntry => ({
  probes: (w) =>
    w.requests.decided.flatMap((r) => [
      ...(r.attachment
        ? [{ owner: r.owner, ...make(r.number, r.attachment.seq, r.attachment.position) }]
        : []),
      { owner: r.owner, ...make(r.number, 99, 0) },
    ]),
});
let requestSeq = 0;

const CLIENT = { deviceName: 'Matrix' };
const NO_CHALLENGE = '00000000-0000-4000-8000-000000000000';
let officerSeq = 0;

export const PROBES: Record<string, ProbeEntry> = {
  // ---- auth: the caller's own account, or sign-in steps naming nobody's objects ----
  'auth.signIn': none({ body: { username: 'khong.ton.tai', password: 'Sai-mat-khau-1', client: CLIENT } }),
  'auth.completeSignIn': none({ body: { challengeId: NO_CHALLENGE, code: '123456', client: CLIENT } }),
  'auth.resendOtp': none({ body: { challengeId: NO_CHALLENGE } }),
  'auth.refreshSession': none({ body: {} }),
  'auth.readSession': none(),
  'auth.signOut': { ...none({ body: {} }), endsSession: true },
  'auth.signOutEverywhere': { ...none({ body: {} }), endsSession: true },
  'auth.listDevices': none(),
  'auth.listSignIns': none(),
  'auth.setInitialPassword': none({ body: { newPassword: 'Mat-khau-moi-2026!', client: CLIENT } }),
  'auth.startPasswordChange': none({ body: { currentPassword: 'Sai-mat-khau-1' } }),
  'auth.changePassword': none({
    body: { challengeId: NO_CHALLENGE, code: '123456', newPassword: 'Mat-khau-moi-2026!' },
  }),
  'auth.startPasswordReset': none({ body: { username: 'khong.ton.tai' } }),
  'auth.resetPassword': none({
    body: { challengeId: NO_CHALLENGE, code: '123456', newPassword: 'Mat-khau-moi-2026!' },
  }),
  'auth.passkeyRegistrationOptions': none({ body: {} }),
  'auth.registerPasskey': none({ body: {} }),
  'auth.listPasskeys': none(),
  'auth.removePasskey': { probes: (w) => w.passkeys.map((p) => ({ owner: p.owner, params: { id: p.id } })) },
  'auth.passkeyAuthenticationOptions': none({ body: {} }),
  'auth.authenticateWithPasskey': none({ body: {} }),
  'auth.vneidStatus': none(),
  'auth.startVneidSignIn': none(),
  'auth.finishVneidSignIn': none({ query: { state: 'khong-hop-le', code: 'x' } }),

  // ---- back office: dossiers, bulk imports, agencies of an agency ----
  'backOffice.officerQueue': none(),
  'backOffice.officerSummary': none(),
  'backOffice.openDossier': dossiers((d) => ({ params: { number: d.number } })),
  'backOffice.readDossierFile': dossiers((d) => ({ params: { number: d.number, kind: 'portrait' } })),
  // Redirected to an agency that does not exist: a 2xx would move the dossier out of its owner's scope.
  'backOffice.redirectDossier': dossiers((d) => ({
    params: { number: d.number },
    body: { agencyCode: '99', reasonText: 'Chuyển thử nghiệm' },
  })),
  'backOffice.actOnDossier': dossiers((d) => ({
    params: { number: d.number },
    body: { action: 'record_paper' },
  })),
  'backOffice.importBulkList': none({
    query: { fileName: 'ds.csv' },
    headers: { 'content-type': 'text/csv' },
    payload: 'Mã số BHXH,Họ và tên,Số điện thoại\n0100000099,Nguyễn Văn A,0912345678\n',
  }),
  'backOffice.readBulkImport': imports((id) => ({ params: { id } })),
  'backOffice.createBulkDossiers': imports((id) => ({ params: { id } })),
  'backOffice.listAdminAgencies': none(),
  'backOffice.setAgencyReceiving': agencies((code) => ({
    params: { code },
    body: { receivesDossiers: true },
  })),
  'backOffice.registrationStats': none({ query: { year: '2026' } }),
  'backOffice.registrationStatsCsv': none({ query: { year: '2026' } }),
  'backOffice.setRegistrationTarget': agencies((code) => ({
    params: { agencyCode: code, year: '2026' },
    body: { target: 100 },
  })),

  // ---- card ----
  'card.listMyCards': none(),
  'card.readMyCard': perPerson((code) => ({ params: { bhxhCode: code } })),
  'card.readPersonCard': perPerson((code) => ({ params: { bhxhCode: code }, query: PURPOSE })),
  'card.cardKeys': none(),

  'devInbox.listInboxMessages': none(),

  // ---- FHIR ----
  'fhir.fhirMetadata': none(),
  'fhir.readFhirPatient': perPerson((code) => ({
    params: { id: code },
    headers: { 'x-purpose-of-use': 'TREAT' },
  })),
  'fhir.readFhirCoverage': perPerson((code, key, w) => ({
    params: { id: `${code}-${w.cardId[key]}` },
    headers: { 'x-purpose-of-use': 'TREAT' },
  })),
  'fhir.searchFhirCoverage': perPerson((code) => ({
    query: { beneficiary: `Patient/${code}` },
    headers: { 'x-purpose-of-use': 'TREAT' },
  })),
  'fhir.searchFhirExplanationOfBenefit': perPerson((code) => ({
    query: { patient: code },
    headers: { 'x-purpose-of-use': 'TREAT' },
  })),

  // ---- the clinic gateway: its own token (not a session), and the clinic's own screens ----
  'gateway.takeToken': none({ body: { username: 'cskcb.01001', password: 'Sai-mat-khau-1' } }),
  'gateway.checkCard': none({
    query: { token: 'khong-hop-le', id_token: 'khong-hop-le' },
    body: {
      maThe: PERSONS.A,
      hoTen: 'Nguyễn Văn A',
      ngaySinh: '01/01/1990',
      hoTenCb: 'Lê B',
      cccdCb: '001090000001',
    },
  }),
  'gateway.submitVisitFiles': none({
    query: { token: 'khong-hop-le', id_token: 'khong-hop-le' },
    body: { loaiHoSo: '130', maTinh: '01', maCSKCB: '01001', fileHSBase64: 'PA==' },
  }),
  'gateway.rotateGatewayCredential': {
    probes: (w) => w.clinics.map((c) => ({ owner: c.owner, params: { clinicCode: c.code } })),
  },
  // The admin's own province's clinics (every province for the national office): no identifier.
  'gateway.listClinicCredentials': none({ query: { q: 'Bệnh viện' } }),
  'gateway.listClerks': none(),
  'gateway.registerClerk': none({ body: { cccd: '001090000001', fullName: 'Lê Thị Bình' } }),
  // A clerk no clinic registered: the route answers for the caller's own clinic only.
  'gateway.removeClerk': none({ params: { cccd: '001090000002' } }),
  'gateway.checkCardOnScreen': none({
    body: { maThe: PERSONS.A, hoTen: 'Nguyễn Văn A', ngaySinh: '01/01/1990', cccdCb: '001090000001' },
  }),
  'gateway.listTodayChecks': none(),
  'gateway.listVisitFiles': none(),

  // ---- help centre (issue 25): public articles; the communications role's editor (any article) ----
  'help.searchHelp': none({ query: { q: 'the bhyt' } }),
  'help.readHelp': none({ params: { id: '999999' } }),
  'help.listManagedHelp': none(),
  'help.createHelp': none({ body: {} }),
  'help.updateHelp': none({ params: { id: '999999' }, body: {} }),
  'help.setHelpStatus': none({ params: { id: '999999' }, body: { status: 'unpublished' } }),

  // ---- payments (issue #26): the gateway's calls (signed, no caller), a citizen's own payments,
  // the reconciliation's differences of the agency's provinces ----
  'payments.paymentIpn': none({ query: { vnp_TxnRef: 'VSNOSUCHORDER1' } }),
  'payments.paymentReturn': none({ query: { vnp_TxnRef: 'VSNOSUCHORDER1' } }),
  'payments.getMyPayment': {
    probes: (w) => w.payments.map((p) => ({ owner: p.owner, params: { id: p.id } })),
  },
  'payments.listMyPayments': none(),
  'payments.paymentReceipt': {
    probes: (w) => w.payments.map((p) => ({ owner: p.owner, params: { id: p.id } })),
  },
  'payments.listPaymentDifferences': none(),
  'payments.resolvePaymentDifference': {
    probes: (w) =>
      w.paymentDifferences.map((d) => ({
        owner: d.owner,
        params: { id: d.id },
        body: { note: 'Đã đối chiếu' },
      })),
  },

  // ---- notifications (issue 25): the caller's own inbox; news by the communications role ----
  'notifications.listMyNotifications': none(),
  'notifications.countMyUnread': none(),
  'notifications.markNotificationRead': none({ params: { id: '999999' } }),
  'notifications.markAllNotificationsRead': none({ body: {} }),
  'notifications.listNews': none(),
  'notifications.getNews': none({ params: { id: '999999' } }),
  'notifications.createNews': none({ body: {} }),
  'notifications.updateNews': none({ params: { id: '999999' }, body: {} }),
  'notifications.publishNews': none({ params: { id: '999999' } }),
  'notifications.unpublishNews': none({ params: { id: '999999' } }),
  'notifications.getPushKey': none(),
  'notifications.subscribePush': none({ body: {} }),
  'notifications.unsubscribePush': none({
    body: { endpoint: 'https://fcm.googleapis.com/fcm/send/khong-co' },
  }),
  'notifications.getNotificationPreferences': none(),
  'notifications.setNotificationPreferences': none({ body: {} }),

  // ---- support tickets (issue 25): the person's own; officers of the agency it was routed to ----
  'support.openTicket': none({ body: { category: 'other', text: 'Câu hỏi của ma trận quyền' } }),
  'support.requestCallback': none({ body: {} }),
  'support.listMyTickets': none(),
  'support.getMyTicket': tickets((id) => ({ params: { id } })),
  'support.replyMyTicket': tickets((id) => ({ params: { id }, body: { text: 'Trả lời thử của ma trận' } })),
  // Closed here, so that the rating next reaches a closed ticket of its owner.
  'support.setMyTicketStatus': tickets((id) => ({ params: { id }, body: { status: 'closed' } })),
  'support.rateMyTicket': tickets((id) => ({ params: { id }, body: { rating: 5 } })),
  'support.readMyTicketAttachment': tickets((id, attachmentId) => ({ params: { id, attachmentId } })),
  // Not signed in: a challenge nobody solved (step one), a challenge that does not exist (step two).
  'support.startOtpTicket': none({ body: { bhxhCode: PERSONS.A, challengeId: NO_CHALLENGE, nonce: '1' } }),
  'support.confirmOtpTicket': none({
    body: { challengeId: NO_CHALLENGE, code: '123456', category: 'other', text: 'Câu hỏi của ma trận quyền' },
  }),
  'support.listTicketQueue': none(),
  'support.countUnreadTickets': none(),
  'support.readTicketAttachment': tickets((id, attachmentId) => ({
    params: { id, attachmentId },
    query: PURPOSE,
  })),
  'support.getTicket': tickets((id) => ({ params: { id }, query: PURPOSE })),
  'support.answerTicket': tickets((id) => ({ params: { id }, body: { text: 'Cán bộ trả lời thử' } })),
  'support.correctTicketRecord': tickets((id) => ({
    params: { id },
    body: { field: 'salary', value: '5000000', purpose: PURPOSE.purpose },
  })),

  // ---- look-ups: public directories (any), and the caller's own code ----
  'lookup.issueLookupChallenge': none({ body: {} }),
  'lookup.findBhxhCode': none({ body: {} }),
  'lookup.sendBhxhCodeBySms': none({ body: { token: 'x'.repeat(24) } }),
  'lookup.readMyBhxhCode': none(),
  'lookup.listProvinces': none(),
  'lookup.listCommunes': {
    probes: () => ['01', '79'].map((code) => ({ owner: { agency: code }, params: { code } })),
  },
  'lookup.searchAgencies': none({ query: { province: '01' } }),
  'lookup.searchClinics': { probes: (w) => w.clinics.map((c) => ({ owner: c.owner, query: { q: c.code } })) },
  'lookup.searchUnits': { probes: (w) => w.units.map((u) => ({ owner: u.owner, query: { q: u.code } })) },
  'lookup.searchAgents': none({ query: { province: '79' } }),

  // ---- records: the person, a guardian's minor child, staff within the agency's province ----
  'records.readMyParticipation': meAndFor(),
  'records.readPersonParticipation': perPerson((code) => ({ params: { bhxhCode: code }, query: PURPOSE })),
  'records.myParticipationPdf': meAndFor(),
  'records.personParticipationPdf': perPerson((code) => ({ params: { bhxhCode: code }, query: PURPOSE })),
  'records.readMyBenefits': meAndFor(),
  'records.readPersonBenefits': perPerson((code) => ({ params: { bhxhCode: code }, query: PURPOSE })),
  'records.listMyMedicalVisits': meAndFor(),
  'records.listPersonMedicalVisits': perPerson((code) => ({ params: { bhxhCode: code }, query: PURPOSE })),
  // `/me/medical-visits/:maLk`: the caller's own visit ids; `for=` another person with theirs.
  'records.readMyMedicalVisit': {
    probes: (w) =>
      KEYS.flatMap((key) => [
        { owner: w.personOwner[key], params: { maLk: visit(PERSONS[key]) }, query: PURPOSE },
        {
          owner: w.personOwner[key],
          params: { maLk: visit(PERSONS[key]) },
          query: { ...PURPOSE, for: PERSONS[key] },
        },
      ]),
  },
  'records.readPersonMedicalVisit': perPerson((code) => ({
    params: { bhxhCode: code, maLk: visit(code) },
    query: PURPOSE,
  })),
  'records.readMyEstimates': meAndFor(),
  'records.readPersonEstimates': perPerson((code) => ({ params: { bhxhCode: code }, query: PURPOSE })),
  'records.listMyDataAccess': meAndFor(),
  'documents.listMyDocuments': meAndFor(),
  'records.listPersonDataAccess': perPerson((code) => ({ params: { bhxhCode: code }, query: PURPOSE })),

  // ---- registration ----
  'registration.submitRegistration': none({ headers: { 'idempotency-key': 'matrix-self' }, body: {} }),
  'registration.submitChildRegistration': perPerson((code) => ({
    headers: { 'idempotency-key': `matrix-child-${code}` },
    body: { childBhxhCode: code },
  })),
  'registration.listReceivingAgencies': none({ query: { province: '01' } }),
  'registration.startWithdrawal': {
    probes: (w) =>
      w.dossiers.map((d) => ({ owner: d.owner, body: { bhxhCode: d.owner.person, fullName: 'Sai Tên' } })),
  },
  'registration.confirmWithdrawal': {
    probes: (w) =>
      w.dossiers.map((d) => ({
        owner: d.owner,
        body: { bhxhCode: d.owner.person, challengeId: NO_CHALLENGE, code: '123456' },
      })),
  },
  'registration.listMyRegistrations': none(),
  // Without the access token of the submit answer: the dossier's citizen, guardian and agency only.
  'registration.readForm01Pdf': dossiers((d) => ({ params: { number: d.number } })),

  // ---- online public services (issue #23): requests of A, of A's ward WA, of B ----
  // Issue #27: the unit's declarations and statement (its own unit's, by the session).
  'declarations.fileDeclaration': none({
    body: {
      form: { type: 'declaration_600b', bhxhCode: PERSONS.A, fromMonth: '2026-12', salary: 9_000_000 },
      signature: {
        id: 'x',
        rawId: 'x',
        type: 'public-key',
        response: { clientDataJSON: 'x', authenticatorData: 'x', signature: 'x' },
        clientExtensionResults: {},
      },
    },
  }),
  'declarations.listDeclarations': none(),
  'declarations.getDeclaration': {
    probes: (w) => w.declarations.map((d) => ({ owner: d.owner, params: { number: d.number } })),
  },
  'declarations.unitStatement': none({ params: { month: '2026-11' } }),
  'declarations.unitStatementPdf': none({ params: { month: '2026-11' } }),
  'declarations.unitStatementXlsx': none({ params: { month: '2026-11' } }),
  'sickPay.listSickLeaveCertificates': none(),
  'sickPay.listSickPayClaims': none(),
  'sickPay.submitSickPayBatch': {
    probes: (w) =>
      // Signed afresh for every caller by the owning unit's admin (the counter grows).
      w.sickLeave.claimable.map((c) => {
        const claims = [{ bhxhCode: c.bhxhCode, maLk: c.maLk, heavyWork: false }];
        return { owner: c.owner, body: { claims, signature: c.sign('630a', { claims }) } };
      }),
  },
  'sickPay.getSickPayClaim': {
    probes: (w) => w.sickLeave.claimed.map((c) => ({ owner: c.owner, params: { number: c.number } })),
  },
  'sickPay.supplementSickPayClaim': {
    probes: (w) =>
      w.sickLeave.waiting.map((c) => ({
        owner: c.owner,
        params: { number: c.number },
        body: { note: 'Đã bổ sung' },
      })),
  },
  'services.serviceCatalogue': none(),
  // A card reissue for each person of the world (`forBhxhCode`: oneself or a ward; else 404).
  'services.fileServiceRequest': perPerson((code) => ({
    headers: { 'idempotency-key': `matrix-file-${code}-${++requestSeq}` },
    body: {
      form: { type: 'bhyt_card_reissue', reason: 'lost' },
      agencyCode: code.slice(0, 2),
      forBhxhCode: code,
    },
  })),
  'services.listMyRequests': none(),
  // The quote of a paid service (issue #26) for the caller: names nobody's object.
  'services.quoteService': none({
    body: {
      form: {
        type: 'voluntary_si_register',
        chosenIncome: 1_500_000,
        supportGroup: 'other',
        mode: 'monthly',
      },
    },
  }),
  // The OTP to the caller's own new phone (bound to the caller's account): names nobody's object.
  'services.sendPhoneChangeOtp': none({ body: { phone: '0987654321' } }),
  // Paying for a request of A, WA or B: the world's requests are card reissues, so the owner gets
  // 404 (not a paid service) like anyone else; only who may call it is tested here.
  'services.payMyRequest': requests('decided', (number) => ({ params: { number } })),
  'services.getMyRequest': requests('decided', (number) => ({ params: { number } })),
  'services.actOnMyRequest': requests('withdrawable', (number) => ({
    params: { number },
    headers: { 'idempotency-key': `matrix-withdraw-${++requestSeq}` },
    body: { action: 'withdraw' },
  })),
  'services.requestReceipt': requests('decided', (number) => ({ params: { number } })),
  'services.requestResult': requests('decided', (number) => ({ params: { number } })),
  'services.readMyRequestAttachment': requestFiles((number, seq, position) => ({
    params: { number, seq: String(seq), position: String(position) },
  })),
  'services.requestQueue': none(),
  'services.openRequest': requests('decided', (number) => ({ params: { number } })),
  'services.readRequestAttachment': requestFiles((number, seq, position) => ({
    params: { number, seq: String(seq), position: String(position) },
    query: PURPOSE,
  })),
  'services.actOnRequest': requests('open', (number) => ({
    params: { number },
    headers: { 'idempotency-key': `matrix-receive-${++requestSeq}` },
    body: { action: 'receive' },
  })),

  // ---- staff: an agency admin's own agency's officers ----
  'staff.listOfficers': none(),
  'staff.createOfficer': {
    probes: () => [
      {
        owner: null,
        body: { username: `matrix.${++officerSeq}`, displayName: 'Cán bộ thử', phone: '0912345678' },
      },
    ],
  },
  'staff.setOfficerStatus': {
    probes: (w) =>
      w.officers.map((o) => ({ owner: o.owner, params: { id: o.id }, body: { status: 'active' } })),
  },

  // ---- the employer portal (issue #27): the agency's units, a unit's own objects ----
  'units.createUnitAdmin': {
    probes: (w) =>
      w.units.map((u) => ({
        owner: u.owner,
        params: { unitCode: u.code },
        body: {
          username: `matrix.unit.${++unitUserSeq}`,
          displayName: 'Quản trị thử',
          phone: '0912345678',
          taxCode: u.code === 'TA0001' ? '0101010101' : '0303030303',
        },
      })),
  },
  'units.listUnitAdoption': none(),
  'units.getMyUnit': none(),
  'units.listUnitAccounts': none(),
  'units.createUnitStaff': {
    probes: () => [
      {
        owner: null,
        body: {
          username: `matrix.staff.${++unitUserSeq}`,
          displayName: 'Nhân viên thử',
          phone: '0912345678',
        },
      },
    ],
  },
  'units.setUnitStaffStatus': {
    probes: (w) =>
      w.unitStaff.map((s) => ({ owner: s.owner, params: { id: s.id }, body: { status: 'active' } })),
  },
  'units.listUnitPeople': none(),
  'units.getUnitPerson': {
    probes: (w) => w.unitPeople.map((p) => ({ owner: p.owner, params: { bhxhCode: p.code } })),
  },
  'units.completeUnitPerson': {
    probes: (w) =>
      w.unitPeople.map((p) => ({
        owner: p.owner,
        params: { bhxhCode: p.code },
        body: {
          idNumber: '001092000021',
          address: { provinceCode: '01', communeCode: '00004', line: '1 phố Thử' },
          phone: '0912345678',
          photos: { portrait: w.unitPhoto, id_front: w.unitPhoto, id_back: w.unitPhoto },
        },
      })),
  },
  'units.createUnitBatch': none(),
  'units.runUnitBatch': {
    probes: (w) => w.unitBatches.map((b) => ({ owner: b.owner, params: { id: b.id } })),
  },
  'units.getUnitBatch': {
    probes: (w) => w.unitBatches.map((b) => ({ owner: b.owner, params: { id: b.id } })),
  },
  'units.checkUnitSignature': none({ body: { payload: { text: 'thử' }, signature: {} } }),

  // ---- system ----
  'system.liveness': none(),
  'system.readiness': none(),
  'system.systemInfo': none(),
  'system.reportClientProblem': none({ body: {} }),
};
