import { test } from 'node:test';
import assert from 'node:assert/strict';
test('selftest passes', () => {
  const n: number = 1 + 1;
  assert.equal(n, 2);
});
test('selftest sees DATABASE_URL only in postgres suite', () => {
  const url = process.env.DATABASE_URL;
  if (process.env.YINGJI_TEST_SUITE === 'postgres') assert.match(url ?? '', /^postgres:\/\/postgres@127\.0\.0\.1:\d+\/yingji$/);
  else assert.equal(url, undefined);
});
test('selftest skipped', { skip: 'demo' }, () => {});
