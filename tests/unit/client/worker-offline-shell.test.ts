import { describe, expect, it } from 'vitest';
import { lastKnownUser } from '../../../client/src/api/session-client';
import { buildFilesAmong } from '../../../client/src/views/worker/offline-shell';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
    items,
  };
}

describe('the page kept for a phone without network', () => {
  it('keeps only this origin’s hashed build files, each once', () => {
    expect(
      buildFilesAmong(
        [
          'https://wg.example/assets/index-abc.js',
          'https://wg.example/assets/index-abc.js',
          'https://wg.example/assets/maplibre-x.js#frag',
          'https://wg.example/api/worker/tasks',
          'https://tiles.example/assets/a.png',
          'https://wg.example/worker-sw.js',
        ],
        'https://wg.example',
      ),
    ).toEqual(['https://wg.example/assets/index-abc.js', 'https://wg.example/assets/maplibre-x.js']);
  });

  it('remembers who was logged in last (no token), forgets them on logout, and ignores junk', () => {
    const storage = memoryStorage();
    lastKnownUser.write({ id: 7, username: 'worker1', role: 'worker', token: 'secret' } as never, storage);
    expect(lastKnownUser.read(storage)).toEqual({ id: 7, username: 'worker1', role: 'worker' });
    expect([...storage.items.values()].join()).not.toContain('secret');
    lastKnownUser.write(null, storage);
    expect(lastKnownUser.read(storage)).toBeNull();
    storage.setItem('wangge.lastUser', '{"id":"7"}');
    expect(lastKnownUser.read(storage)).toBeNull();
    storage.setItem('wangge.lastUser', 'not json');
    expect(lastKnownUser.read(storage)).toBeNull();
  });
});
