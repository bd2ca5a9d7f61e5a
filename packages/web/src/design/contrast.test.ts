import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

/** WCAG 2.2 contrast of the colour pairs the components use, read from tokens.css. */
const css = fs.readFileSync(new URL('./tokens.css', import.meta.url), 'utf8');
const tokens = new Map(
  [...css.matchAll(/--(color-[\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!]),
);

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function token(name: string): string {
  const value = tokens.get(name);
  if (!value) throw new Error(`--${name} is not a hex colour in tokens.css`);
  return value;
}

describe('contrast', () => {
  it('computes the WCAG ratio', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  /** [foreground, background, minimum]: 4.5 for text, 3 for focus rings and control borders. */
  const pairs: [string, string, number][] = [
    ['color-text', 'color-bg', 4.5],
    ['color-text', 'color-surface', 4.5],
    ['color-text-muted', 'color-bg', 4.5],
    ['color-text-muted', 'color-surface', 4.5],
    ['color-brand', 'color-surface', 4.5],
    ['color-brand', 'color-bg', 4.5],
    ['color-brand-strong', 'color-brand-soft', 4.5],
    ['color-brand', 'color-brand-soft', 4.5],
    ['color-on-brand', 'color-brand', 4.5],
    ['color-on-brand', 'color-brand-strong', 4.5],
    ['color-on-brand-muted', 'color-brand', 4.5],
    ['color-inverse-text', 'color-inverse-bg', 4.5],
    ['color-info-text', 'color-info-bg', 4.5],
    ['color-warn-text', 'color-warn-bg', 4.5],
    ['color-ok-text', 'color-ok-bg', 4.5],
    ['color-error-text', 'color-surface', 4.5],
    ['color-focus', 'color-bg', 3],
    ['color-focus', 'color-surface', 3],
    ['color-focus-on-dark', 'color-brand', 3],
    ['color-focus-on-dark', 'color-inverse-bg', 3],
    ['color-border-strong', 'color-surface', 3],
    ['color-text', 'color-backdrop', 4.5],
  ];
  it.each(pairs)('--%s on --%s ≥ %d:1', (fg, bg, min) => {
    expect(contrast(token(fg), token(bg))).toBeGreaterThanOrEqual(min);
  });
});
