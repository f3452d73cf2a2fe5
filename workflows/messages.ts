import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ApplicationView, DecisionRequest } from './types';

/** A human decision on the current level. Validated before it is written to history. */
export const decideUpdate = defineUpdate<ApplicationView, [DecisionRequest]>('decide');
export const statusQuery = defineQuery<ApplicationView>('status');
