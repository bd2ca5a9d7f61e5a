/** Appends `?for=<code>` (a guardian reading a child's records) to a screen's path. */
export function withFor(path: string, forCode: string | null): string {
  if (!forCode) return path;
  return `${path}${path.includes('?') ? '&' : '?'}for=${encodeURIComponent(forCode)}`;
}
