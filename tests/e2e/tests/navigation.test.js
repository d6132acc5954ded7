// Logs in as each demo role and checks what the navigation shows; one screenshot per role.
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
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// The demo accounts and the navigation entries each role must see, in order.
const ROLES = [
  { username: 'congdan', role: 'Người dân, doanh nghiệp', nav: ['account', 'submit', 'mine'] },
  {
    username: 'tiepnhan',
    role: 'Cán bộ tiếp nhận (một cửa)',
    nav: ['account', 'dossiers', 'reception', 'org', 'chi-so', 'register', 'ke-hoach'],
  },
  { username: 'chuyenvien', role: 'Chuyên viên xử lý', nav: ['account', 'dossiers', 'org', 'chi-so', 'register', 'ke-hoach'] },
  { username: 'lanhdao', role: 'Lãnh đạo đơn vị', nav: ['account', 'dossiers', 'org', 'chi-so', 'register', 'ke-hoach'] },
  {
    username: 'quantricchc',
    role: 'Quản trị CCHC (Sở Nội vụ)',
    nav: ['account', 'dossiers', 'org', 'chi-so', 'register', 'ke-hoach'],
  },
  {
    username: 'thamdinh',
    role: 'Thành viên hội đồng thẩm định',
    nav: ['account', 'dossiers', 'org', 'chi-so', 'register', 'ke-hoach'],
  },
  {
    username: 'quantri',
    role: 'Quản trị hệ thống',
    nav: ['account', 'dossiers', 'org', 'chi-so', 'register', 'ke-hoach', 'admin-users', 'admin-audit'],
  },
];

const profiles = [];

before(() => mkdirSync(ARTIFACTS, { recursive: true }));
after(() => profiles.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A browser with a fresh profile of its own. */
async function freshBrowser() {
  const dir = mkdtempSync(path.join(tmpdir(), 'cchc-e2e-'));
  profiles.push(dir);
  return chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    locale: 'vi-VN',
    viewport: { width: 1280, height: 800 },
  });
}

async function navKeys(page) {
  return page.locator('nav.site-nav [data-nav]').evaluateAll((links) =>
    links.map((a) => a.getAttribute('data-nav')),
  );
}

test('anonymous visitors see no navigation and are sent to the login page', async () => {
  const context = await freshBrowser();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${BASE}/`);
    assert.deepEqual(await navKeys(page), []);
    await page.goto(`${BASE}/account`);
    assert.match(page.url(), /\/login\?next=%2Faccount$/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'anonymous-login.png'), fullPage: true });
  } finally {
    await context.close();
  }
});

for (const { username, role, nav } of ROLES) {
  test(`${username} sees the navigation of their role`, async () => {
    const context = await freshBrowser();
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${BASE}/login`);
      await page.fill('#username', username);
      await page.fill('#password', PASSWORD);
      await Promise.all([page.waitForURL(`${BASE}/`), page.click('form.form button[type=submit]')]);
      assert.deepEqual(await navKeys(page), nav);
      assert.equal(await page.locator('.user-role').innerText(), role);
      const hrefs = {};
      for (const key of nav) {
        hrefs[key] = await page.locator(`[data-nav="${key}"]`).getAttribute('href');
      }
      for (const key of nav) {
        const href = hrefs[key];
        const response = await page.goto(`${BASE}${href}`);
        assert.equal(response.status(), 200, `${username} → ${href}`);
        // Printable registers and forms are A4 sheets without the site navigation.
        if ((await page.locator('nav.site-nav').count()) > 0) {
          assert.equal(await page.locator(`[data-nav="${key}"]`).getAttribute('aria-current'), 'page');
        }
      }
      await page.goto(`${BASE}/account`);
      await page.screenshot({ path: path.join(ARTIFACTS, `nav-${username}.png`), fullPage: true });
      if (!nav.includes('admin-users')) {
        const denied = await page.goto(`${BASE}/admin/users`);
        assert.equal(denied.status(), 403);
      }
      await Promise.all([page.waitForURL(`${BASE}/`), page.click('.who button[type=submit]')]);
      assert.deepEqual(await navKeys(page), []);
    } finally {
      await context.close();
    }
  });
}
