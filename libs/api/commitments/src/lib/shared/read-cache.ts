/**
 * Answers of live reads, valid while the data version stays the same.
 *
 * The data version (table data_version, see the DataVersion migration) takes a new, never repeated value
 * in the same commit as any change to what the reads show, so a replica that reads it before answering
 * never serves an answer older than the last committed write, however many replicas there are. The cache
 * holds the answers of one version only: a higher version empties it. An answer is kept only if the version
 * did not change while it was being computed (its statements might otherwise have seen part of a newer
 * state). A lower version (a request that read it before a write another request has seen, or two writers
 * that committed in the opposite order of their sequence values) is answered without the cache. Concurrent
 * requests for the same key share one computation. Framework-free, so the benchmark's floor uses it too.
 */
export class ReadCache<T> {
  private version = -1;
  private readonly entries = new Map<string, Promise<T>>();

  /** `maxEntries`: the most answers kept at once; the least recently used go first. */
  constructor(private readonly maxEntries: number) {}

  /**
   * The answer for `key` at data version `version`, computed once. `versionNow` reads the version again
   * after computing, to decide whether the answer may be kept.
   */
  get(key: string, version: number, compute: () => Promise<T>, versionNow: () => Promise<number>): Promise<T> {
    if (version > this.version) {
      this.entries.clear();
      this.version = version;
    }
    if (version < this.version) return compute();
    const cached = this.entries.get(key);
    if (cached) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const pending = compute().then(
      async (value) => {
        if ((await versionNow()) === version) keep(value);
        else this.forget(key, pending);
        return value;
      },
      (error: unknown) => {
        this.forget(key, pending);
        throw error;
      },
    );
    this.entries.set(key, pending);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return pending;
  }

  private forget(key: string, entry: Promise<T>): void {
    if (this.entries.get(key) === entry) this.entries.delete(key);
  }
}

/** Kept answers are shared by every request that reads them and never changed, so their JSON is built once. */
const keptJson = new WeakMap<object, string | null>();

function keep(value: unknown): void {
  if (value !== null && typeof value === 'object') keptJson.set(value, null);
}

/** JSON.stringify for HTTP replies (Fastify's reply serializer): a kept answer's JSON is built on its first reply only. */
export function serializeReply(payload: unknown): string {
  if (payload === null || typeof payload !== 'object' || !keptJson.has(payload)) return JSON.stringify(payload);
  let json = keptJson.get(payload);
  if (json == null) {
    json = JSON.stringify(payload);
    keptJson.set(payload, json);
  }
  return json;
}

/** The statement that reads the data version (one primary-key lookup). */
export const DATA_VERSION_STATEMENT = `SELECT version FROM data_version WHERE id = 1`;

/** The version from the statement's rows: 0 if the row is missing (the next write recreates it; the sequence starts at 1). */
export function dataVersionOf(rows: readonly { version: string }[]): number {
  return rows.length > 0 ? Number(rows[0].version) : 0;
}

/** A cache key for a value made of plain data: JSON with object keys sorted, so equal values give equal keys. */
export function cacheKey(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}
