import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The WCAG 2.2 A and AA rules of axe-core: what the pages are held to. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe-core on the page as it is now and expects no violation (the list is the message). */
export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const violations = results.violations.map(
    (v) => `${v.id} (${v.impact ?? ''}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(violations, `axe on ${what}`).toEqual([]);
}

type Rgb = readonly [number, number, number];

function luminance([r, g, b]: Rgb): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** The WCAG contrast ratio of two colours (1 to 21). */
function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

interface RenderedContrast {
  text: string;
  /** The lowest ratio between the text's colour and any background pixel around its lines. */
  ratio: number;
  textColor: Rgb;
  worstBackground: Rgb;
}

/** Pixels of a PNG (RGBA rows), decoded by the browser in a blank page of the same context. */
async function decodePng(
  page: Page,
  png: Buffer,
): Promise<{ width: number; height: number; data: number[] }> {
  const blank = await page.context().newPage();
  try {
    return await blank.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d canvas');
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      return { width: canvas.width, height: canvas.height, data: Array.from(data) };
    }, png.toString('base64'));
  } finally {
    await blank.close();
  }
}

/**
 * The contrast of an element's text against what is actually painted behind it: the page is
 * screenshotted (CSS pixels), the boxes of the element's text lines are found with a DOM Range,
 * the text's colour is the pixel inside those boxes farthest from the surrounding background,
 * and the background is every pixel of a ring 2 to 5 pixels outside each line box (less those
 * unlike the ring's median: glyphs reaching past the box); the ratio is the worst one. Gradients,
 * images and overlays count as they are rendered; the CSS values play no part.
 */
export async function renderedTextContrast(page: Page, element: Locator): Promise<RenderedContrast> {
  await element.scrollIntoViewIfNeeded();
  const { text, lines } = await element.evaluate((node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = Array.from(range.getClientRects())
      .filter((r) => r.width > 2 && r.height > 2)
      .map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height }));
    return { text: node.textContent.trim(), lines: rects };
  });
  expect(lines.length, `text boxes of "${text}"`).toBeGreaterThan(0);
  // The ring: 2 to 5 pixels outside each line box (anti-aliasing stays within the first two).
  const [GAP, RING] = [2, 5];
  // Only the region around the text's lines is painted out and decoded.
  const left = Math.max(0, Math.floor(Math.min(...lines.map((l) => l.x))) - RING);
  const top = Math.max(0, Math.floor(Math.min(...lines.map((l) => l.y))) - RING);
  const right = Math.ceil(Math.max(...lines.map((l) => l.x + l.width))) + RING;
  const bottom = Math.ceil(Math.max(...lines.map((l) => l.y + l.height))) + RING;
  const png = await page.screenshot({
    scale: 'css',
    animations: 'disabled',
    caret: 'hide',
    clip: { x: left, y: top, width: right - left, height: bottom - top },
  });
  const { width, height, data } = await decodePng(page, png);
  const pixel = (pageX: number, pageY: number): Rgb | null => {
    const [x, y] = [pageX - left, pageY - top];
    if (x < 0 || y < 0 || x >= width || y >= height) return null;
    const i = (y * width + x) * 4;
    return [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
  };
  const ring: Rgb[] = [];
  const inside: Rgb[] = [];
  for (const line of lines) {
    const [x0, y0] = [Math.floor(line.x), Math.floor(line.y)];
    const [x1, y1] = [Math.ceil(line.x + line.width), Math.ceil(line.y + line.height)];
    for (let y = y0 - RING; y < y1 + RING; y++)
      for (let x = x0 - RING; x < x1 + RING; x++) {
        const p = pixel(x, y);
        if (!p) continue;
        const within = x >= x0 && x < x1 && y >= y0 && y < y1;
        const innerRing = x >= x0 - GAP && x < x1 + GAP && y >= y0 - GAP && y < y1 + GAP;
        if (within) inside.push(p);
        else if (!innerRing) ring.push(p);
      }
  }
  // The background's typical colour: the ring's median by luminance.
  const sorted = [...ring].sort((a, b) => luminance(a) - luminance(b));
  const median = sorted[Math.floor(sorted.length / 2)] ?? ([255, 255, 255] as const);
  let textColor: Rgb = median;
  for (const p of inside) if (contrastRatio(p, median) > contrastRatio(textColor, median)) textColor = p;
  // Ring pixels unlike the typical background are glyphs reaching past their line box (stacked
  // diacritics, the next line) or their anti-aliased edges: the background is the rest, and it
  // must be most of the ring (else the text crowds something and cannot be judged).
  const background = ring.filter((p) => contrastRatio(p, median) < 1.25);
  expect(background.length, `background pixels around "${text}"`).toBeGreaterThan(0.6 * ring.length);
  let ratio = Infinity;
  let worstBackground: Rgb = median;
  for (const p of background) {
    const r = contrastRatio(textColor, p);
    if (r < ratio) [ratio, worstBackground] = [r, p];
  }
  return { text, ratio, textColor, worstBackground };
}

/**
 * Expects every given element's text to reach `minimum` (4.5:1, WCAG AA for body text) against
 * its rendered background.
 */
export async function expectRenderedContrast(page: Page, elements: Locator, minimum = 4.5): Promise<void> {
  const count = await elements.count();
  expect(count, 'elements to measure').toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const measured = await renderedTextContrast(page, elements.nth(i));
    expect(
      measured.ratio,
      `"${measured.text}": rgb(${measured.textColor.join(',')}) on rgb(${measured.worstBackground.join(',')})`,
    ).toBeGreaterThanOrEqual(minimum);
  }
}

/**
 * The elements inside `frame` whose box sticks out of it (more than half a pixel), and whether the
 * frame itself scrolls sideways: what "fits" means for the card face.
 */
export async function overflowingBoxes(frame: Locator): Promise<string[]> {
  return frame.evaluate((root) => {
    const outer = root.getBoundingClientRect();
    const out: string[] = [];
    if (root.scrollWidth > root.clientWidth + 1)
      out.push(`the frame scrolls: ${root.scrollWidth} > ${root.clientWidth}`);
    for (const el of Array.from(root.querySelectorAll('*'))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.left < outer.left - 0.5 || box.right > outer.right + 0.5) {
        const name = `${el.tagName.toLowerCase()}${el.className ? `.${el.className}` : ''}`;
        out.push(
          `${name} "${el.textContent.slice(0, 30)}" ${box.left}–${box.right} outside ${outer.left}–${outer.right}`,
        );
      }
    }
    return out;
  });
}
