import type QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * The segments of a QR code: a SMART Health Card (`shc:/` + digits) as a byte segment and a
 * numeric one, as its specification asks, so the code stays small; anything else as bytes.
 */
export function qrSegments(text: string): QRCode.QRCodeSegment[] {
  const numeric = /^shc:\/(\d+)$/.exec(text);
  return numeric
    ? [
        { data: new TextEncoder().encode('shc:/'), mode: 'byte' },
        { data: numeric[1] ?? '', mode: 'numeric' },
      ]
    : [{ data: new TextEncoder().encode(text), mode: 'byte' }];
}

/**
 * A QR code drawn in the browser (no network). A SMART Health Card (`shc:/` + digits) is written
 * as a byte segment and a numeric one, as the specification asks, so it stays small; anything
 * else (the official BHYT payload) as bytes.
 */
export function QrImage({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // The encoder (about 8 KB compressed) is downloaded with the first code drawn, not with the
    // card page; the service worker keeps it for offline use like every chunk.
    import('qrcode')
      .then(({ default: encoder }) =>
        encoder.toDataURL(qrSegments(text), { errorCorrectionLevel: 'L', margin: 2, width: 320 }),
      )
      .then((url) => {
        if (live) setSrc(url);
      })
      .catch(() => {
        if (live) setSrc(null);
      });
    return () => {
      live = false;
    };
  }, [text]);
  return src ? (
    <img className="qr-image" src={src} alt={label} data-testid={testId} width={320} height={320} />
  ) : (
    <div className="qr-image qr-image--pending" role="img" aria-label={label} />
  );
}
