import { expect, test } from '@playwright/test';
import { checkpoint, DESKTOP, login, newContext, PHONE, SMALL_PDF } from './helpers';

/**
 * The first slice of the web app on the real stack: an applicant on a 390 px phone files hardship aid with a document
 * attached and follows it; the session, revoked on the server, returns to login and back; three approvers (levels 1
 * and 3 on a desktop, level 2 on a phone) approve it from their inbox; the case ends on public notice. axe-core checks every screen visited, and
 * each one is saved to docs/screenshots/.
 */
test.describe.configure({ mode: 'serial' });

let caseUrl = '';

test('an applicant files hardship aid on a phone with a document attached', async ({ browser }) => {
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();

  await page.goto('/');
  await expect(page).toHaveURL(/\/app\/login\?next=%2Fapp/);
  await expect(page.getByRole('heading', { name: '职工帮扶审批' })).toBeVisible();
  await checkpoint(page, '01-login-phone');
  await login(page, 'applicant1');

  await expect(page.getByRole('heading', { name: '帮扶项目' })).toBeVisible();
  await expect(page.getByTestId('program-hardship-aid')).toBeVisible();
  await checkpoint(page, '02-applicant-home-phone');

  await page.getByRole('link', { name: '申请 困难职工帮扶' }).click();
  await expect(page.getByRole('heading', { name: /申请：困难职工帮扶/ })).toBeVisible();
  await page.getByLabel('家庭人口').fill('3');
  await page.getByLabel('家庭年可支配收入').fill('24000');
  await page.getByLabel('刚性支出').fill('6000');
  await page.getByLabel('申请金额').fill('5000');
  const preview = page.getByTestId('preview');
  await expect(preview.getByText('符合条件', { exact: true })).toBeVisible();
  await expect(preview.getByText('深度困难', { exact: true })).toBeVisible();
  await expect(preview.getByText(/预计可领 5,000 元/)).toBeVisible();

  // A file of the wrong type is refused before anything is sent; the PDF is kept.
  const fileInput = page.locator('input[type=file]');
  await fileInput.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a pdf') });
  await expect(page.getByRole('alert').filter({ hasText: 'notes.txt 不是 PDF、JPG 或 PNG 文件' })).toBeVisible();
  await fileInput.setInputFiles({ name: '收入证明.pdf', mimeType: 'application/pdf', buffer: SMALL_PDF });
  await expect(page.getByText('收入证明.pdf')).toBeVisible();
  await checkpoint(page, '03-apply-form-phone');

  await page.getByRole('button', { name: '提交申请' }).dblclick(); // one Idempotency-Key: still one case
  await expect(page).toHaveURL(/\/app\/applications\/[0-9a-f-]{36}$/);
  caseUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId('case-status')).toHaveText('审批中');
  await expect(page.getByTestId('attachments').getByText('收入证明.pdf')).toBeVisible();
  await expect(page.getByText('基层工会').first()).toBeVisible();
  await checkpoint(page, '04-case-page-phone');

  await page.getByRole('link', { name: '我的申请' }).first().click();
  // approver-inbox.pw.ts files (and in the end withdraws) applicant1's cases too: this one is the open one.
  const open = page.getByTestId('my-application').filter({ hasText: '审批中' });
  await expect(open).toHaveCount(1);
  await checkpoint(page, '05-my-applications-phone');

  // The token is revoked on the server: the next call answers 401, the app returns to login, then back here.
  await page.evaluate(async () => {
    const storage = (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage;
    const { accessToken } = JSON.parse(storage.getItem('aidflow.session')!) as { accessToken: string };
    await fetch('/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${accessToken}` } });
  });
  await page.reload();
  await expect(page).toHaveURL(/\/app\/login\?next=%2Fapp%2Fapplications$/);
  await expect(page.getByText('登录已过期，请重新登录')).toBeVisible();
  await login(page, 'applicant1');
  await expect(page).toHaveURL(/\/app\/applications$/);
  await expect(open).toHaveCount(1);
  await context.close();
});

for (const [index, approver] of ['approver-g-east-1', 'approver-d-east', 'approver-city'].entries()) {
  test(`level ${index + 1} (${approver}) approves it from the inbox`, async ({ browser }) => {
    test.skip(!caseUrl, 'needs the case filed above');
    // Level 2 decides on a phone, the others on a desktop.
    const phone = index === 1;
    const context = await newContext(browser, phone ? PHONE : DESKTOP);
    const page = await context.newPage();
    await page.goto('/app');
    await login(page, approver);
    await expect(page.getByRole('tab', { name: /待我审批/ })).toBeVisible();
    const card = page.getByTestId('task-card').filter({ hasText: '生活救助' });
    await expect(card).toHaveCount(1);
    await expect(page.getByTestId('todo-count')).toContainText(/[1-9]/);
    if (index < 2) await checkpoint(page, phone ? '10-approver-inbox-phone' : '06-approver-inbox-desktop');
    await card.click();
    await expect(page.getByText('审批意见', { exact: true })).toBeVisible();
    await expect(page.getByTestId('attachments').getByText('收入证明.pdf')).toBeVisible();
    await expect(page.getByTestId('facts').getByText('家庭人口')).toBeVisible();
    if (index < 2) await checkpoint(page, phone ? '11-approver-task-phone' : '07-approver-task-desktop');
    // A rejection needs a reason: the form says so before anything is sent.
    await page.getByText('驳回', { exact: true }).first().click();
    await page.getByRole('button', { name: '驳回' }).click();
    await expect(page.getByText('请填写理由')).toBeVisible();
    await page.getByText('同意', { exact: true }).first().click();
    await page.getByLabel('意见').fill('家访属实，同意');
    await page.getByRole('button', { name: '同意' }).click();
    await expect(page).toHaveURL(/\/app\/inbox$/);
    await expect(page.getByTestId('task-card').filter({ hasText: '生活救助' })).toHaveCount(0);
    await context.close();
  });
}

test('the applicant sees the case approved and on public notice, on a phone', async ({ browser }) => {
  test.skip(!caseUrl, 'needs the case filed above');
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  await page.goto(caseUrl);
  await login(page, 'applicant1');
  await expect(page.getByTestId('case-status')).toHaveText('公示中');
  await expect(page.getByText('家访属实，同意')).toHaveCount(3);
  await checkpoint(page, '08-case-in-notice-phone');
  await context.close();
});

test('the language switch turns every visible string to English and is remembered', async ({ browser }) => {
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  await page.goto('/app/login');
  await page.getByLabel('语言').click();
  await page.getByTitle('English').click();
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  await page.getByLabel('Username').fill('applicant1');
  await page.getByLabel('Password').fill('aidflow-demo');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Aid programs' })).toBeVisible();
  // The user's name comes from the data; every other string on the screen must be English.
  const name = await page.evaluate(() => {
    const storage = (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage;
    return (JSON.parse(storage.getItem('aidflow.session')!) as { user: { displayName: string } }).user.displayName;
  });
  const text = (await page.locator('body').innerText()).split(name).join('');
  const chinese = text.split('\n').filter((line) => /[\u4e00-\u9fff]/.test(line));
  expect(chinese).toEqual([]);
  await checkpoint(page, '09-applicant-home-english-phone');
  await context.close();
});
