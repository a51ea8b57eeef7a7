import DataLoader from 'dataloader';
import { settled, settledLoader } from '../settled-loader';

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('a loaded or primed value is there without waiting, null included; a rejection is not', async () => {
  const loader = settledLoader<string, string | null>(async (keys) =>
    keys.map((k) => (k === 'bad' ? new Error('no') : k === 'none' ? null : k.toUpperCase())),
  );
  expect(settled(loader, 'a')).toBeUndefined();
  await Promise.all([loader.load('a'), loader.load('none'), loader.load('bad').catch(() => null)]);
  await tick();
  expect(settled(loader, 'a')).toBe('A');
  expect(settled(loader, 'none')).toBeNull();
  expect(settled(loader, 'bad')).toBeUndefined();
  loader.prime('p', 'primed');
  await tick();
  expect(settled(loader, 'p')).toBe('primed');
  // prime does not overwrite what the loader holds, and neither does settled.
  loader.prime('a', 'other');
  await tick();
  expect(settled(loader, 'a')).toBe('A');
  expect(await loader.load('a')).toBe('A');
});

test('clear and clearAll forget at once; a load settling after them records nothing', async () => {
  let version = 1;
  const loader = settledLoader<string, number>(async (keys) => keys.map(() => version));
  await loader.load('k');
  await tick();
  loader.clear('k');
  expect(settled(loader, 'k')).toBeUndefined();
  const stale = loader.load('k');
  loader.clearAll();
  version = 2;
  await stale;
  await tick();
  expect(settled(loader, 'k')).toBeUndefined();
  expect(await loader.load('k')).toBe(2);
  await tick();
  expect(settled(loader, 'k')).toBe(2);
});

test('a plain DataLoader, or none, holds nothing', async () => {
  const plain = new DataLoader<string, string>(async (keys) => [...keys]);
  await plain.load('a');
  expect(settled(plain, 'a')).toBeUndefined();
  expect(settled(undefined, 'a')).toBeUndefined();
});
