/**
 * The text of the QR code in a photo or a picture (a scanned card, a screenshot of the app's card
 * screen): drawn on a canvas, read with jsQR (loaded only when a picture is given). Null when no
 * code is found.
 */
export async function qrFromImage(file: Blob): Promise<string | null> {
  const { default: jsQR } = await import('jsqr');
  const bitmap = await createImageBitmap(file);
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.drawImage(bitmap, 0, 0);
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(image.data, image.width, image.height)?.data ?? null;
}
