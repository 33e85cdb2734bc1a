/** TEMPORARY scaffold: a collection whose methods reject until its module is written. */
export function notImplemented<T extends object>(collection: string): T {
  return new Proxy({} as T, {
    get: (_t, method) => async () => {
      throw new Error(`${collection}.${String(method)} is not implemented yet`);
    },
  });
}
