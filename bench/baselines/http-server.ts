/** Baseline `http`: Fastify answering a constant JSON the size of a health insurance card. */
import Fastify from 'fastify';

const CARD = {
  bhxhCode: '0123456789',
  cardNumber: 'DN4010123456789',
  fullName: 'Nguyễn Thị Phương Thảo',
  dateOfBirth: '1990-05-17',
  gender: 'female',
  objectCode: 'DN',
  benefitLevel: 4,
  benefitExplained:
    'Quỹ BHYT chi trả 80% chi phí trong phạm vi được hưởng; 100% khi chi phí một lần khám dưới 15% mức lương cơ sở.',
  registeredClinic: {
    code: '01C54',
    name: 'Trung tâm Y tế khu vực Ba Đình',
    address: 'Số 12 đường Đội Cấn, Phường Ba Đình, Thành phố Hà Nội',
  },
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  fiveYearDate: '2028-01-01',
  issuingAgency: { code: '0101', name: 'Bảo hiểm xã hội cơ sở Ba Đình' },
  status: 'valid',
  qr: '0123456789|4e677579e1bb856e205468e1bb8b2050687minh|17/05/1990|2|-|01 - C54|01/01/2026|31/12/2026|01/01/2026|01012345678901|-|4|01/01/2028|a1b2c3d4e5f60718-9abc|1|4268e1baa3f2068e1bb99692042c3a0204de1bb99a|$',
  credential:
    'shc:/' +
    '5676290952432060346029243740446031222959532654603460292540772804336028702864716745222809286133314564376531415906402203064504590856435503414245413640370636654171372412363803043756220467374075323239254334433260573601064529315312707424283950386922127667'.repeat(
      2,
    ),
  updatedAt: '2026-11-22T08:00:00.000Z',
};

const app = Fastify({ logger: false });
app.get('/card', () => CARD);
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`LISTENING ${typeof address === 'object' && address ? address.port : 0}\n`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
