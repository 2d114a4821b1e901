// End-to-end tests of `mentor serve` in headless Chromium (Debian's /usr/bin/chromium),
// driven by playwright-core. A fresh store is made from cases generated relative to today,
// the server is started on a free port of 127.0.0.1, and a person's steps are played:
// signing in, reading the agenda, recording an event (with the mouse and with the keyboard
// only), a viewer who may not record, a form without its CSRF token, a participant named
// `<script>`. Screenshots go to tests/web/artifacts/ (git-ignored); with
// MENTOR_DOCS_IMAGES=1 they are also copied to docs/images/ for the README.
//
//   MENTOR_BIN=target/debug/mentor node --test tests/web/e2e.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const bin = resolve(root, process.env.MENTOR_BIN ?? 'target/debug/mentor');
const artifacts = join(here, 'artifacts');
const PASSWORD = 'a long enough password';
const SCRIPT_NAME = '<script>alert("x")</script>';

let dir, server, serverOutput = '', base, context, page;
const requested = [];

/** A day relative to today, as YYYY-MM-DD (local time, as the server takes today). */
function day(offset) {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function mentor(args, input) {
  const r = spawnSync(bin, args, { cwd: dir, input, encoding: 'utf8', env: { ...process.env, USER: 'e2e', NO_COLOR: '1' } });
  assert.equal(r.status, 0, `mentor ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function supporttCase(id, mentee, requestedDaysAgo, responded) {
  const events = [{ at: day(-requestedDaysAgo), event: 'mentoring_requested', by: mentee, to: 'ben' }];
  if (responded) events.push({ at: day(-requestedDaysAgo + 1), event: 'mentor_responded', by: 'ben', to: mentee });
  return {
    case: id,
    participants: [
      { id: mentee, role: 'mentee', facts: { profession: 'doctor', postgraduate_trainee: true, out_of_training: true, returning_to_training: true } },
      { id: 'ben', role: 'mentor', facts: { course_sessions_attended: 2, biography_submitted: true } },
      { id: 'yh-admin', role: 'admin' },
    ],
    events,
  };
}

async function signIn(name) {
  await page.goto(`${base}/login`);
  await page.fill('#name', name);
  await page.fill('#password', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(`${base}/agenda`);
}

async function signOut() {
  await page.click('form.signout button');
  await page.waitForURL(`${base}/login`);
}

async function shot(name) {
  mkdirSync(artifacts, { recursive: true });
  const file = join(artifacts, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (process.env.MENTOR_DOCS_IMAGES === '1') {
    mkdirSync(join(root, 'docs', 'images'), { recursive: true });
    copyFileSync(file, join(root, 'docs', 'images', `serve-${name}.png`));
  }
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mentor-e2e-'));
  mentor(['init', dir, '--policy', join(root, 'policies', 'supportt.mentor')]);
  const cases = [
    supporttCase('S-LATE', 'amara', 20, false),      // the response is long overdue
    supporttCase('S-KEYS', 'kofi', 15, false),       // overdue too: recorded with the keyboard
    supporttCase('S-SOON', SCRIPT_NAME, 0, false),   // due in a few days; a hostile name
    supporttCase('S-DONE', 'dara', 30, true),        // answered
  ];
  for (const c of cases) writeFileSync(join(dir, `${c.case}.json`), JSON.stringify(c));
  mentor(['import', '--store', dir, ...cases.map((c) => join(dir, `${c.case}.json`))]);
  mentor(['user', 'add', 'ann', '--role', 'coordinator', '--store', dir], `${PASSWORD}\n`);
  mentor(['user', 'add', 'val', '--role', 'viewer', '--store', dir], `${PASSWORD}\n`);

  server = spawn(bin, ['serve', '--store', dir, '--port', '0'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
  base = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the server did not start:\n${serverOutput}`)), 20000);
    const read = (chunk) => {
      serverOutput += chunk;
      const m = serverOutput.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); ok(m[1]); }
    };
    server.stdout.setEncoding('utf8').on('data', read);
    server.stderr.setEncoding('utf8').on('data', read);
    server.on('exit', (code) => fail(new Error(`the server stopped (${code}):\n${serverOutput}`)));
  });

  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'mentor-chromium-')), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1200, height: 900 },
  });
  page = context.pages()[0] ?? await context.newPage();
  page.on('dialog', () => assert.fail('a script ran: a dialog opened'));
  context.on('request', (r) => requested.push(r.url()));
});

after(async () => {
  await context?.close();
  server?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('signing in leads to the agenda; a wrong password does not', async () => {
  await page.goto(`${base}/agenda`);
  assert.equal(new URL(page.url()).pathname, '/login', 'the agenda needs a session');
  await page.fill('#name', 'ann');
  await page.fill('#password', 'not the password');
  await page.click('button[type=submit]');
  assert.match(await page.textContent('.problem'), /the name or the password is not right/);
  await signIn('ann');
  assert.match(await page.textContent('h1'), /Agenda/);
});

test('the agenda shows the overdue case first, by colour and in words', async () => {
  const first = page.locator('tbody tr').first();
  assert.match(await first.textContent(), /S-LATE/);
  assert.match(await first.locator('.badge').textContent(), /Overdue/);
  assert.match(await page.locator('section.band').first().locator('h2').textContent(), /Overdue/);
  await shot('agenda');
});

test('a participant named <script> is shown as text', async () => {
  await page.goto(`${base}/cases/S-SOON`);
  const text = await page.textContent('main');
  assert.ok(text.includes(SCRIPT_NAME), 'the name is shown as written');
  assert.equal(await page.locator('script').count(), 0, 'no script element was made');
  await page.goto(`${base}/agenda`);
  assert.ok((await page.textContent('main')).includes(SCRIPT_NAME));
  assert.equal(await page.locator('script').count(), 0);
});

test('recording an event makes its duty disappear from the case and the agenda', async () => {
  await page.goto(`${base}/cases/S-LATE`);
  assert.match(await page.textContent('section[aria-labelledby=open-duties]'), /open and overdue/);
  await shot('case');
  await page.click('a:has-text("Record: reply to")');
  assert.equal(await page.inputValue('#at'), day(0), 'the date is today unless changed');
  assert.equal(await page.inputValue('#by'), 'ben');
  await shot('record');
  await page.click('button:has-text("Save")');
  await page.waitForURL(/\/cases\/S-LATE\?recorded=\d+/);
  assert.match(await page.textContent('.notice'), /Recorded as entry/);
  const open = await page.textContent('section[aria-labelledby=open-duties]');
  assert.match(open, /Nothing is owed in this case/);
  assert.match(await page.textContent('section[aria-labelledby=done-duties]'), /met late by ben replied to/);
  await page.goto(`${base}/agenda`);
  assert.ok(!(await page.textContent('main')).includes('S-LATE'), 'S-LATE has left the agenda');
  await page.goto(`${base}/cases/S-LATE/history`);
  assert.match(await page.textContent('table.history'), /mentor_responded by ben[\s\S]*ann/);
});

test('a wrong value is shown beside its field and nothing typed is lost', async () => {
  await page.goto(`${base}/cases/S-SOON/record/session_held`);
  await page.fill('#data-minutes', '45');
  await page.fill('#at', '');
  await page.click('button:has-text("Save")');
  assert.ok(await page.locator('#at[aria-invalid=true]').count() === 1, 'the date is marked');
  assert.match(await page.textContent('#at-error'), /\S/);
  assert.equal(await page.inputValue('#data-minutes'), '45', 'what was typed is kept');
});

test('recording works with the keyboard only (Tab and Enter)', async () => {
  await page.goto(`${base}/cases/S-KEYS`);
  const tabTo = async (check) => {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(check)) return;
    }
    assert.fail('never reached with Tab');
  };
  await tabTo(() => document.activeElement?.textContent?.trim().startsWith('Record: reply to'));
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/record\/mentor_responded/);
  await tabTo(() => document.activeElement?.textContent?.trim() === 'Save');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/cases\/S-KEYS\?recorded=\d+/);
  assert.match(await page.textContent('section[aria-labelledby=open-duties]'), /Nothing is owed in this case/);
});

test('a POST without the CSRF token is refused and records nothing', async () => {
  await page.goto(`${base}/cases/S-SOON/history`);
  const before = await page.locator('table.history tbody tr').count();
  const r = await context.request.post(`${base}/cases/S-SOON/record/mentor_responded`, {
    form: { by: 'ben', to: SCRIPT_NAME, at: day(0) }, maxRedirects: 0,
  });
  assert.equal(r.status(), 403);
  await page.goto(`${base}/cases/S-SOON/history`);
  assert.equal(await page.locator('table.history tbody tr').count(), before);
});

test('a viewer can read but not record', async () => {
  await signOut();
  await signIn('val');
  await page.goto(`${base}/cases/S-SOON`);
  assert.equal(await page.locator('a:has-text("Record")').count(), 0, 'no way to record is offered');
  const csrf = await page.inputValue('form.signout input[name=csrf]');
  const form = await page.goto(`${base}/cases/S-SOON/record/mentor_responded`);
  assert.equal(form.status(), 403);
  const r = await context.request.post(`${base}/cases/S-SOON/record/mentor_responded`, {
    form: { csrf, by: 'ben', to: SCRIPT_NAME, at: day(0) }, maxRedirects: 0,
  });
  assert.equal(r.status(), 403);
  assert.match(await r.text(), /viewers can read cases but not record/);
});

test('the pages asked for nothing but the server\'s own pages and style sheet', () => {
  assert.ok(requested.length > 20);
  const elsewhere = requested.filter((url) => !url.startsWith(`${base}/`));
  assert.deepEqual(elsewhere, []);
});

test('nothing of a case reached the server\'s output', () => {
  for (const secret of ['S-LATE', 'S-SOON', 'amara', 'kofi', '<script>']) {
    assert.ok(!serverOutput.includes(secret), `the server printed ${secret}`);
  }
});
