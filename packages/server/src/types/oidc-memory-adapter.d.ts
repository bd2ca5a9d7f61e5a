/** oidc-provider's in-memory adapter (no types of its own; @types/oidc-provider covers the package root). */
declare module 'oidc-provider/lib/adapters/memory_adapter.js' {
  import type { AdapterConstructor } from 'oidc-provider';
  export function createMemoryAdapter(clockTolerance?: number): AdapterConstructor;
}
