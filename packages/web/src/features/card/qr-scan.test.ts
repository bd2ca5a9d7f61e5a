import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrSegments } from './qr-image';

/** The QR as the page draws it, turned into pixels (4 px a module, quiet zone) for the scanner. */
function pixels(text: string): { data: Uint8ClampedArray; size: number } {
  const qr = QRCode.create(qrSegments(text), { errorCorrectionLevel: 'L' });
  const modules = qr.modules.size;
  const scale = 4;
  const margin = 4;
  const size = (modules + 2 * margin) * scale;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  for (let y = 0; y < modules; y++)
    for (let x = 0; x < modules; x++) {
      if (!qr.modules.get(y, x)) continue;
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const i = (((y + margin) * scale + dy) * size + (x + margin) * scale + dx) * 4;
          data[i] = data[i + 1] = data[i + 2] = 0;
        }
    }
  return { data, size };
}

describe('the QR codes of the card', () => {
  it('write a SMART Health Card as a byte and a numeric segment, read back whole by jsQR', () => {
    const shc = `shc:/${'5676290952432060346029243740446031222959532654603460292540772804336028702864716745'.repeat(15)}`;
    const segments = qrSegments(shc);
    expect(segments.map((s) => s.mode)).toEqual(['byte', 'numeric']);
    const { data, size } = pixels(shc);
    expect(jsQR(data, size, size)?.data).toBe(shc);
  });

  it('write the official payload (ASCII with hex text fields) as bytes, read back by jsQR', () => {
    const official =
      '0100000101|4e677579e1bb856e205468e1bb8b20486fc3a0|17/05/1985|2|-|01 - C54|01/01/2026|31/12/2026|01/01/2026|-|-|-|01/01/2020|-|-|424858|$';
    expect(qrSegments(official).map((s) => s.mode)).toEqual(['byte']);
    const { data, size } = pixels(official);
    expect(jsQR(data, size, size)?.data).toBe(official);
  });
});
