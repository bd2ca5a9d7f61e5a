import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PaymentRow } from '.';
import type { QueryAnswer } from './gateway';
import { compareAnswers } from './reconciliation';
import { gatewayOrderInfo } from './service';
import {
  amountOf,
  gatewayDate,
  parseGatewayDate,
  payParams,
  querydrRequest,
  sign,
  signedQuery,
  signedText,
  verify,
} from './vnpay';

const SECRET = 'SECRETKEY0123456789ABCDEF';

describe('the VNPay 2.1.0 signature', () => {
  const params = {
    vnp_Version: '2.1.0',
    vnp_Command: 'pay',
    vnp_TmnCode: 'VSSIDDEMO',
    vnp_Amount: '15000000',
    vnp_CurrCode: 'VND',
    vnp_TxnRef: 'VS261207101500ABCDEFGH',
    vnp_OrderInfo: 'Dong BHXH tu nguyen thang 12/2026',
    vnp_Locale: 'vn',
    vnp_ReturnUrl: 'http://localhost:3000/api/v1/payments/vnpay/return',
    vnp_IpAddr: '127.0.0.1',
    vnp_CreateDate: '20261207101500',
    vnp_ExpireDate: '20261207103000',
  };
  // Written by hand from the protocol: names sorted, values URL-encoded with `+` for spaces.
  const text =
    'vnp_Amount=15000000&vnp_Command=pay&vnp_CreateDate=20261207101500&vnp_CurrCode=VND' +
    '&vnp_ExpireDate=20261207103000&vnp_IpAddr=127.0.0.1&vnp_Locale=vn' +
    '&vnp_OrderInfo=Dong+BHXH+tu+nguyen+thang+12%2F2026' +
    '&vnp_ReturnUrl=http%3A%2F%2Flocalhost%3A3000%2Fapi%2Fv1%2Fpayments%2Fvnpay%2Freturn' +
    '&vnp_TmnCode=VSSIDDEMO&vnp_TxnRef=VS261207101500ABCDEFGH&vnp_Version=2.1.0';

  it('signs the sorted, encoded query with HMAC-SHA512 (hex)', () => {
    expect(signedText(params)).toBe(text);
    const expected = createHmac('sha512', SECRET).update(text, 'utf8').digest('hex');
    expect(sign(params, SECRET)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{128}$/);
    expect(signedQuery(params, SECRET)).toBe(`${text}&vnp_SecureHash=${expected}`);
  });

  it('leaves the hash fields and empty values out of the signed text', () => {
    const withHash = { ...params, vnp_SecureHash: 'ab', vnp_SecureHashType: 'HmacSHA512', vnp_BankCode: '' };
    expect(signedText(withHash)).toBe(text);
  });

  it('verifies what it signed and refuses any change, another secret or a malformed hash', () => {
    const signed = Object.fromEntries(new URLSearchParams(signedQuery(params, SECRET)));
    expect(verify(signed, SECRET)).toBe(true);
    expect(verify({ ...signed, vnp_SecureHash: signed.vnp_SecureHash?.toUpperCase() ?? '' }, SECRET)).toBe(
      true,
    );
    expect(verify({ ...signed, vnp_Amount: '15000100' }, SECRET)).toBe(false);
    expect(verify(signed, `${SECRET}x`)).toBe(false);
    expect(verify({ ...signed, vnp_SecureHash: 'abc' }, SECRET)).toBe(false);
    expect(verify({ ...signed, vnp_SecureHash: 'zz'.repeat(64) }, SECRET)).toBe(false);
    const { vnp_SecureHash: _dropped, ...unsigned } = signed;
    expect(verify(unsigned, SECRET)).toBe(false);
  });

  it('verifies the forms VNPay’s merchant code signs (urlencode, empty values kept) and still refuses any change', () => {
    const result = {
      vnp_Amount: '126360000',
      vnp_BankCode: 'NCB',
      vnp_BankTranNo: '',
      vnp_OrderInfo: 'Đóng BHYT (3 người)!',
      vnp_ResponseCode: '00',
      vnp_TmnCode: 'VSSIDDEMO',
      vnp_TxnRef: 'VS261207101500ABCDEFGH',
    };
    // Written by hand as PHP's urlencode gives it: ( ) ! percent-encoded, the empty value kept.
    const php =
      'vnp_Amount=126360000&vnp_BankCode=NCB&vnp_BankTranNo=' +
      '&vnp_OrderInfo=%C4%90%C3%B3ng+BHYT+%283+ng%C6%B0%E1%BB%9Di%29%21' +
      '&vnp_ResponseCode=00&vnp_TmnCode=VSSIDDEMO&vnp_TxnRef=VS261207101500ABCDEFGH';
    const hash = createHmac('sha512', SECRET).update(php, 'utf8').digest('hex');
    expect(verify({ ...result, vnp_SecureHash: hash, vnp_SecureHashType: 'HmacSHA512' }, SECRET)).toBe(true);
    expect(verify({ ...result, vnp_SecureHash: hash.toUpperCase() }, SECRET)).toBe(true);
    expect(verify({ ...result, vnp_ResponseCode: '24', vnp_SecureHash: hash }, SECRET)).toBe(false);
    expect(verify({ ...result, vnp_Extra: '1', vnp_SecureHash: hash }, SECRET)).toBe(false);
    const { vnp_BankCode: _bank, ...dropped } = result;
    expect(verify({ ...dropped, vnp_SecureHash: hash }, SECRET)).toBe(false);
    expect(verify({ ...result, vnp_SecureHash: hash }, `${SECRET}x`)).toBe(false);
  });

  it('builds a payment request: amount × 100, GMT+7 dates, the gateway’s locale', () => {
    const p = payParams({
      tmnCode: 'VSSIDDEMO',
      amountVnd: 1_350_000,
      txnRef: 'VSX',
      orderInfo: 'x',
      language: 'ja',
      returnUrl: 'http://r',
      ipAddr: '10.0.0.1',
      createdAt: new Date('2026-12-31T17:30:00Z'),
      expiresAt: new Date('2026-12-31T17:45:00Z'),
    });
    expect(p).toMatchObject({
      vnp_Amount: '135000000',
      vnp_CreateDate: '20270101003000',
      vnp_ExpireDate: '20270101004500',
      vnp_Locale: 'en',
    });
  });

  it('reads and writes the protocol’s dates and amounts', () => {
    expect(gatewayDate(new Date('2026-12-07T03:15:00Z'))).toBe('20261207101500');
    expect(parseGatewayDate('20261207101500')?.toISOString()).toBe('2026-12-07T03:15:00.000Z');
    expect(parseGatewayDate('20261332101500')).toBeNull();
    expect(parseGatewayDate('2026120710150')).toBeNull();
    expect(amountOf('15000000')).toBe(150_000);
    expect(amountOf('15000050')).toBeNull();
    expect(amountOf('-100')).toBeNull();
    expect(amountOf(undefined)).toBeNull();
  });

  it('writes order descriptions without tone marks or special characters', () => {
    expect(gatewayOrderInfo('Đóng BHXH tự nguyện – 3 tháng (Hộ gia đình)')).toBe(
      'Dong BHXH tu nguyen 3 thang Ho gia dinh',
    );
  });
});

describe('querydr', () => {
  it('signs the pipe-joined values in VNPay’s order', () => {
    const body = querydrRequest(
      {
        requestId: 'abc123',
        tmnCode: 'TESTMRCH',
        txnRef: 'VS0001',
        createdAt: new Date('2026-12-07T03:15:00Z'),
        now: new Date('2026-12-08T01:00:05Z'),
        ipAddr: '10.0.0.1',
      },
      'secret',
    );
    // Written out by hand: RequestId|Version|Command|TmnCode|TxnRef|TransactionDate|CreateDate|IpAddr|OrderInfo.
    const text =
      'abc123|2.1.0|querydr|TESTMRCH|VS0001|20261207101500|20261208080005|10.0.0.1|Truy van GD VS0001';
    expect(body.vnp_SecureHash).toBe(createHmac('sha512', 'secret').update(text).digest('hex'));
    expect(body.vnp_TransactionDate).toBe('20261207101500');
  });
});

describe('the comparison with the gateway’s answers', () => {
  const ours = (status: PaymentRow['status'], amount: number, txnNo: string | null = null): PaymentRow =>
    ({
      txn_ref: 'A',
      status,
      amount_vnd: String(amount),
      bhxh_code: '0100000001',
      id: 'id-A',
      gateway_txn_no: txnNo,
    }) as PaymentRow;
  const theirs = (transactionStatus: string, amountVnd: number, transactionNo = '1'): QueryAnswer => ({
    found: true,
    transaction: { txnRef: 'A', amountVnd, transactionStatus, transactionNo, payDate: '20261207101500' },
  });
  const unknown: QueryAnswer = { found: false };

  it.each([
    ['paid on both sides, same amount', theirs('00', 100), ours('paid', 100, '1'), []],
    ['failed on both sides', theirs('02', 100), ours('failed', 100), []],
    ['unfinished there, pending here', theirs('01', 100), ours('pending', 100), []],
    ['unknown there, pending here (never reached the gateway)', unknown, ours('pending', 100), []],
    ['unknown there, expired here', unknown, ours('expired', 100), []],
    ['taken, pending here', theirs('00', 100), ours('pending', 100), ['state_mismatch']],
    ['taken, expired here', theirs('00', 100), ours('expired', 100), ['state_mismatch']],
    ['refused, paid here', theirs('02', 100), ours('paid', 100), ['state_mismatch']],
    ['taken, another amount', theirs('00', 90), ours('paid', 100), ['amount_mismatch']],
    ['taken, another transaction number', theirs('00', 100, '2'), ours('paid', 100, '1'), ['state_mismatch']],
    ['paid here, unknown there', unknown, ours('paid', 100), ['missing_theirs']],
  ] as const)('%s', (_name, answer, payment, kinds) => {
    expect(compareAnswers('2026-12-07', [{ payment, answer }]).map((d) => d.kind)).toEqual(kinds);
  });
});
