// @ts-check
/**
 * Local ESLint rules for the web app's module graph (issue #21, item 6):
 *
 * - `vssid/no-import-cycle`: no module imports itself through a chain of relative imports.
 * - `vssid/feature-boundaries`: a feature (`src/features/<name>/`) is used from outside only through
 *   its `index.ts`, a declared public sub-entry, or (for the router) a page or guard module.
 *
 * Both follow relative imports only (`./x`, `../x`), resolved as the bundler does (`x.ts`, `x.tsx`,
 * `x/index.ts`, `x/index.tsx`); packages and aliases are out of their scope.
 *
 * The cycle rule follows static imports and re-exports that are kept at run time. It skips:
 * - type-only imports and re-exports (`import type`, `export type`): TypeScript erases them, so
 *   they order no module evaluation and cause no "used before initialisation" error. Not
 *   `import { type A }` nor `export { type A } from`: under `verbatimModuleSyntax` (tsconfig.base)
 *   they are emitted as `import {} from` / `export {} from`, which still load the module;
 * - dynamic `import()`: it runs after every module has been evaluated (that is how the router
 *   loads pages), so it cannot see a half-initialised module either.
 */
import fs from 'node:fs';
import path from 'node:path';

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs'];

/** @param {string} from absolute path of the importing file @param {string} spec */
export function resolveRelative(from, spec) {
  if (!spec.startsWith('./') && !spec.startsWith('../') && spec !== '.' && spec !== '..') return undefined;
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [
    base,
    ...EXTENSIONS.map((ext) => base + ext),
    // `./x.js` written for `./x.ts` (NodeNext style).
    ...(/\.[cm]?js$/.test(base) ? ['.ts', '.tsx'].map((ext) => base.replace(/\.[cm]?js$/, ext)) : []),
    ...EXTENSIONS.map((ext) => path.join(base, 'index' + ext)),
  ];
  for (const candidate of candidates) {
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/** Strips comments (roughly: enough not to read an import out of a comment). @param {string} text */
function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/**
 * The module specifiers a source file imports or re-exports at run time (see the header).
 * @param {string} text
 */
export function runtimeImports(text) {
  const code = stripComments(text);
  /** @type {string[]} */
  const specs = [];
  const re =
    /(?:^|[;\n}])\s*(import|export)\s+(type\s+)?([^;=()'"`]*?)\s*from\s*['"]([^'"]+)['"]|(?:^|[;\n])\s*import\s*['"]([^'"]+)['"]/g;
  for (const m of code.matchAll(re)) {
    if (m[5] !== undefined) {
      specs.push(m[5]); // side-effect import
      continue;
    }
    const [, , typeOnly, clause = '', spec = ''] = m;
    if (typeOnly || /^type\s*\{/.test(clause)) continue;
    specs.push(spec);
  }
  return specs;
}

/** @type {Map<string, { mtimeMs: number, deps: string[] }>} */
const graphCache = new Map();

/** @param {string} file absolute @returns {string[]} resolved relative run-time imports */
function depsOf(file) {
  let mtimeMs;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const cached = graphCache.get(file);
  if (cached?.mtimeMs === mtimeMs) return cached.deps;
  const text = fs.readFileSync(file, 'utf8');
  const deps = runtimeImports(text)
    .map((spec) => resolveRelative(file, spec))
    .filter((d) => d !== undefined);
  graphCache.set(file, { mtimeMs, deps });
  return deps;
}

/**
 * A shortest path of imports from `start` back to `target`, or undefined.
 * @param {string} start @param {string} target
 */
function pathBack(start, target) {
  /** @type {Map<string, string | null>} */
  const parent = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = /** @type {string} */ (queue.shift());
    for (const dep of depsOf(file)) {
      if (dep === target) {
        const chain = [file];
        for (let p = parent.get(file); p; p = parent.get(p)) chain.unshift(p);
        return chain;
      }
      if (!parent.has(dep)) {
        parent.set(dep, file);
        queue.push(dep);
      }
    }
  }
  return undefined;
}

/** `import type …` / `export type … from` (see the header). @param {any} node */
function isTypeOnly(node) {
  return node.importKind === 'type' || node.exportKind === 'type';
}

/** @type {import('eslint').Rule.RuleModule} */
const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow import cycles between modules (relative, run-time imports).' },
    schema: [],
    messages: { cycle: 'Import cycle: {{chain}}.' },
  },
  create(context) {
    const file = context.filename;
    const root = context.cwd;
    /** @param {any} node */
    function check(node) {
      if (!node.source || typeof node.source.value !== 'string' || isTypeOnly(node)) return;
      const target = resolveRelative(file, node.source.value);
      if (!target) return;
      const chain = target === file ? [] : pathBack(target, file);
      if (!chain) return;
      const names = [file, ...chain, file].map((f) => path.relative(root, f).split(path.sep).join('/'));
      context.report({ node: node.source, messageId: 'cycle', data: { chain: names.join(' → ') } });
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
    };
  },
};

const FEATURE = /^(.*[\\/]features)[\\/]([^\\/]+)[\\/](.+)$/;

/** @type {import('eslint').Rule.RuleModule} */
const featureBoundaries = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Use another feature only through its index.ts (or a declared public entry), never its files.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          // Modules of a feature, besides its index, that others may import: `<feature>/<file>`,
          // without the extension of a script (`card/card-glance`), with any other (`auth/auth.css`).
          publicEntries: { type: 'array', items: { type: 'string' } },
          // Whether this file may import a feature's page and guard modules (`*-page`, `*-guard`):
          // the router's lazy routes, so that each page is its own chunk.
          allowPages: { type: 'boolean' },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      internal:
        "'{{spec}}' reaches into feature '{{feature}}': import from its index.ts ('{{index}}') instead{{pages}}.",
    },
  },
  create(context) {
    const options = /** @type {{ publicEntries?: string[], allowPages?: boolean }} */ (
      context.options[0] ?? {}
    );
    const publicEntries = new Set(options.publicEntries ?? []);
    const file = context.filename;
    const own = FEATURE.exec(file);
    /** @param {any} source @param {string} spec */
    function check(source, spec) {
      const target = resolveRelative(file, spec);
      if (!target) return;
      const m = FEATURE.exec(target);
      if (!m) return;
      const [, featuresDir = '', feature = '', rest = ''] = m;
      if (own && own[1] === featuresDir && own[2] === feature) return; // inside the feature itself
      const module = rest
        .replace(/\.(tsx?|jsx?|mjs)$/, '')
        .split(path.sep)
        .join('/');
      if (module === 'index') return;
      if (publicEntries.has(`${feature}/${module}`)) return;
      if (options.allowPages && /^[^/]+-(page|guard)$/.test(module)) return;
      const index = path
        .relative(path.dirname(file), path.join(featuresDir, feature))
        .split(path.sep)
        .join('/');
      context.report({
        node: source,
        messageId: 'internal',
        data: {
          spec,
          feature,
          index: index.startsWith('.') ? index : `./${index}`,
          pages: options.allowPages ? ', or a page or guard module' : '',
        },
      });
    }
    /** @param {any} node */
    function onDeclaration(node) {
      if (node.source && typeof node.source.value === 'string') check(node.source, node.source.value);
    }
    return {
      ImportDeclaration: onDeclaration,
      ExportNamedDeclaration: onDeclaration,
      ExportAllDeclaration: onDeclaration,
      /** @param {any} node */
      ImportExpression(node) {
        if (node.source.type === 'Literal' && typeof node.source.value === 'string')
          check(node.source, node.source.value);
      },
    };
  },
};

/**
 * Where the server may write SQL (issue #21 item 3): repositories (`repository.ts`,
 * `*-repository.ts`, a `repository/` folder), the database layer (`src/db/`: connection,
 * migrations) and tests (and their `test-fixtures.ts`). Anywhere else (routes, services, jobs), this rule reports:
 * - importing `sql` from Kysely (raw SQL templates);
 * - starting a query with Kysely's builder (`selectFrom`, `insertInto`, `updateTable`,
 *   `deleteFrom`, `mergeInto`, `replaceInto`, `selectNoFrom`);
 * - passing SQL text to `.query(…)` / `.exec(…)` (node-postgres, PGlite).
 */
const QUERY_STARTERS = new Set([
  'selectFrom',
  'insertInto',
  'updateTable',
  'deleteFrom',
  'mergeInto',
  'replaceInto',
  'selectNoFrom',
]);
const SQL_TEXT =
  /^\s*(select|insert|update|delete|with|create|alter|drop|lock|notify|listen|unlisten|truncate|copy|begin|commit|rollback|set)\b/i;

/** @param {string} file */
export function mayWriteSql(file) {
  const f = file.split(path.sep).join('/');
  return (
    /(^|\/)repository\.ts$/.test(f) ||
    /-repository\.ts$/.test(f) ||
    /\/repository\/[^/]+\.ts$/.test(f) ||
    /\/src\/db\//.test(f) ||
    /\/src\/testing\//.test(f) ||
    /(^|\/)test-fixtures\.ts$/.test(f) ||
    /\.test\.tsx?$/.test(f)
  );
}

/** @param {any} node */
function literalText(node) {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral')
    return node.quasis.map((/** @type {any} */ q) => q.value.cooked ?? '').join('?');
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const sqlInRepositories = {
  meta: {
    type: 'problem',
    docs: { description: 'SQL only in repositories (and the database layer, and tests).' },
    schema: [],
    messages: {
      sqlImport: '`sql` templates belong in a repository (repository.ts): move the query there.',
      builder: '`.{{name}}(…)` builds a query: queries belong in a repository (repository.ts).',
      text: 'SQL text belongs in a repository (repository.ts).',
    },
  },
  create(context) {
    if (mayWriteSql(context.filename)) return {};
    return {
      /** @param {any} node */
      ImportDeclaration(node) {
        if (node.source.value !== 'kysely' || node.importKind === 'type') return;
        for (const spec of node.specifiers) {
          if (spec.type === 'ImportSpecifier' && spec.imported.name === 'sql' && spec.importKind !== 'type')
            context.report({ node: spec, messageId: 'sqlImport' });
        }
      },
      /** @param {any} node */
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return;
        const name = callee.property.name;
        if (QUERY_STARTERS.has(name))
          context.report({ node: callee.property, messageId: 'builder', data: { name } });
        else if ((name === 'query' || name === 'exec') && SQL_TEXT.test(literalText(node.arguments[0]) ?? ''))
          context.report({ node: node.arguments[0], messageId: 'text' });
      },
    };
  },
};

/**
 * Services know no HTTP (issue #21 item 2): a `service.ts` / `*-service.ts` file imports neither
 * Fastify nor its plugins. A service takes the call's context (`CallContext`) and plain inputs.
 */
/** @type {import('eslint').Rule.RuleModule} */
const noHttpInServices = {
  meta: {
    type: 'problem',
    docs: { description: 'Services import no Fastify: they take a CallContext and plain inputs.' },
    schema: [],
    messages: {
      fastify:
        "A service knows no HTTP: '{{spec}}' is imported by a service. Take a CallContext (context.ts) instead.",
    },
  },
  create(context) {
    const f = context.filename.split(path.sep).join('/');
    if (!/(^|\/|-)service\.ts$/.test(f)) return {};
    /** @param {any} node */
    function check(node) {
      const spec = node.source?.value;
      if (typeof spec !== 'string') return;
      if (spec === 'fastify' || spec.startsWith('fastify-') || spec.startsWith('@fastify/'))
        context.report({ node: node.source, messageId: 'fastify', data: { spec } });
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default {
  meta: { name: 'vssid' },
  rules: {
    'no-import-cycle': noImportCycle,
    'feature-boundaries': featureBoundaries,
    'sql-in-repositories': sqlInRepositories,
    'no-http-in-services': noHttpInServices,
  },
};
