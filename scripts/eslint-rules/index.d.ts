import type { ESLint } from 'eslint';

/** The local rules (index.js): `vssid/no-import-cycle`, `vssid/feature-boundaries`. */
declare const plugin: ESLint.Plugin;
export default plugin;

/** The file a relative specifier names, resolved as the bundler does; undefined otherwise. */
export function resolveRelative(from: string, spec: string): string | undefined;

/** The specifiers a source text imports or re-exports at run time (type-only ones left out). */
export function runtimeImports(text: string): string[];
