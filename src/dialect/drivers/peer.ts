/**
 * Loads an optional peer package (a database client, or Drizzle's adapter for it) when
 * `connect()` opens a URL. The specifier is a variable on purpose: a bundler follows a literal
 * `import('better-sqlite3')` and fails when that driver is not installed (or hoists it into a
 * static import that crashes at load), although an app that never calls `connect()` with that
 * scheme does not need it. Node resolves the package at run time instead.
 */
export function loadPeer<T>(specifier: string): Promise<T> {
  return import(specifier) as Promise<T>;
}
