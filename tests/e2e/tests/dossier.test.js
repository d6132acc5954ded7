// Walks one dossier from online submission to return through the pages, each step by the
// demo account whose role takes it, then checks the public lookup page. Screenshots of every
// step go to tests/e2e/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE = process.env.CCHC_E2E_URL ?? 'http://127.0.0.1:8080';
const CHROMIUM = process.env.CCHC_E2E_CHROMIUM ?? '/usr/bin/chromium';
const PASSWORD = 'cchc-demo-2026';
const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
// Đăng ký nội quy lao động: received at the provincial centre, decided by Sở Nội vụ.
const PROCEDURE = '2.001955';
const CENTRE = 'H31.VPUB.TTPVHCC';

const profiles = [];
before(() => mkdirSync(ARTIFACTS, { recursive: true }));
after(() => profiles.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh browser signed in as `username`; the page. */
async function signedIn(username) {
  const dir = mkdtempSync(path.join(tmpdir(), 'cchc-e2e-'));
  profiles.push(dir);
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    locale: 'vi-VN',
    viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  if (username) {
    await page.goto(`${BASE}/login`);
    await page.fill('#username', username);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(`${BASE}/`), page.click('form.form button[type=submit]')]);
  }
  return { context, page };
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `dossier-${name}.png`), fullPage: true });
}

/** The action forms the dossier page offers. */
async function actions(page) {
  return page.locator('form[data-action]').evaluateAll((forms) =>
    forms.map((f) => f.getAttribute('data-action')),
  );
}

/** Opens the form of `key`, lets `fill` complete it, submits, and waits for the notice. */
async function act(page, key, fill = async () => {}) {
  // A form shown again after a refusal is already open.
  if (!(await page.locator(`#act-${key}`).evaluate((d) => d.open))) {
    await page.click(`#act-${key} summary`);
  }
  await fill();
  await Promise.all([page.waitForLoadState('load'), page.click(`#act-${key} button[type=submit]`)]);
  const alert = page.locator('p.alert');
  if ((await alert.count()) > 0) {
    assert.fail(`${key} refused: ${await alert.innerText()}`);
  }
  assert.match(page.url(), new RegExp(`xong=${key}`));
  assert.equal(await page.locator('p.notice').count(), 1, `${key}: a notice`);
}

/** Runs `step` as `username` on the dossier page of `code`. */
async function as(username, code, step) {
  const { context, page } = await signedIn(username);
  try {
    await page.goto(`${BASE}/ho-so/${code}`);
    await step(page);
  } finally {
    await context.close();
  }
}

async function submitOnline() {
  const { context, page } = await signedIn('congdan');
  try {
    await page.goto(`${BASE}/nop-ho-so?q=noi%20quy%20lao%20dong`);
    await page.click(`[data-procedure="${PROCEDURE}"]`);
    await page.selectOption('#don_vi', CENTRE);
    assert.equal(await page.inputValue('#ho_ten'), 'Nguyễn Văn An');
    await page.fill('#so_dinh_danh', '033090001234');
    await page.fill('#dien_thoai', '0912345678');
    await page.check('#tp-0');
    await page.check('#tp-1');
    await shot(page, '1-submit-form');
    await Promise.all([page.waitForURL(/\/ho-so\/.+\?moi=1$/), page.click('form.intake button')]);
    const code = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    assert.match(await page.locator('main').innerText(), /1\. Mới đăng ký/);
    assert.deepEqual(await actions(page), ['withdraw']);
    await shot(page, '2-submitted');
    await page.goto(`${BASE}/ho-so-cua-toi`);
    assert.match(await page.locator('main').innerText(), new RegExp(code.replace(/\./g, '\\.')));
    return code;
  } finally {
    await context.close();
  }
}

test('a dossier goes from online submission to its return, then the public page', async () => {
  const code = await submitOnline();
  await as('tiepnhan', code, async (page) => {
    assert.deepEqual(await actions(page), ['receive', 'refuse', 'withdraw']);
    await act(page, 'receive');
    assert.match(await page.locator('main').innerText(), /2\. Được tiếp nhận/);
    assert.equal(await page.locator('a[href$="/mau/receipt"]').count() > 0, true);
    await act(page, 'forward', async () => {
      await page.fill('#forward-don_vi', 'H31.SNV');
      await page.fill('#forward-can_bo', 'chuyenvien');
      await page.fill('#forward-so_gio', '40');
    });
    await shot(page, '3-received-forwarded');
    await page.goto(`${BASE}/ho-so/${code}/mau/receipt`);
    await shot(page, '4-receipt');
  });
  await as('chuyenvien', code, async (page) => {
    await page.goto(`${BASE}/ho-so?ma=${encodeURIComponent(code.slice(-11))}`);
    assert.equal(await page.locator(`a[href="/ho-so/${code}"]`).count(), 1, 'in the inbox');
    await shot(page, '5-specialist-inbox');
    await page.click(`a[href="/ho-so/${code}"]`);
    assert.ok(!(await actions(page)).includes('finish'), 'a specialist does not finish');
    await act(page, 'complete_step');
  });
  await as('lanhdao', code, async (page) => {
    // An electronic result without its file: the state machine's sentence, the input kept.
    await page.click('#act-finish summary');
    await page.fill('#finish-ma_ket_qua', 'TB-NQLD-01');
    await Promise.all([page.waitForLoadState('load'), page.click('#act-finish button[type=submit]')]);
    assert.match(await page.locator('p.alert').innerText(), /tệp kết quả/);
    assert.equal(await page.inputValue('#finish-ma_ket_qua'), 'TB-NQLD-01');
    await shot(page, '6-refused');
    await act(page, 'finish', async () => {
      await page.fill('#finish-tep', 'thong-bao-noi-quy.pdf');
    });
    assert.match(await page.locator('main').innerText(), /9\. Đã xử lý xong/);
    await shot(page, '7-finished');
  });
  await as('tiepnhan', code, async (page) => {
    await act(page, 'return');
    assert.match(await page.locator('main').innerText(), /10\. Đã trả kết quả/);
    assert.deepEqual(await actions(page), []);
    await shot(page, '8-returned');
  });
  const { context, page } = await signedIn(null);
  try {
    await page.goto(`${BASE}/tra-cuu?ma=${encodeURIComponent(code)}`);
    const text = await page.locator('main').innerText();
    assert.match(text, /10 — Đã trả kết quả/);
    assert.match(text, /Nguyễn V\*\* A\*\*/);
    assert.match(text, /Sở Nội vụ tỉnh Hưng Yên/);
    assert.doesNotMatch(text, /Nguyễn Văn An|033090001234|0912345678|chuyenvien|tiepnhan/);
    await shot(page, '9-public-lookup');
  } finally {
    await context.close();
  }
});
