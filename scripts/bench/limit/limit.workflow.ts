import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type * as activities from './limit.activities';
import { limitDecide } from './limit.messages';
import type { LimitDecision } from './limit.messages';

/**
 * The limit: the product's approval flow with nothing of aidflow in it. One workflow per case, three Updates (one
 * per level, validated: a decision for another level is refused), one activity per level inside the Update, the
 * Update answered once its activity is done. Bundled on its own; imports values only from @temporalio/workflow.
 */
const { recordDecision } = proxyActivities<typeof activities>({ startToCloseTimeout: '1 minute' });

export async function limitCase(input: { caseId: string; levels: number }): Promise<{ decisions: number }> {
  let level = 1;
  let busy = false;
  setHandler(
    limitDecide,
    async (decision: LimitDecision) => {
      busy = true;
      try {
        const recorded = await recordDecision({ caseId: input.caseId, level: decision.level });
        level++;
        return recorded;
      } finally {
        busy = false;
      }
    },
    {
      validator: (decision: LimitDecision) => {
        if (busy || decision.level !== level) throw new Error(`Level ${level} is open, not ${decision.level}`);
      },
    },
  );
  await condition(() => level > input.levels);
  await condition(allHandlersFinished);
  return { decisions: level - 1 };
}
