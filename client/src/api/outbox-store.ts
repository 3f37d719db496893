// The outbox and the last answers of the worker's reads, kept in IndexedDB: it holds photos (tens
// of megabytes are fine there, unlike localStorage) and survives reloads and a closed browser.
import type { OutboxEntry, OutboxStorage } from './outbox';

const DB_NAME = 'wangge-worker';
const DB_VERSION = 1;
const OUTBOX = 'outbox';
const CACHE = 'cache';

let opening: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(OUTBOX)) db.createObjectStore(OUTBOX, { keyPath: 'key' });
      if (!db.objectStoreNames.contains(CACHE)) db.createObjectStore(CACHE, { keyPath: 'name' });
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the schema: let it, and open again next time.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
    request.onblocked = () => reject(new Error('IndexedDB open blocked'));
  });
  opening.catch(() => {
    opening = null;
  });
  return opening;
}

/** Runs one request in its own transaction and resolves once the transaction is committed. */
async function run<T>(store: string, mode: IDBTransactionMode, act: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const request = act(tx.objectStore(store));
    // Resolving on complete, not on the request's success, is what makes a put durable before
    // the caller says "saved on this phone".
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error ?? request.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export function idbOutboxStorage(): OutboxStorage {
  return {
    all: () => run<OutboxEntry[]>(OUTBOX, 'readonly', (s) => s.getAll() as IDBRequest<OutboxEntry[]>),
    put: async (entry) => {
      await run(OUTBOX, 'readwrite', (s) => s.put(entry));
    },
    remove: async (key) => {
      await run(OUTBOX, 'readwrite', (s) => s.delete(key));
    },
  };
}

/** Whether IndexedDB opens on this device (private modes and some webviews refuse it). */
export async function idbAvailable(): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  try {
    await openDb();
    return true;
  } catch {
    return false;
  }
}

interface CacheRecord<T> {
  name: string;
  savedAt: string;
  value: T;
}

/** The last answer of a read, for when the network is gone; null when there is none. */
export async function cacheGet<T>(name: string): Promise<{ savedAt: string; value: T } | null> {
  try {
    const record = await run<CacheRecord<T> | undefined>(CACHE, 'readonly', (s) => s.get(name) as IDBRequest<CacheRecord<T> | undefined>);
    return record ? { savedAt: record.savedAt, value: record.value } : null;
  } catch {
    return null;
  }
}

export async function cachePut<T>(name: string, value: T): Promise<void> {
  try {
    await run(CACHE, 'readwrite', (s) => s.put({ name, savedAt: new Date().toISOString(), value } satisfies CacheRecord<T>));
  } catch {
    /* a cache that cannot be written only costs the offline fallback */
  }
}
