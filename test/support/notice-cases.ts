import { randomUUID } from 'node:crypto';
import { ApplicationsService } from '../../libs/applications/src';
import { ProgramsService } from '../../libs/programs/src';
import { ApplicationWorkflowClient, applicationWorkflowId } from '../../libs/temporal/src';
import type { RouteLevel, SlaDuration } from '@aidflow/policy';
import type { ApplicationWorkflowInput } from '@aidflow/workflows/types';
import { ELIGIBLE_HARDSHIP } from './hardship-commands';
import { eventually } from './test-stack';
import type { TestStack } from './test-stack';

/** The national id the cases of these helpers carry: it must never show unmasked in a public list. */
export const NOTICE_NATIONAL_ID = '110101199003071234';

/** One real submission per stack, whose stored case, pinned standard and route the notice cases copy. */
const templates = new WeakMap<TestStack, Promise<Template>>();

interface Template {
  baseId: string;
  input: Omit<ApplicationWorkflowInput, 'applicationId' | 'notice' | 'submittedAt'>;
}

async function template(stack: TestStack): Promise<Template> {
  let found = templates.get(stack);
  if (!found) {
    found = (async () => {
      const applicant = await stack.principal('applicant1');
      const service = stack.services.get(ApplicationsService);
      const { application } = await service.submitHardship(
        applicant,
        ELIGIBLE_HARDSHIP,
        `notice-template-${randomUUID()}`,
      );
      const [{ route }] = await eventually(async () => {
        const rows = await stack.sql<{ route: RouteLevel[] }>(
          `SELECT payload->'route' AS route FROM ledger_entries WHERE application_id = $1 AND kind = 'submitted'`,
          [application.id],
        );
        return rows.length ? rows : undefined;
      }, 'the submitted ledger entry with the route');
      const standard = await stack.services
        .get(ProgramsService)
        .pinnedStandard(application.programCode, application.standardId);
      return {
        baseId: application.id,
        input: {
          programCode: application.programCode,
          applicantUserId: application.applicantUserId,
          orgUnitId: application.orgUnitId,
          category: application.category,
          requestedAmountFen: application.requestedAmountFen,
          facts: application.facts,
          standard,
          // The grassroots level only: the notice comes after the last level, whichever it is.
          route: route.slice(0, 1),
          budgetYear: application.budgetYear,
        },
      };
    })();
    templates.set(stack, found);
  }
  return found;
}

/**
 * Stores a copy of the template case (with a national id) and starts its workflow: a public notice of `window`
 * reviewed by `reviewers` (usernames; the city approver unless told) unless `window` is null, and the template's one
 * level as `shapeRoute` leaves it (an SLA, say). Resolves once level 1 has its open task.
 */
export async function startTemplateCase(
  stack: TestStack,
  options: {
    window?: SlaDuration | null;
    reviewers?: string[];
    shapeRoute?: (route: RouteLevel[]) => RouteLevel[];
  } = {},
): Promise<{ id: string; input: Template['input'] }> {
  const { window = { seconds: 4 }, reviewers = ['approver-city'], shapeRoute = (r) => r } = options;
  const template_ = await template(stack);
  const { baseId } = template_;
  const input = { ...template_.input, route: shapeRoute(template_.input.route) };
  const id = randomUUID();
  await stack.sql(
    `INSERT INTO applications
     SELECT (jsonb_populate_record(a, $2::jsonb)).* FROM applications a WHERE a.id = $1`,
    [
      baseId,
      JSON.stringify({
        id,
        idempotency_key: `notice-${id}`,
        workflow_id: applicationWorkflowId(id),
        business_key: null,
        national_id: NOTICE_NATIONAL_ID,
        status: 'submitted',
        current_level: null,
        outcome_reason: null,
        granted_amount_fen: null,
      }),
    ],
  );
  const reviewerIds = await Promise.all(reviewers.map(async (username) => (await stack.principal(username)).userId));
  await stack.services.get(ApplicationWorkflowClient).start({
    ...input,
    applicationId: id,
    submittedAt: new Date().toISOString(),
    notice: window === null ? null : { window, reviewerIds },
  });
  await eventually(async () => {
    const rows = await stack.sql(
      `SELECT 1 FROM approval_tasks WHERE application_id = $1 AND level = 1 AND status = 'open'`,
      [id],
    );
    return rows.length ? true : undefined;
  }, 'the open task at level 1');
  return { id, input };
}

/**
 * A template case (`startTemplateCase`) with a public notice of `window` reviewed by `reviewers`; approves its one
 * level; resolves once the notice is open.
 */
export async function startNoticeCase(
  stack: TestStack,
  window: SlaDuration = { seconds: 4 },
  reviewers: string[] = ['approver-city'],
): Promise<string> {
  const { id, input } = await startTemplateCase(stack, { window, reviewers });
  const client = stack.services.get(ApplicationWorkflowClient);
  const approver = input.route[0].approverIds[0];
  const [{ display_name }] = await stack.sql<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [
    approver,
  ]);
  await client.decide(id, { actorId: approver, actorName: display_name, decision: 'approve', comment: 'ok' });
  await eventually(async () => {
    const rows = await stack.sql(`SELECT 1 FROM public_notices WHERE application_id = $1`, [id]);
    return rows.length ? true : undefined;
  }, 'the public notice to open');
  return id;
}
