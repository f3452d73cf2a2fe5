import { forbidden, ok, unauthenticated } from '../../support/access-table';
import type { CaseEndpoint, Expect } from '../../support/access-table';

/**
 * Rows of the access table (test/e2e/access-table.e2e.test.ts) about what is on record for one application: its
 * attachments, the audit's re-derivation and replay, objections in a public notice and their review, the usage report,
 * and the owner's in-app notice of the case.
 */

/** The shared cases are not in a public notice (the test seeds have no notice window). */
const notInNotice: Expect = { status: 409, code: 'NOT_IN_PUBLIC_NOTICE' };
/** Without a notice a case names no objection reviewers: only administrators pass the workflow's reviewer check. */
const notReviewer: Expect = { status: 403, code: 'NOT_OBJECTION_REVIEWER' };
/** A hardship case has no usage report (only union subsidies have one). */
const noUsageReport: Expect = { status: 404, code: 'NOT_FOUND' };
const usageReportInvalid: Expect = { status: 422, code: 'USAGE_REPORT_INVALID' };

/** The runner runs these for the East case and for the West case. */
export const CASE_RECORD_ENDPOINTS: CaseEndpoint[] = [
  {
    route: 'POST /applications/:id/attachments',
    mutating: true,
    upload: true,
    expect: {
      owner: { status: 201, fresh: 'pending' },
      otherApplicant: forbidden,
      grassroots: { status: 201, fresh: 'pending' },
      district: { status: 201, fresh: 'pending' },
      city: { status: 201, fresh: 'pending' },
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: forbidden,
      admin: { status: 201, fresh: 'pending' },
      anonymous: unauthenticated,
    },
  },
  {
    route: 'GET /applications/:id/attachments',
    mutating: false,
    expect: {
      owner: ok,
      otherApplicant: forbidden,
      grassroots: ok,
      district: ok,
      city: ok,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: ok,
      admin: ok,
      anonymous: unauthenticated,
    },
  },
  {
    route: 'GET /applications/:id/attachments/:attachmentId',
    mutating: false,
    path: ({ id, attachmentId }) => `/applications/${id}/attachments/${attachmentId}`,
    expect: {
      owner: ok,
      otherApplicant: forbidden,
      grassroots: ok,
      district: ok,
      city: ok,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: ok,
      admin: ok,
      anonymous: unauthenticated,
    },
  },
  {
    route: 'GET /audit/applications/:id/rederivation',
    mutating: false,
    expect: {
      owner: forbidden,
      otherApplicant: forbidden,
      grassroots: forbidden,
      district: forbidden,
      city: forbidden,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: ok,
      admin: ok,
      anonymous: unauthenticated,
    },
  },
  {
    // The auditor console's record views: auditors and administrators (masked; unmasking is for auditors).
    route: 'GET /audit/applications/:id/ledger',
    mutating: false,
    expect: {
      owner: forbidden,
      otherApplicant: forbidden,
      grassroots: forbidden,
      district: forbidden,
      city: forbidden,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: ok,
      admin: ok,
      anonymous: unauthenticated,
    },
  },
  {
    // The auditor console's record views: auditors and administrators (masked; unmasking is for auditors).
    route: 'GET /audit/applications/:id/history',
    mutating: false,
    expect: {
      owner: forbidden,
      otherApplicant: forbidden,
      grassroots: forbidden,
      district: forbidden,
      city: forbidden,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: ok,
      admin: ok,
      anonymous: unauthenticated,
    },
  },
  {
    // Allowed for auditors and admins; a running case has no archived history yet, hence 404.
    route: 'POST /audit/applications/:id/replay',
    mutating: false,
    expect: {
      owner: forbidden,
      otherApplicant: forbidden,
      grassroots: forbidden,
      district: forbidden,
      city: forbidden,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: { status: 404, code: 'NOT_FOUND' },
      admin: { status: 404, code: 'NOT_FOUND' },
      anonymous: unauthenticated,
    },
  },
  {
    // Objections are open to any signed-in user but auditors, whatever the branch (公示 is public). The service
    // refuses a case outside its notice before the workflow checks who objects, so the owner gets 409 too.
    route: 'POST /public-notices/:id/objections',
    mutating: true,
    path: ({ id }) => `/public-notices/${id}/objections`,
    body: () => ({ reason: '申请人家庭名下有商铺出租收入，未如实申报' }),
    expect: {
      owner: notInNotice,
      otherApplicant: notInNotice,
      grassroots: notInNotice,
      district: notInNotice,
      city: notInNotice,
      otherGrassroots: notInNotice,
      otherDistrict: notInNotice,
      auditor: forbidden,
      admin: notInNotice,
      anonymous: unauthenticated,
    },
  },
  {
    // Approvers and admins pass the route's guard; the workflow's validator then checks the reviewer (none is named
    // without a notice, so every approver is refused), and the administrator finds nothing under review.
    route: 'POST /applications/:id/objection-review',
    mutating: true,
    body: () => ({ outcome: 'dismiss', comment: '经核查，异议不成立' }),
    expect: {
      owner: forbidden,
      otherApplicant: forbidden,
      grassroots: notReviewer,
      district: notReviewer,
      city: notReviewer,
      otherGrassroots: notReviewer,
      otherDistrict: notReviewer,
      auditor: forbidden,
      admin: { status: 409, code: 'NO_OPEN_OBJECTION' },
      anonymous: unauthenticated,
    },
  },
  {
    // Its applicant, its branch's approvers, auditors and admins may read it; a hardship case has none (404).
    route: 'GET /applications/:id/usage-report',
    mutating: false,
    expect: {
      owner: noUsageReport,
      otherApplicant: forbidden,
      grassroots: noUsageReport,
      district: noUsageReport,
      city: noUsageReport,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: noUsageReport,
      admin: noUsageReport,
      anonymous: unauthenticated,
    },
  },
  {
    // Only whoever filed the case (or an admin) reports its usage; a hardship case is not a union subsidy (422).
    route: 'POST /applications/:id/usage-report',
    mutating: true,
    body: () => ({ items: [{ purpose: '职工书屋图书', amount: 100 }] }),
    expect: {
      owner: usageReportInvalid,
      otherApplicant: forbidden,
      grassroots: forbidden,
      district: forbidden,
      city: forbidden,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: forbidden,
      admin: usageReportInvalid,
      anonymous: unauthenticated,
    },
  },
  {
    // The inbox is personal: the owner's notice of the case is nobody else's to read (404, not 403: no oracle).
    route: "POST /me/notifications/:id/read (the owner's notice)",
    mutating: false,
    path: ({ noticeId }) => `/me/notifications/${noticeId}/read`,
    expect: {
      owner: ok,
      otherApplicant: { status: 404, code: 'NOTIFICATION_NOT_FOUND' },
      grassroots: { status: 404, code: 'NOTIFICATION_NOT_FOUND' },
      district: { status: 404, code: 'NOTIFICATION_NOT_FOUND' },
      city: { status: 404, code: 'NOTIFICATION_NOT_FOUND' },
      otherGrassroots: { status: 404, code: 'NOTIFICATION_NOT_FOUND' },
      otherDistrict: { status: 404, code: 'NOTIFICATION_NOT_FOUND' },
      auditor: { status: 404, code: 'NOTIFICATION_NOT_FOUND' },
      admin: { status: 404, code: 'NOTIFICATION_NOT_FOUND' },
      anonymous: unauthenticated,
    },
  },
];
