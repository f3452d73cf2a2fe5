import { defineUpdate } from '@temporalio/workflow';

/** The limit's one Update (a decision for a level), shared by the workflow and the bare client. */
export interface LimitDecision {
  level: number;
  approverId: string;
}

export const limitDecide = defineUpdate<{ level: number; decidedAt: string }, [LimitDecision]>('decide');
