/**
 * State shared by the whole server process. Next.js bundles route handlers, pages and
 * server actions separately, so a module-level variable exists once per bundle: a cache
 * evicted by a server action would live on in the API route's copy. Keeping it on
 * globalThis gives every bundle (and dev reloads) the same instance.
 */
export function processState<T>(name: string, create: () => T): T {
  const store = globalThis as typeof globalThis & { __keyport?: Record<string, unknown> };
  store.__keyport ??= {};
  return (store.__keyport[name] ??= create()) as T;
}
