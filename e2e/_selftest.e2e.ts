import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
test('chromium exists', () => { assert.ok(fs.existsSync('/usr/bin/chromium')); assert.equal(process.env.DATABASE_URL, undefined); });
