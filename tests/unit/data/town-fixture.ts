// One generated town per test file (generation takes a couple of seconds).
import { generateTown, type TownOptions } from '../../../data/demo-town/town';

const cache = new Map<string, ReturnType<typeof generateTown>>();

export function town(options: TownOptions = {}) {
  const key = JSON.stringify(options);
  if (!cache.has(key)) cache.set(key, generateTown(options));
  return cache.get(key)!;
}
