/**
 * Where evidence files' bytes live. On Node they stay in the database (the blobs row), which needs nothing
 * more to run or back up; on Workers they go to an R2 bucket and the row keeps the object's key. The rest
 * of the app (sniffing, SHA-256, the audit event, who may download) is the same either way.
 */
export type StoredBytes = { data: Uint8Array; storeKey: null } | { data: null; storeKey: string };

export interface EvidenceStore {
  /** Keeps a checked file's bytes and says what the blobs row records: the bytes, or the object's key. */
  put(sha256: string, data: Uint8Array, contentType: string): Promise<StoredBytes>;
  /** The bytes a blobs row stands for; null when the object is gone. */
  get(row: { data: Uint8Array | null; storeKey: string | null }): Promise<Uint8Array | null>;
}

export const databaseStore: EvidenceStore = {
  put: async (_sha256, data) => ({ data, storeKey: null }),
  get: async (row) => row.data,
};

/** The part of an R2 bucket binding the store uses. */
export interface R2BucketLike {
  put(
    key: string,
    value: Uint8Array,
    options?: { httpMetadata?: { contentType?: string }; sha256?: string },
  ): Promise<unknown>;
  get(key: string): Promise<{ arrayBuffer(): Promise<ArrayBuffer> } | null>;
}

/**
 * Evidence in an R2 bucket, one object per content (`evidence/<sha256>`): the same file uploaded twice is one
 * object, and R2 checks the bytes against the SHA-256 on the way in.
 */
export function r2Store(bucket: R2BucketLike): EvidenceStore {
  return {
    async put(sha256, data, contentType) {
      const storeKey = `evidence/${sha256}`;
      await bucket.put(storeKey, data, { httpMetadata: { contentType }, sha256 });
      return { data: null, storeKey };
    },
    async get(row) {
      if (row.data) return row.data;
      const object = row.storeKey ? await bucket.get(row.storeKey) : null;
      return object ? new Uint8Array(await object.arrayBuffer()) : null;
    },
  };
}
