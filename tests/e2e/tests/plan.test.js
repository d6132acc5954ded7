// The reform plan as the PAR admin sees it on the demo data: the overview of the current
// year's plan (targets with RAG statuses, automatic ones with live values), a target with its
// SVG figure over the year, the task board filtered by status, and the public page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE = process.env.CCHC_E2E_URL ?? 'http://127.0.0.1:8080';
const CHROMIUM = process.env.CCHC_E2E_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

let context;
let profile;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  profile = mkdtempSync(path.join(tmpdir(), 'cchc-e2e-plan-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    locale: 'vi-VN',
    viewport: { width: 1280, height: 900 },
  });
});

after(async () => {
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
});

async function page() {
  return context.pages()[0] ?? (await context.newPage());
}

test('the PAR admin opens the plan, a target with its figure and the task board', async () => {
  const p = await page();
  await p.goto(`${BASE}/login?next=%2Fke-hoach`);
  await p.fill('#username', 'quantricchc');
  await p.fill('#password', 'cchc-demo-2026');
  await Promise.all([p.waitForURL(/\/ke-hoach$/), p.click('form.form button[type=submit]')]);

  // Overview: the current year's plan, areas → targets with a status each.
  assert.match(await p.locator('h1').innerText(), /Kế hoạch 204\/KH-UBND/);
  assert.equal(await p.locator('[data-nav="ke-hoach"]').getAttribute('aria-current'), 'page');
  const onTime = p.locator('tr[data-target="MT/2.a"]').first();
  assert.notEqual(await onTime.getAttribute('data-status'), 'none', 'a live value from the demo dossiers');
  assert.match(await onTime.locator('td.num').nth(1).innerText(), /\d+(,\d+)? %/);
  assert.ok((await p.locator('tr[data-target]').count()) > 25);
  await p.screenshot({ path: path.join(ARTIFACTS, 'plan-overview.png'), fullPage: true });

  // A target: its figure over the year as an SVG with a title, axes and points.
  await Promise.all([p.waitForURL(/\/ke-hoach\/muc-tieu\//), onTime.locator('a').first().click()]);
  const figure = p.locator('svg.plan-figure').first();
  await figure.waitFor();
  assert.match(await figure.locator('title').first().textContent(), /Tỷ lệ hồ sơ giải quyết đúng hạn/);
  assert.ok((await figure.locator('circle.point').count()) >= 1);
  assert.equal(await figure.getAttribute('role'), 'img');
  assert.ok((await p.locator('table.plan-counts').count()) >= 1, 'the data behind the figure');
  await p.screenshot({ path: path.join(ARTIFACTS, 'plan-target.png'), fullPage: true });

  // The task board, then only the overdue tasks.
  await p.goto(`${BASE}/ke-hoach`);
  await Promise.all([p.waitForURL(/\/ke-hoach\/nhiem-vu/), p.click('a[data-link="board"]')]);
  assert.match(await p.locator('h1').innerText(), /Theo dõi nhiệm vụ/);
  assert.ok((await p.locator('tr[data-task]').count()) > 0);
  await p.selectOption('#status', 'open_overdue');
  await Promise.all([p.waitForURL(/status=open_overdue/), p.click('form.inline-form button[type=submit]')]);
  const statuses = await p.locator('tr[data-task]').evaluateAll((rows) => rows.map((r) => r.dataset.status));
  assert.ok(statuses.length > 0);
  assert.ok(statuses.every((s) => s === 'open_overdue'), statuses.join(','));
  await p.screenshot({ path: path.join(ARTIFACTS, 'plan-board.png'), fullPage: true });
});

test('the public accountability page needs no login', async () => {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    const p = await browser.newPage({ locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
    const response = await p.goto(`${BASE}/cong-khai/ke-hoach`);
    assert.equal(response.status(), 200);
    assert.match(await p.locator('h1').innerText(), /Công khai kết quả thực hiện Kế hoạch/);
    assert.ok((await p.locator('tr[data-task]').count()) > 40);
    assert.equal(await p.locator('nav.site-nav').count(), 0);
    await p.screenshot({ path: path.join(ARTIFACTS, 'plan-public.png'), fullPage: true });
  } finally {
    await browser.close();
  }
});
