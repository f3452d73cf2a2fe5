import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { allowManyHardshipCases, call, checkpoint, DESKTOP, login, newContext, PHONE } from './helpers';

/**
 * Issue 12's auditor console on the real stack. The file makes its own case, whatever ran before it: applicant1 files
 * hardship aid through the API and level 1 approves it (at the end the applicant withdraws it, so that no inbox keeps
 * it). auditor1 finds it in the case search, opens it (projection, ledger and history side by side), verifies the
 * ledger, re-derives and replays it, reads it as it stood before the decision, unmasks (logged), downloads a masked
 * export and the annual figures' CSV; then the case page on a 390 px phone, in tabs; an administrator's view (masked
 * only) and an unknown case's error.
 */
test.describe.configure({ mode: 'serial' });

/** Unusual enough to find the case by its amount in the search. */
const AMOUNT = 2468.5;

interface LedgerEntry {
  kind: string;
  occurredAt: string;
}

let caseId = '';
/** A time between the submission and the level-1 decision, as the picker takes it (China Standard Time). */
let beforeDecision = '';

test.beforeAll(async () => {
  const run = Date.now().toString(36);
  await allowManyHardshipCases(run);
  const filed = await call<{ id: string }>(
    'applicant1',
    'POST',
    '/applications',
    {
      program: 'hardship-aid',
      category: 'living',
      requestedAmount: AMOUNT,
      household: { householdSize: 3, annualIncome: 24000, unavoidableCosts: 6000 },
    },
    { 'Idempotency-Key': `auditor-console-${run}` },
  );
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  caseId = filed.body.id;
  await expect
    .poll(
      async () =>
        (await call<Array<{ applicationId: string }>>('approver-g-east-1', 'GET', '/tasks')).body.some(
          (t) => t.applicationId === caseId,
        ),
      { timeout: 120_000, message: 'the level 1 task of the filed case' },
    )
    .toBe(true);
  // A few seconds between the last entry before the decision and the decision itself: room for an "as of" between.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const decided = await call('approver-g-east-1', 'POST', `/applications/${caseId}/decisions`, {
    decision: 'approve',
    comment: '家访属实，同意',
    level: 1,
  });
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);

  const ledger = await call<{ entries: LedgerEntry[] }>('auditor1', 'GET', `/audit/applications/${caseId}/ledger`);
  const entries = ledger.body.entries;
  const decision = entries.findIndex((e) => e.kind === 'decision');
  expect(decision, JSON.stringify(entries.map((e) => e.kind))).toBeGreaterThan(0);
  // The next whole second after the entry before the decision: still before the decision (3 s later).
  const at = Math.ceil((Date.parse(entries[decision - 1].occurredAt) + 1) / 1000) * 1000;
  expect(at).toBeLessThan(Date.parse(entries[decision].occurredAt));
  beforeDecision = new Date(at + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
});

test.afterAll(async () => {
  // The case leaves every inbox (withdrawn by the applicant), so the other browser tests see only their own.
  if (caseId) await call('applicant1', 'POST', `/applications/${caseId}/withdraw`, { comment: 'browser test done' });
});

async function openSearch(page: Page) {
  await page.goto('/app');
  await login(page, 'auditor1');
  await expect(page.getByRole('heading', { name: '案件查询' })).toBeVisible();
}

test('an auditor searches the cases, opens one and checks it: verify, re-derive, replay, as of, unmask', async ({
  browser,
}) => {
  const context = await newContext(browser, DESKTOP);
  const page = await context.newPage();
  await openSearch(page);

  // The amount range (kept in the URL) narrows the list to the case.
  await page.getByLabel('最低金额').fill(String(AMOUNT));
  await page.getByLabel('最低金额').press('Enter');
  await page.getByLabel('最高金额').fill(String(AMOUNT));
  await page.getByLabel('最高金额').press('Enter');
  await expect(page).toHaveURL(/[?&]min=2468\.5(&|$)/);
  await expect(page).toHaveURL(/[?&]max=2468\.5(&|$)/);
  const card = page.getByTestId('audit-case').filter({ hasText: caseId.slice(0, 8) });
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('审批中');
  await checkpoint(page, '23-audit-search-desktop');

  // The branch filter (GET /org-units): the case was filed in East, so West hides it and East shows it again.
  const branch = async (name: string) => {
    await page.getByLabel('工会', { exact: true }).click();
    await page.locator('.ant-select-item-option', { hasText: name }).first().click();
  };
  await branch('西城区总工会');
  await expect(page).toHaveURL(/[?&]branch=[0-9a-f-]{36}(&|$)/);
  await expect(card).toHaveCount(0);
  await branch('东城区总工会');
  await expect(card).toHaveCount(1);

  // A masked export of the cases: a download whose first line is the CSV header.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '案件 CSV' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe('aidflow-cases.csv');
  const csv = readFileSync(await file.path(), 'utf8');
  expect(csv.split(/\r?\n/)[0]).toMatch(/^id,program,category,status,tier,requestedAmount,/);

  await card.click();
  await expect(page).toHaveURL(new RegExp(`/app/audit/cases/${caseId}$`));
  await expect(page.getByRole('heading', { name: '案件现状' })).toBeVisible();
  await expect(page.getByTestId('case-status')).toHaveText('审批中');
  await expect(page.getByTestId('ledger-entry').first()).toContainText('提交');
  await expect(page.getByTestId('ledger-entry').filter({ hasText: '审批决定' })).toHaveCount(1);
  await expect(page.getByTestId('history-event').first()).toContainText('WORKFLOW_EXECUTION_STARTED');
  await expect(page.getByTestId('unmask-note')).toHaveText(/记入导出日志/);
  await checkpoint(page, '24-audit-case-desktop');

  await page.getByRole('button', { name: '校验账本' }).click();
  await expect(page.getByTestId('verify-result')).toContainText('哈希链完整');
  await page.getByRole('button', { name: '重新推算' }).click();
  await expect(page.getByTestId('rederivation')).toContainText('重新推算一致');
  await page.getByRole('button', { name: '重放流程' }).click();
  // The case still runs, so nothing is archived to replay yet: the not-archived message (identical once archived).
  await expect(page.getByTestId('replay-result')).toHaveText(/重放结果一致|尚未归档/);
  await checkpoint(page, '25-audit-checks-desktop');

  // As of a time before the level-1 decision: in approval, no decision yet.
  await page.getByLabel('查看时点').click();
  await page.getByLabel('查看时点').fill(beforeDecision);
  await page.getByLabel('查看时点').press('Enter');
  await expect(page).toHaveURL(/[?&]asOf=/);
  await expect(page.getByTestId('as-of-status')).toHaveText('审批中');
  await expect(page.getByTestId('as-of-view')).toContainText('尚无审批');
  await expect(page.getByRole('heading', { name: '案件（历史时点）' })).toBeVisible();
  await checkpoint(page, '26-audit-as-of-desktop');
  await page.getByRole('button', { name: '回到现在' }).click();
  await expect(page.getByTestId('case-status')).toHaveText('审批中');
  await expect(page.getByText('家访属实，同意')).toBeVisible();

  // Unmasking reads the ledger and the history again, unmasked (the server logs the view).
  const unmaskedHistory = page.waitForResponse(
    (r) => r.url().includes(`/audit/applications/${caseId}/history?unmasked=true`) && r.status() === 200,
  );
  await page.getByRole('switch').click();
  const body = (await (await unmaskedHistory).json()) as { unmasked: boolean };
  expect(body.unmasked).toBe(true);
  await expect(page.getByRole('switch')).toBeChecked();

  // 年度数据: the figures of this year and their CSV.
  await page.getByRole('link', { name: '年度数据' }).first().click();
  const year = new Date().getFullYear();
  await expect(page.getByRole('heading', { name: `${year} 年度数据` })).toBeVisible();
  await expect(page.getByTestId('annual-totals')).toContainText('案件数');
  await expect(page.getByTestId('month-bars')).toBeVisible();
  await checkpoint(page, '27-annual-figures-desktop');
  const annual = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载 CSV' }).click();
  const annualFile = await annual;
  expect(annualFile.suggestedFilename()).toBe(`aidflow-annual-figures-${year}.csv`);
  const annualCsv = readFileSync(await annualFile.path(), 'utf8');
  expect(annualCsv.split(/\r?\n/)[0].split(',').length).toBeGreaterThan(2);
  await context.close();
});

test('the case page on a 390 px phone: the three views in tabs; in English no Chinese is left but the data', async ({
  browser,
}) => {
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  await page.goto(`/app/audit/cases/${caseId}`);
  await login(page, 'auditor1');
  await expect(page.getByRole('tab', { name: '案件现状' })).toBeVisible();
  await page.getByRole('tab', { name: '决策账本' }).click();
  await expect(page.getByTestId('ledger-entry').first()).toBeVisible();
  await checkpoint(page, '28-audit-case-phone');

  await page.getByLabel('语言').click();
  await page.getByTitle('English').click();
  await expect(page.getByRole('tab', { name: 'Decision ledger' })).toBeVisible();
  await expect(page.getByTitle('中文')).toBeHidden();
  await page.getByRole('link', { name: 'Annual figures' }).first().click();
  await expect(page.getByRole('heading', { name: /^Annual figures \d{4}$/ })).toBeVisible();
  const figures = await call<{ byDistrict: Array<{ name: string }>; campaigns: Array<{ name: string }> }>(
    'auditor1',
    'GET',
    `/audit/annual-figures?year=${new Date().getFullYear()}`,
  );
  // The data: the user's name, the unions' and campaigns' names.
  const data = ['陈审计', ...figures.body.byDistrict.map((d) => d.name), ...figures.body.campaigns.map((c) => c.name)]
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
  let text = await page.locator('body').innerText();
  for (const d of data) text = text.split(d).join('');
  expect(text.split('\n').filter((line) => /[\u4e00-\u9fff]/.test(line))).toEqual([]);
  await checkpoint(page, '29-annual-figures-english-phone');
  await context.close();
});

test('an administrator sees the console masked only; an unknown case shows the API refusal, not a blank page', async ({
  browser,
}) => {
  const context = await newContext(browser, DESKTOP);
  const page = await context.newPage();
  await page.goto(`/app/audit/cases/${caseId}`);
  await login(page, 'admin1');
  await expect(page.getByTestId('ledger-entry').first()).toBeVisible();
  await expect(page.getByRole('switch')).toBeDisabled();
  await expect(page.getByTestId('unmask-note')).toHaveText('只有审计人员可以查看未脱敏信息。');

  await page.goto('/app/audit/cases/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('alert').filter({ hasText: '出错了' }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: '重试' }).first()).toBeVisible();
  await context.close();
});
