import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { allowManyHardshipCases, call, checkpoint, DESKTOP, login, newContext, PHONE } from './helpers';

/**
 * Issue 12's approver inbox on the real stack: twenty hardship cases filed through the API wait for
 * approver-g-east-1 in 待我审批 (filtered by amount in the URL, the working-day deadline on each row, soonest deadline
 * first); the applicant withdraws one after it was selected, so the bulk approval of all twenty answers 19 approved and
 * 1 refused with its reason; 我已审批's count goes up by 19. On the task page: a return to the applicant (reason
 * required), a transfer and a 加签 through the user picker, a copy (抄送) that reaches the other approver's tab.
 */
test.describe.configure({ mode: 'serial' });

const APPROVER = 'approver-g-east-1';
/** Amounts of the twenty bulk cases (1001 ... 1020 CNY) and of the cases each verb is tried on. */
const BULK_FROM = 1001;
const BULK_COUNT = 20;
const SINGLE = { return: 3001, transfer: 3002, addApprover: 3003 } as const;

interface Counts {
  todo: number;
  decided: number;
  copied: number;
  mine: number;
}
interface TaskRow {
  applicationId: string;
  requestedAmount: number;
}

const run = `${Date.now().toString(36)}`;
async function file(amount: number): Promise<string> {
  const res = await call<{ id: string }>(
    'applicant1',
    'POST',
    '/applications',
    {
      program: 'hardship-aid',
      category: 'living',
      requestedAmount: amount,
      household: { householdSize: 3, annualIncome: 24000, unavoidableCosts: 6000 },
    },
    { 'Idempotency-Key': `approver-inbox-${run}-${amount}` },
  );
  expect(res.status, `filing ${amount}`).toBe(201);
  return res.body.id;
}

const counts = async (username = APPROVER) => (await call<Counts>(username, 'GET', '/tasks/counts')).body;
const yuan = (amount: number) => amount.toLocaleString('zh-CN');

const bulkIds: string[] = [];
const single: Record<keyof typeof SINGLE, string> = { return: '', transfer: '', addApprover: '' };
/** Cases filed during the tests. */
const later: string[] = [];

test.beforeAll(async () => {
  await allowManyHardshipCases(run);
  for (let i = 0; i < BULK_COUNT; i++) bulkIds.push(await file(BULK_FROM + i));
  for (const key of Object.keys(SINGLE) as Array<keyof typeof SINGLE>) single[key] = await file(SINGLE[key]);
  // Level 1 opens a moment after each submission (the workflow writes the task).
  const all = [...bulkIds, ...Object.values(single)];
  await expect
    .poll(
      async () => {
        const open = (await call<TaskRow[]>(APPROVER, 'GET', '/tasks')).body.map((t) => t.applicationId);
        return all.filter((id) => !open.includes(id)).length;
      },
      { timeout: 120_000, message: 'level 1 tasks of the filed cases' },
    )
    .toBe(0);
});

test.afterAll(async () => {
  // The cases leave every inbox (withdrawn by the applicant), so the other browser tests see only their own.
  for (const id of [...bulkIds, ...Object.values(single), ...later]) {
    await call('applicant1', 'POST', `/applications/${id}/withdraw`, { comment: 'browser test done' });
  }
});

async function openInbox(page: Page) {
  await page.goto('/app');
  await login(page, APPROVER);
  await expect(page.getByRole('tab', { name: /待我审批/ })).toBeVisible();
}

test('bulk approval of twenty selected cases: 19 approved, 1 refused with its reason; the tab counts follow', async ({
  browser,
}) => {
  const before = await counts();
  const context = await newContext(browser, DESKTOP);
  const page = await context.newPage();
  await openInbox(page);
  await expect(page.getByTestId('todo-count')).toHaveText(String(before.todo));

  // The amount range is kept in the URL and narrows the list to the twenty.
  await page.getByLabel('最低金额').fill(String(BULK_FROM));
  await page.getByLabel('最低金额').press('Enter');
  await page.getByLabel('最高金额').fill(String(BULK_FROM + BULK_COUNT - 1));
  await page.getByLabel('最高金额').press('Enter');
  await expect(page).toHaveURL(/[?&]min=1001(&|$)/);
  await expect(page).toHaveURL(/[?&]max=1020(&|$)/);
  const cards = page.getByTestId('task-card');
  await expect(cards).toHaveCount(BULK_COUNT);
  // Sorted as the API sorts (soonest deadline first), each row with its working-day countdown.
  const api = (await call<TaskRow[]>(APPROVER, 'GET', '/tasks?minAmount=1001&maxAmount=1020')).body;
  const shown = await cards.allTextContents();
  expect(shown.map((text) => api.findIndex((r) => text.includes(`${yuan(r.requestedAmount)} 元`)))).toEqual(
    api.map((_, i) => i),
  );
  await expect(cards.first().getByTestId('deadline')).toHaveText(/^(剩 \d+ 个工作日|今天到期)$/);
  // A reload keeps the filters.
  await page.reload();
  await expect(cards).toHaveCount(BULK_COUNT);

  await page.getByText('全选本页').click();
  await expect(page.getByTestId('selected-count')).toHaveText(`已选 ${BULK_COUNT} 件`);
  await checkpoint(page, '12-approver-inbox-selected-desktop');

  // The applicant withdraws one of them after it was selected: that item is refused, the others go through.
  const withdrawn = bulkIds[BULK_COUNT - 1];
  const w = await call<{ status: string }>('applicant1', 'POST', `/applications/${withdrawn}/withdraw`, {
    comment: '已获得其他帮助',
  });
  expect(w.body.status).toBe('withdrawn');

  await page.getByRole('button', { name: '批量同意' }).click();
  const dialog = page.getByRole('dialog', { name: `批量同意 ${BULK_COUNT} 件` });
  await dialog.getByLabel('意见（选填）').fill('家访属实，同意');
  await dialog.getByRole('button', { name: '确认同意' }).click();
  const results = page.getByTestId('bulk-results');
  await expect(results.getByTestId('bulk-summary')).toHaveText('19 件已同意，1 件未通过');
  await expect(results.getByTestId('bulk-approved')).toHaveCount(19);
  const refused = results.getByTestId('bulk-refused');
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText('未通过');
  await expect(refused).toContainText('1,020');
  await expect(refused).toContainText('APPLICATION_CLOSED');
  await checkpoint(page, '13-approver-bulk-results-desktop');

  // The approved ones left 待我审批; 我已审批 went up by 19.
  await expect(cards).toHaveCount(0);
  await expect(page.getByTestId('decided-count')).toHaveText(String(before.decided + 19));
  await expect(page.getByTestId('todo-count')).toHaveText(String(before.todo - BULK_COUNT));
  await page.getByRole('tab', { name: /我已审批/ }).click();
  await expect(page).toHaveURL(/[?&]tab=decided/);
  await expect(page.getByTestId('decided-card')).toHaveCount(19);
  await expect(page.getByTestId('decided-card').first()).toContainText('审批中');
  const after = await counts();
  expect(after.decided).toBe(before.decided + 19);
  await context.close();
});

test('the inbox on a 390 px phone: a new case appears without a reload, the overdue switch in the URL, English', async ({
  browser,
}) => {
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  await openInbox(page);
  await expect(page.getByTestId('task-card').filter({ hasText: '3,001' })).toHaveCount(1);
  // A case filed now appears without a reload (the list and the counts are polled every 15 s).
  const todoBefore = (await counts()).todo;
  later.push(await file(3004));
  await expect(page.getByTestId('task-card').filter({ hasText: '3,004' })).toHaveCount(1, { timeout: 60_000 });
  await expect(page.getByTestId('todo-count')).toHaveText(String(todoBefore + 1));
  await checkpoint(page, '14-approver-inbox-phone');
  await page.getByRole('switch').click();
  await expect(page).toHaveURL(/[?&]overdue=true/);
  await expect(page.getByText('没有待审批的事项')).toBeVisible();
  await page.getByRole('tab', { name: /我已审批/ }).click();
  await expect(page.getByTestId('decided-card').first()).toBeVisible();
  await checkpoint(page, '15-approver-decided-phone');

  // In English no Chinese is left but the data: the user's name, the unions' names and the masked applicants.
  await page.getByRole('tab', { name: /待我审批/ }).click();
  await page.getByRole('switch').click();
  await page.getByLabel('语言').click();
  await page.getByTitle('English').click();
  await expect(page.getByRole('tab', { name: /Waiting for me/ })).toBeVisible();
  await expect(page.getByTitle('中文')).toBeHidden(); // the language menu has closed
  await expect(page.getByTestId('deadline').first()).toHaveText(/^(\d+ working days? left|Due today)$/);
  const data = [
    '赵敏',
    ...(await call<Array<{ name: string }>>(APPROVER, 'GET', '/tasks/branches')).body.map((b) => b.name),
    ...(await call<Array<{ applicant: string | null }>>(APPROVER, 'GET', '/tasks')).body.map((r) => r.applicant ?? ''),
  ]
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
  let text = await page.locator('body').innerText();
  for (const d of data) text = text.split(d).join('');
  expect(text.split('\n').filter((line) => /[\u4e00-\u9fff]/.test(line))).toEqual([]);
  await checkpoint(page, '22-approver-inbox-english-phone');
  await context.close();
});

test('a return to the applicant needs a reason; the applicant resubmits and level 1 sees round 2', async ({
  browser,
}) => {
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  await page.goto(`/app/tasks/${single.return}`);
  await login(page, APPROVER);
  const form = page.getByTestId('verb-form');
  await expect(form).toBeVisible();
  await form.getByText('退回', { exact: true }).first().click();
  await expect(form.getByLabel('退回给')).toBeVisible();
  await form.getByRole('button', { name: '退回' }).click();
  await expect(form.getByText('请填写理由')).toBeVisible();
  await form.getByLabel('退回原因').fill('请补充收入证明');
  await checkpoint(page, '16-task-return-form-phone');
  await form.getByRole('button', { name: '退回' }).click();
  await expect(page).toHaveURL(/\/app\/inbox$/);
  await expect(page.getByTestId('task-card').filter({ hasText: '3,001' })).toHaveCount(0);
  await context.close();

  const applicant = await newContext(browser, PHONE);
  const mine = await applicant.newPage();
  await mine.goto(`/app/applications/${single.return}`);
  await login(mine, 'applicant1');
  await expect(mine.getByTestId('case-status')).toHaveText('已退回');
  await expect(mine.getByText('请补充收入证明', { exact: true })).toBeVisible();
  // The applicant resubmits from the case page (the form keeps the facts as filed); level 1 decides again.
  const resubmit = mine.getByTestId('resubmit-form');
  await expect(resubmit.getByText('退回原因：请补充收入证明')).toBeVisible();
  await expect(resubmit.getByLabel('家庭人口')).toHaveValue('3');
  await resubmit.getByLabel('补充说明（选填）').fill('已补充收入证明');
  await checkpoint(mine, '21-case-resubmit-phone');
  await resubmit.getByRole('button', { name: '重新提交' }).click();
  await expect(mine.getByTestId('case-status')).toHaveText('审批中');
  await expect(mine.getByTestId('resubmit-form')).toHaveCount(0);
  await applicant.close();

  const again = await newContext(browser, PHONE);
  const inbox = await again.newPage();
  await openInbox(inbox);
  await expect(inbox.getByTestId('task-card').filter({ hasText: '3,001' })).toContainText('第 2 轮');
  await again.close();
});

test('a transfer through the user picker hands the task to the district approver', async ({ browser }) => {
  const context = await newContext(browser, DESKTOP);
  const page = await context.newPage();
  await page.goto(`/app/tasks/${single.transfer}`);
  await login(page, APPROVER);
  const form = page.getByTestId('verb-form');
  await form.getByText('转交', { exact: true }).first().click();
  // The picker is required, and offers the approvers of the case's branch (never the caller).
  await form.getByRole('button', { name: '转交' }).click();
  await expect(form.getByText('请选择人员')).toBeVisible();
  await form.getByLabel('转交给').click();
  await expect(page.getByTitle(/^赵敏/)).toHaveCount(0);
  await page.getByTitle(/^吴刚 · /).click();
  await form.getByLabel('附言（选填）').fill('出差，转交同事办理');
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await checkpoint(page, '17-task-transfer-desktop');
  await form.getByRole('button', { name: '转交' }).click();
  await expect(page).toHaveURL(/\/app\/inbox$/);
  await expect(page.getByTestId('task-card').filter({ hasText: '3,002' })).toHaveCount(0);
  await context.close();

  const district = await newContext(browser, DESKTOP);
  const other = await district.newPage();
  await other.goto('/app');
  await login(other, 'approver-d-east');
  await other.getByTestId('task-card').filter({ hasText: '3,002' }).click();
  await expect(other.getByTestId('verb-form')).toBeVisible();
  await expect(other.getByText('出差，转交同事办理')).toBeVisible();
  await district.close();
});

test('加签: a refusal shows next to the picker, 后加签 keeps the task here; a copy (抄送) reaches the other approver; a comment', async ({
  browser,
}) => {
  const cityBefore = await counts('approver-city');
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  await page.goto(`/app/tasks/${single.addApprover}`);
  await login(page, APPROVER);
  const form = page.getByTestId('verb-form');

  // 前加签 吴刚 is refused by the workflow when he was added meanwhile (here through the API): the API's reason shows
  // next to the picker and the note typed stays.
  await form.getByText('加签', { exact: true }).first().click();
  await form.getByLabel('加签人').click();
  await page.getByTitle(/^吴刚 · /).click();
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await form.getByLabel('附言（选填）').fill('请区工会先核对');
  const added = await call(APPROVER, 'POST', `/applications/${single.addApprover}/approvers`, {
    username: 'approver-d-east',
    position: 'after',
  });
  expect(added.status).toBe(200);
  await form.getByRole('button', { name: '前加签' }).click();
  await expect(form.locator('#username_help')).toContainText('already approves at this level');
  await expect(form.getByLabel('附言（选填）')).toHaveValue('请区工会先核对');
  await checkpoint(page, '18-task-add-approver-phone');

  // 后加签 冯涛: the task stays with the caller, and so does the page.
  await form.getByText('后加签（您审批后再由对方审批）').click();
  await form.getByLabel('加签人').click();
  await page.getByTitle(/^冯涛 · /).click();
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await form.getByRole('button', { name: '后加签' }).click();
  await expect(page.getByText('已处理')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/app/tasks/${single.addApprover}$`));
  await expect(form.getByText('加签人')).toBeVisible();

  await form.getByText('抄送', { exact: true }).first().click();
  await form.getByLabel('抄送给').click();
  await page.getByTitle(/^冯涛 · /).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox')).toHaveCount(0); // the picker has closed
  await form.getByLabel('附言（选填）').fill('请知悉');
  await checkpoint(page, '19-task-copy-phone');
  await form.getByRole('button', { name: '抄送' }).click();
  await expect(page.getByText('已处理').first()).toBeVisible();

  // A comment is required; the empty one is stopped in the browser.
  await form.getByText('评论', { exact: true }).first().click();
  await form.getByRole('button', { name: '评论' }).click();
  await expect(form.getByText('请填写评论')).toBeVisible();
  await form.getByLabel('评论内容').fill('家访时间已约定');
  await form.getByRole('button', { name: '评论' }).click();
  await expect(page.getByText('家访时间已约定').last()).toBeVisible();
  await context.close();

  expect((await counts('approver-city')).copied).toBe(cityBefore.copied + 1);
  const city = await newContext(browser, DESKTOP);
  const cityPage = await city.newPage();
  await cityPage.goto('/app/inbox?tab=copied');
  await login(cityPage, 'approver-city');
  await expect(cityPage.getByTestId('copied-count')).toHaveText(String(cityBefore.copied + 1));
  await expect(cityPage.getByTestId('copied-card').filter({ hasText: '3,003' })).toHaveCount(1);
  await checkpoint(cityPage, '20-approver-copied-desktop');
  await city.close();
});
