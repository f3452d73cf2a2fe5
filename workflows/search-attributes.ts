import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Search attributes the product registers on every Temporal server it starts. Business keys only: never a name,
 * national id, bank account or diagnosis.
 */
export const AID_PROGRAM = defineSearchAttributeKey('AidProgram', SearchAttributeType.KEYWORD);
export const AID_STATUS = defineSearchAttributeKey('AidStatus', SearchAttributeType.KEYWORD);
export const AID_ORG_UNIT = defineSearchAttributeKey('AidOrgUnit', SearchAttributeType.KEYWORD);
export const AID_LEVEL = defineSearchAttributeKey('AidLevel', SearchAttributeType.INT);
