// The sandbox in a real browser (Debian's Chromium driven by playwright-core): a visitor writes as a customer,
// sees the agent's reply as WhatsApp shows it, and the CRM panel fills with the owner, the records, the decision
// and the routing trace. The screenshot is kept as a test artifact in test-results/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type RunningSandbox, runSandbox } from '@leadwire/webhook-gateway';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createLogger } from '../../webhook-gateway/src/observability/logger.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const artifacts = join(import.meta.dirname, '..', '..', 'test-results');
const skip =
  existsSync(CHROMIUM) || process.env.CI === 'true'
    ? false
    : `no Chromium at ${CHROMIUM} (apt-get install chromium; CI installs it)`;

describe('sandbox in the browser', { skip }, () => {
  let sandbox: RunningSandbox;
  let browser: Browser;
  let page: Page;

  before(async () => {
    sandbox = await runSandbox({ port: 0, logger: createLogger({ level: 'silent' }) });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  });
  after(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  it('a customer message gets the agent reply and the CRM panel shows what routing did', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${sandbox.url}/sandbox?crm=hubspot&customer=966500000777`);
    await page
      .getByTestId('composer-input')
      .fill('I need an urgent deep cleaning in Jeddah today, how much?');
    await page.getByTestId('send-button').click();

    const customer = page.locator('[data-testid="chat-message"][data-from="customer"]');
    await customer.first().waitFor({ timeout: 10_000 });
    assert.match(await customer.first().innerText(), /deep cleaning in Jeddah/);

    // The agent's reply, as WhatsApp shows it: it cannot quote a price, a colleague will answer.
    const agent = page.locator('[data-testid="chat-message"][data-from="agent"]');
    await agent.first().waitFor({ timeout: 15_000 });
    assert.match(await agent.first().innerText(), /price|colleague/i);

    // The CRM panel: the owner routing chose, the Ticket and the Task in HubSpot, the reasons and the trace.
    const panel = page.getByTestId('crm-panel');
    await panel
      .getByTestId('crm-record')
      .filter({ hasText: /Task|task/ })
      .first()
      .waitFor({ timeout: 15_000 });
    const state = await (
      await fetch(`${sandbox.url}/sandbox/api/state?crm=hubspot&customer=966500000777`)
    ).json();
    const ownerName = (state as { conversation: { ownerName: string } }).conversation.ownerName;
    await page.getByTestId('crm-owner').filter({ hasText: ownerName }).waitFor({ timeout: 5_000 });
    const types = await panel
      .locator('[data-testid="crm-record"]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-type')));
    assert.ok(types.includes('Ticket'), `a Ticket in the panel (${types.join(', ')})`);
    assert.ok(types.includes('Task'), `a Task in the panel (${types.join(', ')})`);
    assert.match(await page.getByTestId('decision').innerText(), /inquiry/i);
    assert.match(await page.getByTestId('decision-reasons').innerText(), /pricing/);
    assert.match(await page.getByTestId('routing-trace').innerText(), /cleaning/);

    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'sandbox.png'), fullPage: true });
    assert.deepEqual(errors, [], 'no script errors on the page');
  });

  it('switching to Salesforce shows that line and its own empty conversation', async () => {
    await page.getByTestId('crm-switch-salesforce').click();
    await page.waitForURL(/crm=salesforce/);
    await page.getByTestId('composer-input').fill('Necesito reservar una mesa para 2 mañana a las 9');
    await page.getByTestId('send-button').click();
    const agent = page.locator('[data-testid="chat-message"][data-from="agent"]');
    await agent.first().waitFor({ timeout: 15_000 });
    // The agent answers in the customer's language.
    assert.match(await agent.last().innerText(), /[¿¡]|ciudad|zona|ubicación|cuándo|urgente/i);
    await page.screenshot({ path: join(artifacts, 'sandbox-salesforce.png'), fullPage: true });
  });

  it('the owner takes over, goes quiet, and the clock runs past the SLA: re-routed, shown in the panel', async () => {
    await page.goto(`${sandbox.url}/sandbox?crm=hubspot&customer=966500000778`);
    await page.getByTestId('composer-input').fill('How much is a deep cleaning in Jeddah today? urgent');
    await page.getByTestId('send-button').click();
    await page.getByTestId('crm-owner').filter({ hasText: /\S/ }).waitFor({ timeout: 15_000 });
    const firstOwner = (await page.getByTestId('crm-owner').innerText()).trim();

    // Nobody answers for 6 minutes: routing moves it on, and the panel says so. The panel can show the owner
    // before the turn that assigned it committed (and set its SLA check): the clock goes on until the check ran.
    const moved = page.getByTestId('crm-owner').filter({ hasNotText: firstOwner });
    for (let minutes = 5; ; minutes += 5) {
      await page.getByTestId('clock-forward-5').click();
      if (minutes < 10) continue;
      const done = await moved
        .waitFor({ timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      if (done) break;
      assert.ok(
        minutes < 30,
        `not re-routed after ${minutes} minutes without an answer: ${await page.getByTestId('routing-trace').innerText()}`,
      );
    }
    assert.match(await page.getByTestId('routing-trace').innerText(), /reroute|re-route|excluded|hop/i);

    // The new owner answers from WhatsApp: the agent goes silent.
    await page.getByTestId('owner-reply-input').fill('Hello, I am taking care of this now');
    await page.getByTestId('owner-reply-send').click();
    await page.getByTestId('agent-silent').waitFor({ state: 'visible', timeout: 15_000 });
    await page
      .locator('[data-testid="chat-message"][data-from="owner"]')
      .first()
      .waitFor({ timeout: 10_000 });

    // A team member taken offline is shown offline.
    const member = page.getByTestId('team-member').first();
    const toggle = member.getByTestId('presence-toggle');
    const before = await toggle.getAttribute('aria-checked');
    await toggle.click();
    const id = await member.getAttribute('data-user-id');
    const after = before === 'true' ? 'false' : 'true';
    await page
      .locator(
        `[data-testid="team-member"][data-user-id="${id}"] [data-testid="presence-toggle"][aria-checked="${after}"]`,
      )
      .waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(artifacts, 'sandbox-takeover.png'), fullPage: true });
  });

  it('a day later the CRM reply is refused with why, and a template with its parameters reaches the customer', async () => {
    await page.goto(`${sandbox.url}/sandbox?crm=hubspot&customer=966500000779`);
    await page.getByTestId('composer-input').fill('Do you clean offices in Jeddah?');
    await page.getByTestId('send-button').click();
    await page
      .locator('[data-testid="chat-message"][data-from="agent"]')
      .first()
      .waitFor({ timeout: 15_000 });
    await fetch(`${sandbox.url}/sandbox/api/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMinutes: 25 * 60 }),
    });

    await page.getByTestId('crm-reply-input').fill('Still interested?');
    await page.getByTestId('crm-reply-send').click();
    await page.locator('.toast', { hasText: /24-hour window closed/ }).waitFor({ timeout: 10_000 });

    await page.getByTestId('load-templates').click();
    await page
      .getByTestId('window-note')
      .filter({ hasText: /closed/ })
      .waitFor({ timeout: 10_000 });
    await page.getByTestId('template-select').selectOption({ label: 'lead_follow_up (en_US) · APPROVED' });
    await page.getByTestId('template-body-1').fill('Huda');
    await page.getByTestId('template-body-2').fill('Sam');
    await page.getByTestId('template-body-3').fill('office cleaning');
    await page.getByTestId('template-send').click();
    await page
      .locator('[data-testid="chat-message"][data-from="owner"]', {
        hasText: 'Hi Huda, this is Sam about your office cleaning request.',
      })
      .waitFor({ timeout: 10_000 });
    const sent = sandbox.sandbox.graph.sent.filter((send) => send.recipient === '966500000779').at(-1);
    assert.equal(sent?.body.type, 'template');
    await page.screenshot({ path: join(artifacts, 'sandbox-template.png'), fullPage: true });
  });
});
