/** The fields of `record` named in `keys`: the "before" side of an audited change. */
export function pick<T extends object>(record: T, keys: string[]): Partial<T> {
  return Object.fromEntries(
    keys.filter((k) => k in record).map((k) => [k, record[k as keyof T]]),
  ) as Partial<T>;
}
