/**
 * Generated from the API’s OpenAPI document by `npm run web:api-types` (scripts/web-api-types.ts).
 * Do not edit: test/web/api-types.test.ts fails when this file is stale.
 */

export interface paths {
  '/applications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A page of cases, newest first: ?mine=true the ones you filed; otherwise every case (auditors, admins)
     * @description Filters: status, program, branch (an org unit and every unit below it), submission dates (from, to) and the requested amount (minAmount, maxAmount, CNY): the auditors' case search. No facts and no personal data in the list; GET /applications/:id has them.
     */
    get: operations['ApplicationsController_list'];
    put?: never;
    /**
     * Submit an application to a program; starts its approval workflow
     * @description Applicants file for themselves; a grassroots union’s level-1 officer files union-subsidy for the union. No double aid: one open or granted case per person / household / union, program and period.
     */
    post: operations['ApplicationsController_submit'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applications/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Status, current level and decision trail of one application; with ?asOf=<ISO time>, the case as it stood then */
    get: operations['ApplicationsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applications/{id}/approvers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** 加签 Add an approver before or after you at the current level */
    post: operations['ApplicationsController_addApprover'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applications/{id}/attachments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The case's attachments (references only), for anyone who may see the case */
    get: operations['AttachmentsController_list'];
    put?: never;
    /**
     * 附件 Attach a file (PDF, JPEG, PNG) to the case: the raw bytes are the body
     * @description Send the file itself as the body with its `Content-Type`. The bytes are stored outside the workflow; the case trail records an `attach` action with the reference (id, name, type, size, SHA-256). For the applicant of the case, its approvers and administrators (not auditors). Refused on a closed case, and then nothing is kept.
     */
    post: operations['AttachmentsController_upload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applications/{id}/attachments/{attachmentId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Download an attachment: its bytes, with the stored Content-Type and a Content-Disposition
     * @description The bytes are re-hashed first; if they no longer match the SHA-256 recorded at upload, nothing is sent.
     */
    get: operations['AttachmentsController_download'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applications/{id}/candidates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Who may receive the case: the user picker of 转交 transfer, 加签 add_approver and 抄送 copy
     * @description Approvers of the case's branch (its union or one above), never its applicant or you; for transfer and add_approver, not who holds the open task either. The workflow's validator still has the last word.
     */
    get: operations['ApplicationsController_candidates'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applications/{id}/comments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** 评论 Add a comment to the trail */
    post: operations['ApplicationsController_comment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applications/{id}/copies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** 抄送 Copy the case to people: read access and a notification */
    post: operations['ApplicationsController_copy'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applications/{id}/decisions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve or reject the current level (a Temporal Update with a validator) */
    post: operations['ApplicationsController_decide'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applications/{id}/objection-review': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** 异议复核 Review the open objections: uphold (rejected, money released) or dismiss (paid); city-level approvers and admins */
    post: operations['PublicNoticesController_review'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applications/{id}/resubmit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** 重新提交 Resubmit a returned case with changed facts; every level decides again */
    post: operations['ApplicationsController_resubmit'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applications/{id}/return': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** 退回 Return the case to the applicant (toLevel 0) or to an earlier level, with a comment */
    post: operations['ApplicationsController_returnCase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applications/{id}/transfer': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** 转交 Hand your task to another approver of the case's branch (the record keeps both) */
    post: operations['ApplicationsController_transfer'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applications/{id}/urge': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** 催办 Remind the current approvers (at most once an hour) */
    post: operations['ApplicationsController_urge'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applications/{id}/usage-report': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The usage report of a union subsidy (its officer, its branch’s approvers, auditors, admins) */
    get: operations['UsageReportsController_get'];
    put?: never;
    /** Report how a grassroots union used an approved subsidy (union-subsidy): once per application, within the granted amount (the officer who applied, or an administrator) */
    post: operations['UsageReportsController_report'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applications/{id}/withdraw': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** 撤回 Withdraw the application while it is not final; open tasks close */
    post: operations['ApplicationsController_withdraw'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/audit/annual-figures': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * 年度数据: the annual report's figures for a year, rebuilt from the ledgers
     * @description Cases, households and people helped, amounts by program, by district and by month, and campaign reach, from the payment_recorded ledger entries and the campaign visit_paid events dated in the year (China Standard Time). format=csv answers the same figures as one CSV table to download.
     */
    get: operations['AuditController_annualFigures'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/audit/applications/{id}/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A case's Temporal history, every event with its payloads decoded through the payload codec
     * @description From the archive once the case is closed (every run), else the current run from the Temporal server. Names, identifiers, phones and emails are masked unless an auditor sends unmasked=true; such a view is recorded in the export log before it is answered.
     */
    get: operations['AuditController_history'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/audit/applications/{id}/ledger': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A case's ledger entries in order, with both hash links (the global one null until sealed)
     * @description Names, identifiers, phones and emails in the payloads are masked unless an auditor sends unmasked=true; such a view is recorded in the export log before it is answered.
     */
    get: operations['AuditController_ledger'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/audit/applications/{id}/rederivation': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Recompute tier, amount and routing from the pinned standard and recorded inputs */
    get: operations['AuditController_rederive'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/audit/applications/{id}/replay': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Replay the archived workflow history against the current workflow code */
    post: operations['AuditController_replayCase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/audit/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Stream cases or ledger entries as CSV or JSON; personal data masked unless asked (logged) */
    get: operations['AuditController_export'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/audit/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Recompute the hash chains of the decision ledger; report the first broken link, if any */
    get: operations['AuditController_verify'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Exchange a username and password for a signed bearer token */
    post: operations['AuthController_login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke the bearer token this request carries (other sessions keep theirs) */
    post: operations['AuthController_logout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/auth/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who the token belongs to */
    get: operations['AuthController_me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/budgets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Budget report: allocated, reserved, paid and remaining (CNY) per program, year and funding source, with totals per program and a grand total (administrators, auditors, city-level approvers) */
    get: operations['BudgetController_report'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/budgets/envelopes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create the envelope of a program, year and funding source (administrators) */
    post: operations['BudgetController_createEnvelope'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/budgets/envelopes/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change an envelope's allocation, with a reason kept for auditors (administrators) */
    patch: operations['BudgetController_changeAllocation'];
    trace?: never;
  };
  '/budgets/envelopes/{id}/changes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every change of an envelope's allocation, oldest first (administrators, auditors) */
    get: operations['BudgetController_changes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/budgets/reconciliation': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Match the bank's payments against the disbursements and campaign visits recorded paid; list every mismatch (kept per run) */
    get: operations['BudgetController_reconcile'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/calendar/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** How far the official calendar reaches, and what to do before it runs out */
    get: operations['CalendarController_status'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/calendar/years': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The current schedule of every year, official or provisional */
    get: operations['CalendarController_years'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/calendar/years/{year}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every schedule stored for a year, oldest first; the last is current unless superseded */
    get: operations['CalendarController_history'];
    /**
     * Load the State Council holiday notice for a year (administrators)
     * @description The schedule replaces the year’s current one (a provisional one, or an earlier official one, kept as superseded). Deadlines computed before keep their dates; new ones use this schedule.
     */
    put: operations['CalendarController_load'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/calendar/years/{year}/provisional': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What the statutory rule gives for a year (weekends, the legal holidays, 补假), without storing it */
    get: operations['CalendarController_provisional'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/campaigns': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every campaign, newest first */
    get: operations['CampaignsController_list'];
    put?: never;
    /** Define a campaign (送温暖, Spring-Festival batch): budget, target groups, amount each */
    post: operations['CampaignsController_define'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/campaigns/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A campaign with its progress: visits per state and amounts */
    get: operations['CampaignsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/campaigns/{id}/close': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Close the campaign: skip visits that did not happen, release the unspent budget, return the close-out report */
    post: operations['CampaignsController_close'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/campaigns/{id}/report': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The close-out report of a closed campaign */
    get: operations['CampaignsController_report'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/campaigns/{id}/start': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Draw the recipients from the registries, reserve the whole budget on the envelope and fan out one case per recipient (idempotent) */
    post: operations['CampaignsController_start'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/campaigns/{id}/visits': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A page of the campaign's visits (approvers: their branch only); names masked */
    get: operations['CampaignsController_visits'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/campaigns/{id}/visits/{visitId}/confirmation': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Confirm one visit with proof; its case then pays it exactly once */
    post: operations['CampaignsController_confirmOne'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/campaigns/{id}/visits/confirmations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Confirm many visits with proof in one transaction (a union confirming its list); each case then pays its visit */
    post: operations['CampaignsController_confirmMany'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/codec/decode': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Decrypt Temporal payloads (codec-server protocol), for the Temporal Web UI and CLI */
    post: operations['CodecController_decode'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/codec/encode': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Encrypt payloads (codec-server protocol), for input typed into the Temporal Web UI */
    post: operations['CodecController_encode'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness, with a database round trip, and the business calendar’s reach; no token needed */
    get: operations['HealthController_health'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/household-files': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Household files, newest first, 50 a page: approvers see their branch, auditors and admins all (names masked) */
    get: operations['HouseholdFilesController_list'];
    put?: never;
    /** 建档: file a household (一户一档) after the home visit; the tier follows from today’s hardship standard */
    post: operations['HouseholdFilesController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/household-files/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One household file with every change (its head, its branch’s approvers, auditors, admins) */
    get: operations['HouseholdFilesController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/household-files/{id}/closure': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** 退档: close a household file with the reason */
    post: operations['HouseholdFilesController_close'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/household-files/{id}/verification': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Yearly re-verification: the tier is computed again; a household meeting no tier any more is closed (退档, reason recovered) and the answer says so */
    post: operations['HouseholdFilesController_verify'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/me/absence': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your current and future absences */
    get: operations['AbsenceController_list'];
    /** Set an out-of-office window and a delegate */
    put: operations['AbsenceController_set'];
    post?: never;
    /** End your current and future absences now */
    delete: operations['AbsenceController_clear'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/me/notifications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller's in-app notifications, newest first (?unread=true, limit, cursor) */
    get: operations['MyNotificationsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/me/notifications/{id}/read': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark one of your notifications read (repeating it changes nothing) */
    post: operations['MyNotificationsController_markRead'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/medical-enrolments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Enrolments: members see their own, approvers their branch (names masked), auditors and admins all */
    get: operations['MedicalEnrolmentsController_list'];
    put?: never;
    /** Enrol a member in medical mutual aid (职工医疗互助) for a coverage year (Jan 1 to Dec 31), through their grassroots union */
    post: operations['MedicalEnrolmentsController_enrol'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/model-workers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The model-worker registry, names masked: admins and auditors see all, approvers their branch */
    get: operations['ModelWorkersController_list'];
    put?: never;
    /** Add a model worker (劳模) to the registry (administrators) */
    post: operations['ModelWorkersController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/model-workers/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change an entry’s work status or take it off the registry (active: false) */
    patch: operations['ModelWorkersController_update'];
    trace?: never;
  };
  '/notifications/failed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Email and SMS deliveries that failed, newest first: permanent ones (refused by the channel) and those Temporal is still retrying or gave up on */
    get: operations['FailedNotificationsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/org-units': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The org tree: the city federation, its district unions and their grassroots unions (parentId links) */
    get: operations['OrgController_units'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/programs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every program: facts to supply, categories, documents, the standard in force today */
    get: operations['ProgramsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/programs/{code}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One program with every standard version (valid from / to) and its exclusions */
    get: operations['ProgramsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/programs/{code}/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * What would I get, and why? Each rule passed or failed, in words, with the no-double-aid check
     * @description Nothing is stored. Applicants preview with their own registry facts (household file, model-worker entry, medical enrolment); other callers see the rules applied to the facts alone.
     */
    post: operations['ProgramsController_preview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/programs/{code}/standards': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every standard version of the program, oldest first (administrators, auditors) */
    get: operations['ProgramsController_standards'];
    put?: never;
    /**
     * Add a policy version from a date (administrators)
     * @description The version in force before ends on validFrom. Cases already submitted keep the version they pinned; new submissions from validFrom pin the new one. Versions are never edited.
     */
    post: operations['ProgramsController_addStandard'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/public-notices': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** 公示 Cases in their public notice (open or under review): masked names and national ids only */
    get: operations['PublicNoticesController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/public-notices/{applicationId}/objections': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** 异议 Object to a case during its public notice (any signed-in user but its applicant and auditors, once per case) */
    post: operations['PublicNoticesController_object'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tasks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * 待我审批 The caller's open approval tasks (PostgreSQL projection kept by the workflow)
     * @description Soonest deadline first (the level's SLA on the business calendar, from when the task opened), tasks without one last, then oldest first. Filters: program, branch (an org unit of GET /tasks/branches), requested amount range, overdue.
     */
    get: operations['TasksController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tasks/branches': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The branch filter's choices: your union and every union below it, top first */
    get: operations['TasksController_branches'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tasks/bulk-decisions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Bulk approve (or reject): each item succeeds or fails on its own */
    post: operations['TasksController_bulk'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tasks/copied': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** 抄送我 Cases copied to you (抄送), newest copy first */
    get: operations['TasksController_copied'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tasks/counts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The counts of the inbox tabs (待我审批, 我已审批, 抄送我, 我发起的), unfiltered */
    get: operations['TasksController_counts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tasks/decided': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** 我已审批 Cases you approved, rejected or returned, newest act first (your last act on each) */
    get: operations['TasksController_decided'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The users, by username (no email, phone or password), for the administrators’ console */
    get: operations['OrgController_users'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/users/{id}/disable': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Disable a user: no more logins, and every token of theirs answers 401 at once */
    post: operations['UsersController_disable'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/users/{id}/enable': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Enable a disabled user again (they log in anew) */
    post: operations['UsersController_enable'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    ActionResponse: {
      /**
       * Format: uuid
       * @description The system user for deadline actions
       */
      actorId: string;
      actorName: string;
      comment: string | null;
      /** @description What the action did, e.g. { toLevel } or { toUserId, toUserName } */
      details: Record<string, never>;
      level: number | null;
      /** Format: date-time */
      occurredAt: string;
      round: number | null;
      /** @enum {string} */
      verb:
        | 'return'
        | 'resubmit'
        | 'withdraw'
        | 'transfer'
        | 'add_approver'
        | 'copy'
        | 'urge'
        | 'comment'
        | 'attach'
        | 'reminder'
        | 'escalate'
        | 'auto_approve'
        | 'auto_reject'
        | 'delegate'
        | 'calendar';
    };
    AddApproverDto: {
      /**
       * @description Recorded in the trail with actor and time
       * @example 请财务同事先核对
       */
      comment?: string;
      /**
       * @description 前加签 before you, 后加签 after you, at this level
       * @enum {string}
       */
      position: 'before' | 'after';
      /**
       * @description Username of the added approver: an approver of the case's branch (its union or one above)
       * @example approver-d-east
       */
      username: string;
    };
    AnnualByCampaign: {
      /** @description CNY */
      amount: number;
      /** Format: uuid */
      campaignId: string;
      /** @example 2026年春节送温暖 */
      name: string;
      recipients: number;
      visits: number;
    };
    AnnualByDistrict: {
      /** @description CNY paid to cases */
      amount: number;
      /** @description CNY paid to campaign visits */
      campaignAmount: number;
      campaignVisits: number;
      cases: number;
      households: number;
      /** @example 东城区总工会 */
      name: string;
      /**
       * Format: uuid
       * @description The district union (or the city federation for its own cases)
       */
      orgUnitId: string;
    };
    AnnualByMonth: {
      /** @description CNY */
      amount: number;
      /** @description CNY */
      campaignAmount: number;
      campaignVisits: number;
      cases: number;
      month: number;
    };
    AnnualByProgram: {
      /** @description CNY */
      amount: number;
      cases: number;
      households: number;
      /** @example 困难职工帮扶 */
      name: string;
      /** @example hardship-aid */
      program: string;
    };
    AnnualFiguresResponse: {
      /** @example payment_recorded ledger entries and campaign visit_paid events dated in the year (Asia/Shanghai) */
      basis: string;
      /** @description Largest amount first */
      byDistrict: components['schemas']['AnnualByDistrict'][];
      /** @description January to December, every month listed */
      byMonth: components['schemas']['AnnualByMonth'][];
      /** @description Largest amount first */
      byProgram: components['schemas']['AnnualByProgram'][];
      /** @description Largest amount first */
      campaigns: components['schemas']['AnnualByCampaign'][];
      totals: components['schemas']['AnnualTotals'];
      /** @example 2026 */
      year: number;
    };
    AnnualTotals: {
      /** @description CNY paid to cases */
      amount: number;
      /** @description CNY paid to campaign visits */
      campaignAmount: number;
      /** @description Distinct campaign recipients paid */
      campaignRecipients: number;
      /** @description Campaign visits paid (送温暖) */
      campaignVisits: number;
      /** @description Cases paid in the year */
      cases: number;
      /** @description Households helped: one per applicant paid */
      households: number;
      /** @description People in those households (their size as filed; 1 where a program asks none) */
      people: number;
    };
    ApplicationListResponse: {
      /** @description Newest first */
      items: components['schemas']['ApplicationSummaryResponse'][];
      page: number;
      pageSize: number;
      /** @description Cases matching the filters, over all pages */
      total: number;
    };
    ApplicationResponse: {
      /** @description The trail besides decisions, in order */
      actions: components['schemas']['ActionResponse'][];
      /**
       * @description One of the program’s categories (GET /programs/:code)
       * @example living
       */
      category: string;
      /** Format: date-time */
      createdAt: string;
      currentLevel: number | null;
      decisions: components['schemas']['DecisionResponse'][];
      eligibility: components['schemas']['EligibilityResponse'] | null;
      /**
       * @description The facts of the case as the applicant gives them (money in CNY, GET /programs/:code: facts); reference numbers (…No, …Ref) masked. Registry facts are in eligibility.
       * @example {
       *       "householdSize": 3,
       *       "annualIncome": 24000,
       *       "unavoidableCosts": 6000
       *     }
       */
      facts: {
        [key: string]: unknown;
      };
      /** @description CNY */
      grantedAmount: number | null;
      /** Format: uuid */
      id: string;
      /**
       * @description Always masked
       * @example 110***********4514
       */
      nationalId: string | null;
      outcomeReason: string | null;
      policyVersion: string;
      /** @example hardship-aid */
      program: string;
      /** @description Set when this answer replays an earlier request (same Idempotency-Key) */
      replayed?: boolean;
      /** @description CNY */
      requestedAmount: number;
      /**
       * @description in_notice: approved and funded, in the public notice (公示); under_review: an objection is reviewed
       * @enum {string}
       */
      status:
        | 'submitted'
        | 'refused'
        | 'pending_approval'
        | 'returned'
        | 'in_notice'
        | 'under_review'
        | 'rejected'
        | 'withdrawn'
        | 'budget_exhausted'
        | 'approved';
      tasks: components['schemas']['TaskResponse'][];
      tier: string | null;
      /** Format: date-time */
      updatedAt: string;
      /** @example application-3f2a9c1e-… */
      workflowId: string;
    };
    ApplicationSummaryResponse: {
      /** @example living */
      category: string;
      /** Format: date-time */
      createdAt: string;
      currentLevel: number | null;
      /** @description CNY */
      grantedAmount: number | null;
      /** Format: uuid */
      id: string;
      /**
       * Format: uuid
       * @description The case's org unit (the applicant's union)
       */
      orgUnitId: string;
      /** @example hardship-aid */
      program: string;
      /** @description CNY */
      requestedAmount: number;
      /** @enum {string} */
      status:
        | 'submitted'
        | 'refused'
        | 'pending_approval'
        | 'returned'
        | 'in_notice'
        | 'under_review'
        | 'rejected'
        | 'withdrawn'
        | 'budget_exhausted'
        | 'approved';
      tier: string | null;
      /** Format: date-time */
      updatedAt: string;
    };
    BlockingCaseResponse: {
      /** Format: uuid */
      applicationId: string;
      /** @enum {string} */
      code: 'DUPLICATE_APPLICATION' | 'EXCLUDED_BY_EARLIER_GRANT';
      /** @description CNY */
      grantedAmount: number | null;
      message: string;
      programCode: string;
      status: string;
      submittedAt: string;
    };
    BranchResponse: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: 'grassroots' | 'district' | 'city';
      /** @example 东城区总工会 */
      name: string;
      /** Format: uuid */
      parentId: string | null;
    };
    BudgetEnvelopeResponse: {
      /** @description CNY */
      allocated: number;
      /** @enum {string} */
      fundingSource: 'central_special' | 'city_finance' | 'union_funds' | 'donations';
      /** @example 中央专项资金 */
      fundingSourceName: string;
      /** Format: uuid */
      id: string;
      /** @description CNY paid */
      paid: number;
      /** @example hardship-aid */
      program: string;
      /** @example 困难职工帮扶 */
      programName: string;
      /** @description CNY: allocated - reserved - paid */
      remaining: number;
      /** @description CNY reserved by approved cases not yet paid */
      reserved: number;
      /** @example 2026 */
      year: number;
    };
    BudgetProgramTotalResponse: {
      /** @description CNY */
      allocated: number;
      /** @description CNY */
      paid: number;
      /** @example hardship-aid */
      program: string;
      /** @example 困难职工帮扶 */
      programName: string;
      /** @description CNY */
      remaining: number;
      /** @description CNY */
      reserved: number;
    };
    BudgetReportResponse: {
      /** @description One row per program, year and funding source */
      envelopes: components['schemas']['BudgetEnvelopeResponse'][];
      /** @description The program asked for, or null for all */
      program: string | null;
      /** @description Totals per program */
      programs: components['schemas']['BudgetProgramTotalResponse'][];
      /** @description Grand total */
      total: components['schemas']['BudgetTotalResponse'];
      /** @example 2026 */
      year: number;
    };
    BudgetTotalResponse: {
      /** @description CNY */
      allocated: number;
      /** @description CNY */
      paid: number;
      /** @description CNY */
      remaining: number;
      /** @description CNY */
      reserved: number;
    };
    BulkConfirmationDto: {
      /** @description Up to 500 confirmations in one transaction (keep the body under the 100 KB JSON limit) */
      confirmations: components['schemas']['BulkVisitProofDto'][];
    };
    BulkDecisionDto: {
      items: components['schemas']['BulkDecisionItemDto'][];
    };
    BulkDecisionItemDto: {
      /** Format: uuid */
      applicationId: string;
      /**
       * @description Recorded in the trail with actor and time
       * @example 同意
       */
      comment?: string;
      /** @enum {string} */
      decision: 'approve' | 'reject';
    };
    BulkDecisionResponse: {
      /** @example 1 */
      failed: number;
      /** @description One per item, in the order of the request */
      results: components['schemas']['BulkDecisionResult'][];
      /** @example 2 */
      succeeded: number;
    };
    BulkDecisionResult: {
      /** Format: uuid */
      applicationId: string;
      /**
       * @description The error code (not ok)
       * @example LEVEL_ALREADY_DECIDED
       */
      code?: string;
      /** @description The error message (not ok) */
      message?: string;
      ok: boolean;
      /**
       * @description The case status after the decision (ok)
       * @example pending_approval
       */
      status?: string;
    };
    BulkVisitProofDto: {
      /**
       * @description Cash is paid through the bank; in-kind settles without
       * @enum {string}
       */
      kind: 'cash' | 'in_kind';
      /**
       * @description Written proof (or give proofSha256): what was handed over, to whom, who witnessed
       * @example 慰问金 500 元当面交付本人, 工会主席李某见证
       */
      note?: string;
      /**
       * @description SHA-256 (hex) of the proof: a signed receipt or a photo of the handover (or give note)
       * @example a3f1c0dea3f1c0dea3f1c0dea3f1c0dea3f1c0dea3f1c0dea3f1c0dea3f1c0de
       */
      proofSha256?: string;
      /**
       * @description When the visit took place (ISO 8601)
       * @example 2026-01-20T10:00:00+08:00
       */
      visitedAt: string;
      /** Format: uuid */
      visitId: string;
    };
    CalendarStatusResponse: {
      /** @example 24 */
      daysLeft: number | null;
      /** @enum {string} */
      health: 'ok' | 'expiring' | 'expired';
      /** @example 2026 */
      lastOfficialYear: number | null;
      /** @example 2026-12-31 */
      officialUntil: string | null;
      /**
       * @example [
       *       2027
       *     ]
       */
      provisionalYears: number[];
      warning: string | null;
    };
    CalendarYearResponse: {
      holidays: components['schemas']['HolidayPeriodDto'][];
      /** @enum {string} */
      kind: 'official' | 'provisional';
      /**
       * Format: date-time
       * @description When it was loaded or computed
       */
      loadedAt: string | null;
      /**
       * Format: uuid
       * @description Null: shipped, or computed
       */
      loadedBy: string | null;
      makeUpWorkdays: string[];
      note: string | null;
      source: string;
      /**
       * Format: date-time
       * @description Null: the current schedule
       */
      supersededAt: string | null;
      /** @example 2027 */
      year: number;
    };
    CandidateResponse: {
      approvalLevel: number | null;
      /** @example 东城区总工会 审批人 */
      displayName: string;
      /** @example 东城区总工会 */
      orgUnitName: string;
      /** @example approver-d-east */
      username: string;
    };
    ChangeAllocationDto: {
      /**
       * @description New allocation in CNY, at most 2 decimals; never below what is already reserved + paid
       * @example 150000
       */
      allocated: number;
      /**
       * @description Why the allocation changes (kept for auditors)
       * @example 市财政追加拨款
       */
      reason: string;
    };
    CloseHouseholdFileDto: {
      /**
       * @description Why the file is closed (退档), kept for auditors
       * @example 家庭收入好转 recovered
       */
      reason: string;
    };
    CommentDto: {
      /**
       * @description Recorded in the trail with actor and time
       * @example 家访时间已约定
       */
      comment: string;
    };
    CommentOnlyDto: {
      /**
       * @description Recorded in the trail with actor and time
       * @example 请尽快处理
       */
      comment?: string;
    };
    CopiedCaseListResponse: {
      /** @description Newest copy first */
      items: components['schemas']['CopiedCaseResponse'][];
      page: number;
      pageSize: number;
      /** @description Cases matching the filters, over all pages */
      total: number;
    };
    CopiedCaseResponse: {
      /**
       * @description Masked name of the applicant
       * @example 张*
       */
      applicant: string | null;
      /** Format: uuid */
      applicationId: string;
      /** @example living */
      category: string;
      /** Format: date-time */
      copiedAt: string;
      /** Format: date-time */
      createdAt: string;
      currentLevel: number | null;
      /** @description CNY */
      grantedAmount: number | null;
      /**
       * Format: uuid
       * @description The case's org unit (the applicant's union)
       */
      orgUnitId: string;
      /** @example 东城第一机械厂工会 */
      orgUnitName: string;
      /** @example hardship-aid */
      program: string;
      /** @description CNY */
      requestedAmount: number;
      /** @enum {string} */
      status:
        | 'submitted'
        | 'refused'
        | 'pending_approval'
        | 'returned'
        | 'in_notice'
        | 'under_review'
        | 'rejected'
        | 'withdrawn'
        | 'budget_exhausted'
        | 'approved';
      tier: string | null;
    };
    CopyDto: {
      /**
       * @description Recorded in the trail with actor and time
       * @example 请知悉
       */
      comment?: string;
      /**
       * @description Usernames to copy the case to (read access)
       * @example [
       *       "auditor1"
       *     ]
       */
      usernames: string[];
    };
    CreateApplicationDto: {
      /**
       * @description One of the program’s categories (GET /programs/:code)
       * @example living
       */
      category: string;
      /**
       * @description The program’s facts (GET /programs/:code: name, kind, required); money in CNY. Hardship aid may send `household` instead.
       * @example {
       *       "householdSize": 3,
       *       "annualIncome": 24000,
       *       "unavoidableCosts": 6000
       *     }
       */
      facts?: {
        [key: string]: unknown;
      };
      /** @description Hardship aid’s facts (the same as `facts`) */
      household?: components['schemas']['HouseholdFactsDto'];
      /**
       * @description National id (居民身份证号); selected only where needed, always masked in responses and logs
       * @example 110101199003074514
       */
      nationalId?: string;
      /**
       * @description Program code: hardship-aid, tuition-grant, model-worker-funds, emergency-relief, medical-mutual-aid, condolence, union-subsidy (GET /programs lists them with their facts and categories)
       * @example hardship-aid
       */
      program: string;
      /**
       * @description Requested amount, CNY
       * @example 5000
       */
      requestedAmount: number;
    };
    CreateCampaignDto: {
      /**
       * @description Campaign budget, CNY: reserved whole from the envelope at start
       * @example 480400
       */
      budget: number;
      /**
       * @description Unique code
       * @example winter-warmth-2026
       */
      code: string;
      /**
       * @example union_funds
       * @enum {string}
       */
      fundingSource: 'central_special' | 'city_finance' | 'union_funds' | 'donations';
      /** @example 2026 送温暖 winter-warmth visits */
      name: string;
      /**
       * @description Program code whose budget envelope pays
       * @example winter-warmth
       */
      program: string;
      /** @description Who is visited and how much each gets */
      targetGroups: components['schemas']['TargetGroupDto'][];
      /** @example 2026 */
      year: number;
    };
    CreateEnrolmentDto: {
      /**
       * @description The year covered (Jan 1 to Dec 31)
       * @example 2026
       */
      coverageYear: number;
      /**
       * @description Username of the member
       * @example applicant1
       */
      username: string;
    };
    CreateEnvelopeDto: {
      /**
       * @description CNY, at most 2 decimals
       * @example 120000
       */
      allocated: number;
      /**
       * @description One of central_special (中央专项资金), city_finance (市财政), union_funds (工会经费), donations (社会捐赠)
       * @example union_funds
       * @enum {string}
       */
      fundingSource: 'central_special' | 'city_finance' | 'union_funds' | 'donations';
      /**
       * @description Program code
       * @example hardship-aid
       */
      program: string;
      /** @example 2026 */
      year: number;
    };
    CreateHouseholdFileDto: {
      /**
       * @description Costs of disaster, accident or sudden illness in the year, CNY
       * @example 0
       */
      accidentCosts?: number;
      /**
       * @description Annual disposable household income, CNY
       * @example 24000
       */
      annualIncome: number;
      /**
       * @description People in the household
       * @example 3
       */
      householdSize: number;
      /**
       * @description What the home visit found (kept with the file)
       * @example 入户走访核实
       */
      note?: string;
      /**
       * @description Unavoidable hardship costs of the year (刚性支出), CNY
       * @example 0
       */
      unavoidableCosts?: number;
      /**
       * @description Username of the household head (a worker, i.e. an applicant user)
       * @example applicant1
       */
      username: string;
    };
    CreateModelWorkerDto: {
      /** @example 2015 */
      awardedYear: number;
      /** @enum {string} */
      honourLevel: 'national' | 'provincial' | 'city';
      /**
       * @description Full name
       * @example 李劳模
       */
      name: string;
      /**
       * @description Code of the org unit the model worker belongs to
       * @example G-EAST-1
       */
      orgUnitCode: string;
      /**
       * @description The model worker’s user account, if they have one
       * @example applicant2
       */
      username?: string;
      /** @enum {string} */
      workStatus: 'working' | 'retired' | 'farmer';
    };
    CreateStandardDto: {
      /** @description Cross-program exclusions; the previous version’s if absent */
      exclusions?: components['schemas']['ExclusionDto'][];
      /** @example 2027 standard of the city government, document 2026-41 */
      note?: string;
      /**
       * @description Every parameter the program’s rules read (GET /programs/:code: requiredParams); amounts in fen
       * @example {
       *       "minimumLivingStandardFen": 85000,
       *       "livingReliefFen": 800000,
       *       "medicalReliefRate": 0.5,
       *       "educationReliefPerStudentFen": 630000,
       *       "accidentCostShare": 0.8
       *     }
       */
      params: {
        [key: string]: number;
      };
      /**
       * @description New, never reused
       * @example hardship-aid/2027.1
       */
      policyVersion: string;
      /** @description Routing rules of this version (levels, conditions, SLAs, notice); the previous version’s if absent */
      routing?: {
        [key: string]: unknown;
      };
      /**
       * @description In force from this date; the version before ends on it
       * @example 2027-01-01
       */
      validFrom: string;
    };
    CreateUsageReportDto: {
      items: components['schemas']['UsageItemDto'][];
      /** @example 年度使用情况 */
      note?: string;
    };
    DecidedCaseListResponse: {
      /** @description Newest act first */
      items: components['schemas']['DecidedCaseResponse'][];
      page: number;
      pageSize: number;
      /** @description Cases matching the filters, over all pages */
      total: number;
    };
    DecidedCaseResponse: {
      /** Format: date-time */
      actedAt: string;
      /**
       * @description Masked name of the applicant
       * @example 张*
       */
      applicant: string | null;
      /** Format: uuid */
      applicationId: string;
      /** @example living */
      category: string;
      /** Format: date-time */
      createdAt: string;
      currentLevel: number | null;
      /** @description CNY */
      grantedAmount: number | null;
      level: number | null;
      /**
       * Format: uuid
       * @description The case's org unit (the applicant's union)
       */
      orgUnitId: string;
      /** @example 东城第一机械厂工会 */
      orgUnitName: string;
      /** @example hardship-aid */
      program: string;
      /** @description CNY */
      requestedAmount: number;
      /** @enum {string} */
      status:
        | 'submitted'
        | 'refused'
        | 'pending_approval'
        | 'returned'
        | 'in_notice'
        | 'under_review'
        | 'rejected'
        | 'withdrawn'
        | 'budget_exhausted'
        | 'approved';
      tier: string | null;
      /** @enum {string} */
      verb: 'approve' | 'reject' | 'return';
    };
    DecisionDto: {
      /**
       * @description Comment recorded with the decision
       * @example 家访属实，同意
       */
      comment?: string;
      /** @enum {string} */
      decision: 'approve' | 'reject';
      /** @description The level you are deciding; a stale level gets 409 LEVEL_ALREADY_DECIDED */
      level?: number;
    };
    DecisionResponse: {
      /**
       * Format: uuid
       * @description The system user for automatic decisions after a deadline
       */
      actorId: string;
      actorName: string;
      comment: string | null;
      /** Format: date-time */
      decidedAt: string;
      /** @enum {string} */
      decision: 'approve' | 'reject';
      level: number;
      /** @example grassroots */
      levelName: string;
      /** @description 1, or more after a return brought the case back to this level */
      round: number;
    };
    DirectoryUserResponse: {
      approvalLevel: number | null;
      disabled: boolean;
      /** @example 赵敏 */
      displayName: string;
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      orgUnitId: string | null;
      /** @enum {string} */
      role: 'applicant' | 'approver' | 'auditor' | 'admin';
      /** @example approver-d-east */
      username: string;
    };
    EligibilityResponse: {
      /** @description CNY, the most this case can be granted */
      cap: number;
      eligible: boolean;
      /** @description Hardship aid only: CNY per person and month */
      perCapitaMonthlyIncome: number | null;
      /** @example hardship-aid/2026.1 */
      policyVersion: string;
      /** @description Each rule checked, in words */
      reasons: string[];
      /** @description The same rules, structured (absent on older assessments) */
      rules: components['schemas']['RuleResponse'][];
      /**
       * Format: uuid
       * @description The pinned standard row
       */
      standardId: string;
      /** @description Hardship aid: deep / relative / accident; tuition grants: filed / non_filed; model workers: honour level */
      tier: string | null;
    };
    EnrolmentResponse: {
      /** @example 2026-01-01 */
      coverageFrom: string;
      /** @example 2026-12-31 */
      coverageTo: string;
      /** @example 2026 */
      coverageYear: number;
      /** @example 2026-02-10 */
      enrolledOn: string;
      /** Format: uuid */
      id: string;
      /**
       * @description Masked except for the member
       * @example 王**
       */
      memberName: string;
      /** @example G-EAST-1 */
      unitCode: string;
      /** @example applicant1 */
      username: string;
    };
    EnvelopeChangeActorResponse: {
      /** Format: uuid */
      id: string;
      name: string;
    };
    EnvelopeChangeResponse: {
      /** Format: date-time */
      changedAt: string;
      changedBy: components['schemas']['EnvelopeChangeActorResponse'];
      /** Format: uuid */
      envelopeId: string;
      /** Format: uuid */
      id: string;
      /** @description CNY */
      newAllocated: number;
      /** @description CNY; null on the row recording the creation */
      oldAllocated: number | null;
      /** @example 市财政追加拨款 */
      reason: string;
    };
    EnvelopeChangesResponse: {
      /** @description Oldest first, the creation included */
      changes: components['schemas']['EnvelopeChangeResponse'][];
      envelope: components['schemas']['BudgetEnvelopeResponse'];
    };
    ErrorResponse: {
      /**
       * @description Stable error code
       * @example VALIDATION_FAILED
       */
      code: string;
      /**
       * @description More detail, e.g. every failed validation
       * @example [
       *       "comment must ..."
       *     ]
       */
      details?: Record<string, never>;
      /**
       * @description What went wrong, naming the field or the rule
       * @example comment must say what is missing (1 to 2000 characters)
       */
      message: string;
    };
    ExclusionDto: {
      /**
       * @description Only these categories block
       * @example [
       *       "education"
       *     ]
       */
      categories?: string[];
      /**
       * @description The program whose open or granted case blocks this one
       * @example hardship-aid
       */
      program: string;
      /** @example a tuition grant is not paid twice for the same schooling */
      reason: string;
    };
    FactFieldResponse: {
      /** @description Used when an optional fact is not given */
      default?: number | boolean;
      /** @example People in the household */
      description: string;
      /**
       * @description money is CNY
       * @enum {string}
       */
      kind: 'money' | 'int' | 'bool' | 'date' | 'enum' | 'text';
      /** @description int and money (CNY): the largest value */
      max?: number;
      /** @description int and money (CNY): the smallest value */
      min?: number;
      /** @example householdSize */
      name: string;
      required: boolean;
      /** @description The allowed values of an enum */
      values?: string[];
    };
    FailedNotificationResponse: {
      /**
       * @description Masked email or phone
       * @example 138****0007
       */
      address: string | null;
      /**
       * Format: uuid
       * @description Null for a system notice (the business-calendar warning to administrators)
       */
      applicationId: string | null;
      /** @example 3 */
      attempts: number;
      /** @enum {string} */
      channel: 'email' | 'sms' | 'in_app';
      /** Format: date-time */
      createdAt: string;
      /** @example approved */
      event: string;
      /**
       * @description The dedupe key: event, level, occurrence
       * @example approved:L3
       */
      eventKey: string;
      /** Format: uuid */
      id: string;
      /** @example SMS gateway answered HTTP 400: invalid number */
      lastError: string | null;
      /** @description Refused for good (not retried); otherwise Temporal may still be retrying it */
      permanent: boolean;
      /**
       * @example {
       *       "userId": "…",
       *       "username": "approver-city"
       *     }
       */
      recipient: Record<string, never>;
    };
    FailedNotificationsResponse: {
      items: components['schemas']['FailedNotificationResponse'][];
      nextCursor: string | null;
    };
    HolidayPeriodDto: {
      /**
       * @description First day off, YYYY-MM-DD (China local date)
       * @example 2027-02-05
       */
      from: string;
      /**
       * @description Chinese and English name
       * @example 春节 Spring Festival
       */
      name: string;
      /**
       * @description Last day off, YYYY-MM-DD (same as from for one day)
       * @example 2027-02-11
       */
      to: string;
    };
    HouseholdFactsDto: {
      /**
       * @description Disaster, accident or sudden-illness costs of the year, CNY
       * @default 0
       */
      accidentCosts: number;
      /**
       * @description Annual disposable household income, CNY
       * @example 24000
       */
      annualIncome: number;
      /**
       * @description People in the household
       * @example 3
       */
      householdSize: number;
      /**
       * @description Self-paid medical costs, CNY (medical category)
       * @default 0
       */
      medicalOutOfPocket: number;
      /**
       * @description Students in the household (education category)
       * @default 0
       */
      studentCount: number;
      /**
       * @description Unavoidable hardship costs of the year (刚性支出), CNY
       * @default 0
       * @example 6000
       */
      unavoidableCosts: number;
    };
    HouseholdFiguresDto: {
      /**
       * @description Costs of disaster, accident or sudden illness in the year, CNY
       * @example 0
       */
      accidentCosts?: number;
      /**
       * @description Annual disposable household income, CNY
       * @example 24000
       */
      annualIncome: number;
      /**
       * @description People in the household
       * @example 3
       */
      householdSize: number;
      /**
       * @description What the home visit found (kept with the file)
       * @example 入户走访核实
       */
      note?: string;
      /**
       * @description Unavoidable hardship costs of the year (刚性支出), CNY
       * @example 0
       */
      unavoidableCosts?: number;
    };
    HouseholdFiguresResponse: {
      /** @description CNY */
      accidentCosts: number;
      /** @description CNY */
      annualIncome: number;
      householdSize: number;
      note?: Record<string, never> | null;
      /** @description (income - unavoidable costs) / 12 / household size, CNY */
      perCapitaMonthlyIncome: Record<string, never> | null;
      /** @example hardship-aid/2026.1 */
      policyVersion: Record<string, never> | null;
      /** @description The tiering rules in words */
      reasons: string[];
      /** @description CNY */
      unavoidableCosts: number;
    };
    HouseholdFileDetailsResponse: {
      closedOn?: Record<string, never> | null;
      /** @example recovered */
      closedReason?: Record<string, never> | null;
      events: components['schemas']['HouseholdFileEventResponse'][];
      facts: components['schemas']['HouseholdFiguresResponse'];
      /** @example 2026-03-01 */
      filedOn: string;
      /** @example HF-2026-000001 */
      fileNo: string;
      /**
       * @description Masked in lists
       * @example 王**
       */
      headName: string;
      /** @example applicant1 */
      headUsername: string;
      householdSize: number;
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      orgUnitId: string;
      /** @enum {string} */
      status: 'open' | 'closed';
      /** @enum {string} */
      tier: 'deep' | 'relative' | 'accident';
      /** @example 2026-03-01 */
      verifiedOn: string;
    };
    HouseholdFileEventResponse: {
      /** Format: uuid */
      actorId: string;
      /** @enum {string} */
      kind: 'filed' | 'verified' | 'retiered' | 'closed';
      note?: Record<string, never> | null;
      occurredAt: string;
      /** @enum {string|null} */
      tier?: 'deep' | 'relative' | 'accident' | null;
    };
    HouseholdFilePageResponse: {
      items: components['schemas']['HouseholdFileResponse'][];
      page: number;
      pageSize: number;
      total: number;
    };
    HouseholdFileResponse: {
      closedOn?: Record<string, never> | null;
      /** @example recovered */
      closedReason?: Record<string, never> | null;
      facts: components['schemas']['HouseholdFiguresResponse'];
      /** @example 2026-03-01 */
      filedOn: string;
      /** @example HF-2026-000001 */
      fileNo: string;
      /**
       * @description Masked in lists
       * @example 王**
       */
      headName: string;
      /** @example applicant1 */
      headUsername: string;
      householdSize: number;
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      orgUnitId: string;
      /** @enum {string} */
      status: 'open' | 'closed';
      /** @enum {string} */
      tier: 'deep' | 'relative' | 'accident';
      /** @example 2026-03-01 */
      verifiedOn: string;
    };
    HouseholdFileVerificationResponse: {
      /** @description True when the household met no tier any more and the file was closed (退档) */
      closed: boolean;
      closedOn?: Record<string, never> | null;
      /** @example recovered */
      closedReason?: Record<string, never> | null;
      events: components['schemas']['HouseholdFileEventResponse'][];
      facts: components['schemas']['HouseholdFiguresResponse'];
      /** @example 2026-03-01 */
      filedOn: string;
      /** @example HF-2026-000001 */
      fileNo: string;
      /**
       * @description Masked in lists
       * @example 王**
       */
      headName: string;
      /** @example applicant1 */
      headUsername: string;
      householdSize: number;
      /** Format: uuid */
      id: string;
      /** @example Household file HF-2026-000001 re-verified: still deep */
      message: string;
      /** Format: uuid */
      orgUnitId: string;
      /** @enum {string} */
      status: 'open' | 'closed';
      /** @enum {string} */
      tier: 'deep' | 'relative' | 'accident';
      /** @example 2026-03-01 */
      verifiedOn: string;
    };
    InboxCountsResponse: {
      /** @description 抄送我: cases copied to you */
      copied: number;
      /** @description 我已审批: cases decided or returned by you */
      decided: number;
      /** @description 我发起的: cases you filed */
      mine: number;
      /** @description 待我审批: open tasks */
      todo: number;
    };
    InboxResponse: {
      items: components['schemas']['NotificationResponse'][];
      /** @description Pass as ?cursor= for the next (older) page */
      nextCursor: string | null;
    };
    LoadCalendarYearDto: {
      /** @description The holiday periods of the notice, both ends included */
      holidays: components['schemas']['HolidayPeriodDto'][];
      /**
       * @description Weekend days that are working days (调休上班), YYYY-MM-DD
       * @example [
       *       "2027-02-20"
       *     ]
       */
      makeUpWorkdays: string[];
      /**
       * @description Why it was loaded
       * @example corrected 端午 after the amended notice
       */
      note?: string;
      /**
       * @description The notice the schedule is transcribed from: cited on every deadline computed from it
       * @example State Council General Office notice on the 2027 holiday schedule, 国办发明电〔2026〕…号
       */
      source: string;
    };
    LoginDto: {
      /** @example aidflow-demo */
      password: string;
      /** @example applicant1 */
      username: string;
    };
    ModelWorkerResponse: {
      active: boolean;
      awardedYear: number;
      /** @enum {string} */
      honourLevel: 'national' | 'provincial' | 'city';
      /** Format: uuid */
      id: string;
      /**
       * @description Masked for approvers
       * @example 李**
       */
      name: string;
      /** @example G-EAST-1 */
      orgUnitCode: string;
      username?: Record<string, never> | null;
      /** @enum {string} */
      workStatus: 'working' | 'retired' | 'farmer';
    };
    NotificationResponse: {
      /**
       * Format: uuid
       * @description Null for a system notice (the business-calendar warning to administrators)
       */
      applicationId: string | null;
      /** Format: date-time */
      createdAt: string;
      /** @example task_assigned */
      event: string;
      /** Format: uuid */
      id: string;
      /** @example 1 */
      level: number | null;
      /** Format: date-time */
      readAt: string | null;
      /** @example [待审批] 困难职工帮扶 申请 3f2a9c1e / Approval needed */
      subject: string;
      /** @description The rendered text, in the language of the recipient */
      text: string;
    };
    ObjectionDto: {
      /**
       * @description Why the case should not be paid: facts the reviewers can check (5 to 2000 characters)
       * @example 申请人家庭名下有商铺出租收入，未如实申报
       */
      reason: string;
    };
    ObjectionResponse: {
      /** Format: uuid */
      applicationId: string;
      /** Format: uuid */
      id: string;
      /** Format: date-time */
      lodgedAt: string;
      /** Format: uuid */
      objectorUserId: string;
      reason: string;
      reviewComment?: Record<string, never> | null;
      /** Format: date-time */
      reviewedAt?: Record<string, never> | null;
      /** Format: uuid */
      reviewedBy?: Record<string, never> | null;
      /** @enum {string} */
      status: 'open' | 'upheld' | 'dismissed';
    };
    ObjectionReviewDto: {
      /**
       * @description The reviewers’ reasons (1 to 2000 characters)
       * @example 经核查，商铺已于去年转让
       */
      comment: string;
      /**
       * @description uphold: the objection stands, the case is rejected and its money released; dismiss: it is paid
       * @example dismiss
       * @enum {string}
       */
      outcome: 'uphold' | 'dismiss';
    };
    ObjectionReviewResponse: {
      /** Format: uuid */
      applicationId: string;
      notice: components['schemas']['PublicNoticeResponse'];
      objections: components['schemas']['ObjectionResponse'][];
      /** @example Objection upheld: 经核查属实 */
      outcomeReason?: Record<string, never> | null;
      /**
       * @description rejected when upheld; under_review until the payment completes (then approved) when dismissed
       * @example rejected
       */
      status: string;
    };
    OrgUnitResponse: {
      /** @example D-EAST */
      code: string;
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: 'city' | 'district' | 'grassroots';
      /** @example 东城区总工会 East District Union */
      name: string;
      /** Format: uuid */
      parentId: string | null;
    };
    PreviewDto: {
      /**
       * @description One of the program’s categories
       * @example living
       */
      category: string;
      /**
       * @description The program’s facts (GET /programs/:code), money in CNY
       * @example {
       *       "householdSize": 3,
       *       "annualIncome": 24000,
       *       "unavoidableCosts": 6000
       *     }
       */
      facts: {
        [key: string]: unknown;
      };
      /**
       * @description Requested amount, CNY
       * @example 5000
       */
      requestedAmount: number;
    };
    PreviewResponse: {
      /** @description The earlier case that would block this one */
      blockedBy: components['schemas']['BlockingCaseResponse'] | null;
      /** @description CNY, the most these facts can be granted */
      cap: number;
      category: string;
      documentsRequired: string[];
      eligible: boolean;
      /** @description CNY, what would be granted */
      grantedAmount: number;
      policyVersion: string;
      program: {
        code?: string;
        name?: string;
        nameEn?: string;
      };
      reasons: string[];
      /** @description CNY */
      requestedAmount: number;
      /** @description Each rule, passed or failed, in words */
      rules: components['schemas']['RuleResponse'][];
      /** Format: uuid */
      standardId: string;
      tier: string | null;
      /** @description Registry facts the rules used */
      verified: {
        [key: string]: unknown;
      };
    };
    ProgramResponse: {
      /**
       * @example [
       *       "living",
       *       "medical",
       *       "education"
       *     ]
       */
      categories: string[];
      /** @example hardship-aid */
      code: string;
      /** @description Documents to attach, in words */
      documentsRequired: string[];
      /** @description The facts the applicant supplies, with their rules */
      facts: components['schemas']['FactFieldResponse'][];
      /** @example 困难职工帮扶 */
      name: string;
      /** @example Hardship aid for registered needy workers */
      nameEn: string;
      openForSubmission: boolean;
      /** @description Registry facts the system looks up itself */
      registryFacts: string[];
      /** @description Parameters every standard version carries */
      requiredParams: string[];
      /**
       * @description campaigns: no application form (see /campaigns)
       * @enum {string}
       */
      runAs: 'applications' | 'campaigns';
      standardInForce: components['schemas']['StandardResponse'] | null;
      /** @description GET /programs/:code only: every version */
      standards?: components['schemas']['StandardResponse'][];
      /**
       * @description Whose aid the no-double-aid rule counts
       * @enum {string}
       */
      subject: 'person' | 'household' | 'union';
    };
    PublicNoticeResponse: {
      /**
       * @description Granted amount, CNY
       * @example 5000
       */
      amount: number;
      /**
       * @description Masked: the first character only
       * @example 张**
       */
      applicantName: string;
      /** Format: uuid */
      applicationId: string;
      /**
       * Format: date-time
       * @description When the window closes (working days on the business calendar)
       */
      closesAt: string;
      /**
       * @description Masked: first 3 and last 4 characters
       * @example 110***********1234
       */
      nationalId?: Record<string, never> | null;
      /**
       * @description Objections lodged so far
       * @example 0
       */
      objectionCount: number;
      /** Format: date-time */
      openedAt: string;
      /**
       * @description The applicant's union
       * @example 东区某厂工会
       */
      orgUnitName: string;
      /** @example hardship-aid */
      programCode: string;
      /** @example 困难职工帮扶 */
      programName: string;
      /** @enum {string} */
      status: 'open' | 'under_review' | 'closed_clean' | 'cleared' | 'upheld' | 'withdrawn';
    };
    ResubmitDto: {
      /**
       * @description One of the program’s categories (GET /programs/:code)
       * @example living
       */
      category: string;
      /**
       * @description Recorded in the trail with actor and time
       * @example 已补充收入证明
       */
      comment?: string;
      /**
       * @description The program’s facts (GET /programs/:code: name, kind, required); money in CNY. Hardship aid may send `household` instead.
       * @example {
       *       "householdSize": 3,
       *       "annualIncome": 24000,
       *       "unavoidableCosts": 6000
       *     }
       */
      facts?: {
        [key: string]: unknown;
      };
      /** @description Hardship aid’s facts (the same as `facts`) */
      household?: components['schemas']['HouseholdFactsDto'];
      /**
       * @description Requested amount, CNY
       * @example 5000
       */
      requestedAmount: number;
    };
    ReturnDto: {
      /**
       * @description Recorded in the trail with actor and time
       * @example 请补充收入证明
       */
      comment: string;
      /**
       * @description 0 or absent: back to the applicant; otherwise an earlier level
       * @example 0
       */
      toLevel?: number;
    };
    RuleResponse: {
      /** @example household file HF-2026-000001 is open (filed 2026-01-05, verified 2026-01-05) */
      detail: string;
      passed: boolean;
      /** @example household-file */
      rule: string;
    };
    SetAbsenceDto: {
      /**
       * @description Username of the approver who takes tasks arriving while you are away
       * @example approver-d-east
       */
      delegate: string;
      /**
       * @description Start of the absence (ISO 8601)
       * @example 2026-12-01T00:00:00+08:00
       */
      from: string;
      /** @example 出差 business trip */
      reason?: string;
      /**
       * @description End of the absence (ISO 8601)
       * @example 2026-12-08T00:00:00+08:00
       */
      until: string;
    };
    StandardResponse: {
      /** Format: date-time */
      createdAt: string;
      exclusions: {
        [key: string]: unknown;
      }[];
      /** Format: uuid */
      id: string;
      note: string | null;
      /** @description The rules’ parameters; amounts in fen */
      params: {
        [key: string]: unknown;
      };
      /** @example hardship-aid/2026.1 */
      policyVersion: string;
      /** @description Levels, conditions, SLAs, notice */
      routing: {
        [key: string]: unknown;
      };
      /** @example 2026-01-01 */
      validFrom: string;
      validTo: string | null;
    };
    TargetGroupDto: {
      /**
       * @description Amount per recipient, CNY (cash or the value in kind)
       * @example 500
       */
      amount: number;
      /**
       * @description Narrow the registry: tiers of needy households (deep, relative, accident), honour levels of model workers (national, provincial, city), front-line groups (water, heating, sanitation, hospitals, police, customs). Omitted: everyone active in the registry.
       * @example [
       *       "sanitation",
       *       "heating"
       *     ]
       */
      groups?: string[];
      /**
       * @description The registry the recipients come from
       * @example frontline
       * @enum {string}
       */
      kind: 'needy_households' | 'model_workers' | 'frontline';
    };
    TaskListItemResponse: {
      /**
       * @description Masked name of the applicant
       * @example 张*
       */
      applicant: string | null;
      /** Format: uuid */
      applicationId: string;
      /** @example living */
      category: string;
      /** Format: date-time */
      createdAt: string;
      currentLevel: number | null;
      /**
       * Format: date-time
       * @description The level's deadline (its SLA in working days from openedAt); null when the level has none
       */
      dueAt: string | null;
      /** @description CNY */
      grantedAmount: number | null;
      level: number;
      /** @example grassroots */
      levelName: string;
      /** Format: date-time */
      openedAt: string;
      /**
       * Format: uuid
       * @description The case's org unit (the applicant's union)
       */
      orgUnitId: string;
      /** @example 东城第一机械厂工会 */
      orgUnitName: string;
      /** @description The deadline has passed */
      overdue: boolean;
      /** @example hardship-aid */
      program: string;
      /** @description CNY */
      requestedAmount: number;
      /** @description 1 unless a return brought the case back to this level */
      round: number;
      /** @enum {string} */
      status:
        | 'submitted'
        | 'refused'
        | 'pending_approval'
        | 'returned'
        | 'in_notice'
        | 'under_review'
        | 'rejected'
        | 'withdrawn'
        | 'budget_exhausted'
        | 'approved';
      /** Format: uuid */
      taskId: string;
      tier: string | null;
      /** @description Working days from today to the deadline's day; 0 on the day, negative once past */
      workingDaysLeft: number | null;
    };
    TaskResponse: {
      /** @description User ids the task sits with now */
      assigneeIds: string[];
      /**
       * @description Why the task sits with these approvers, in order: routing rules, transfer, 加签, escalation
       * @example [
       *       "transferred by 赵敏 to 吴刚"
       *     ]
       */
      assignment: string[];
      /** Format: date-time */
      closedAt: string | null;
      level: number;
      /** @example grassroots */
      levelName: string;
      /** Format: date-time */
      openedAt: string;
      /** Format: uuid */
      orgUnitId: string;
      round: number;
      /** @enum {string} */
      status: 'open' | 'completed' | 'cancelled';
    };
    TransferDto: {
      /**
       * @description Recorded in the trail with actor and time
       * @example 出差，转交同事办理
       */
      comment?: string;
      /**
       * @description Username of the approver who takes the task over: an approver of the case's branch (its union or one above)
       * @example approver-d-east
       */
      to: string;
    };
    UpdateModelWorkerDto: {
      /** @description false takes the entry off the registry (it stays on record) */
      active?: boolean;
      /** @enum {string} */
      workStatus?: 'working' | 'retired' | 'farmer';
    };
    UsageItemDto: {
      /**
       * @description CNY, at most 2 decimals
       * @example 1200.5
       */
      amount: number;
      /**
       * @description What the money was spent on
       * @example 职工书屋图书 library books
       */
      purpose: string;
    };
    UsageItemResponse: {
      /** @description CNY */
      amount: number;
      purpose: string;
    };
    UsageReportResponse: {
      /** Format: uuid */
      applicationId: string;
      /** Format: uuid */
      id: string;
      items: components['schemas']['UsageItemResponse'][];
      note?: Record<string, never> | null;
      reportedAt: string;
      /** Format: uuid */
      reportedBy: string;
      /** @description CNY */
      total: number;
    };
    VisitProofDto: {
      /**
       * @description Cash is paid through the bank; in-kind settles without
       * @enum {string}
       */
      kind: 'cash' | 'in_kind';
      /**
       * @description Written proof (or give proofSha256): what was handed over, to whom, who witnessed
       * @example 慰问金 500 元当面交付本人, 工会主席李某见证
       */
      note?: string;
      /**
       * @description SHA-256 (hex) of the proof: a signed receipt or a photo of the handover (or give note)
       * @example a3f1c0dea3f1c0dea3f1c0dea3f1c0dea3f1c0dea3f1c0dea3f1c0dea3f1c0de
       */
      proofSha256?: string;
      /**
       * @description When the visit took place (ISO 8601)
       * @example 2026-01-20T10:00:00+08:00
       */
      visitedAt: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  ApplicationsController_list: {
    parameters: {
      query?: {
        /** @description An org unit (GET /org-units): cases filed in it or any unit below it */
        branch?: string;
        /** @description Submitted at or after (ISO 8601) */
        from?: string;
        /** @description Requested amount up to (CNY, inclusive) */
        maxAmount?: number;
        /** @description Requested amount from (CNY, inclusive) */
        minAmount?: number;
        /** @description true: the cases you filed (anyone). Otherwise every case: auditors and administrators only */
        mine?: boolean;
        page?: number;
        pageSize?: number;
        /** @description Program code */
        program?: string;
        status?:
          | 'submitted'
          | 'refused'
          | 'pending_approval'
          | 'returned'
          | 'in_notice'
          | 'under_review'
          | 'rejected'
          | 'withdrawn'
          | 'budget_exhausted'
          | 'approved';
        /** @description Submitted before (ISO 8601) */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApplicationListResponse'];
        };
      };
      /** @description VALIDATION_FAILED: mine, status, program, branch, from, to, minAmount, maxAmount, page or pageSize (named) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: without mine=true, only auditors and administrators list cases */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ApplicationsController_submit: {
    parameters: {
      query?: never;
      header: {
        /** @description Client-chosen key; the same key returns the same application */
        'Idempotency-Key': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateApplicationDto'];
      };
    };
    responses: {
      /** @description A replay of an earlier request with the same Idempotency-Key */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApplicationResponse'];
        };
      };
      /** @description The application, with the eligibility assessment of the pinned standard */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApplicationResponse'];
        };
      };
      /** @description VALIDATION_FAILED: a body field (named) or the Idempotency-Key header */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: only applicants submit (union-subsidy: a grassroots officer) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description PROGRAM_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description DUPLICATE_APPLICATION or EXCLUDED_BY_EARLIER_GRANT, naming the earlier case */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description IDEMPOTENCY_KEY_REUSED (same key, different body), NO_APPROVER_FOR_LEVEL, STANDARD_NOT_FOUND, ORG_UNIT_NOT_FOUND */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description WORKFLOW_UNAVAILABLE: the workflow engine did not accept it; retry with the same Idempotency-Key */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ApplicationsController_get: {
    parameters: {
      query?: {
        /** @description Show the case as it stood at this time (ISO 8601) */
        asOf?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The case now; with ?asOf= the case as it stood then, from the ledger (facts, level, decisions, standard) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApplicationResponse'];
        };
      };
      /** @description VALIDATION_FAILED: id is not a uuid, or asOf is not an ISO 8601 timestamp */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED: no or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: outside your branch, not your application, and not copied to you */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ApplicationsController_addApprover: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AddApproverDto'];
      };
    };
    responses: {
      /** @description The case; with position before, the task moves to the added approver */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApplicationResponse'];
        };
      };
      /** @description VALIDATION_FAILED: username missing, position not "before" or "after" */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED: no or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN (not an approver or administrator, or outside your branch), NOT_APPROVER_OF_CURRENT_LEVEL (administrators: only levels routing gave them) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description LEVEL_NOT_ACTIVE, LEVEL_ALREADY_DECIDED, APPLICATION_CLOSED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description ACTION_INVALID: unknown user, not an approver of the case's branch, the applicant, or already at this level */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AttachmentsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description An array of `{ id, name, contentType, sizeBytes, sha256, uploadedBy, uploadedByName, comment, createdAt, href }` */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED: a body field (named in the message) or the id is malformed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED: no or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: outside your branch or not your application */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AttachmentsController_upload: {
    parameters: {
      query?: never;
      header: {
        /** @description A comment for the trail (UTF-8, may be percent-encoded) */
        'X-Comment'?: string;
        /** @description 1 to 200 characters, no / or \; raw UTF-8 or percent-encoded UTF-8 */
        'X-File-Name': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    /** @description The file bytes */
    requestBody: {
      content: {
        'application/pdf': string;
        'image/jpeg': string;
        'image/png': string;
      };
    };
    responses: {
      /** @description The stored attachment `{ id, name, contentType, sizeBytes, sha256, uploadedBy, uploadedByName, comment, createdAt, href }` */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED: X-File-Name missing or malformed, an empty body, X-Comment over 2000 characters */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED: no or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: an auditor, or outside your branch / not your application */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_CLOSED: the case is final; nothing was stored */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description ATTACHMENT_TOO_LARGE: over ATTACHMENT_MAX_BYTES (default 5 MiB) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description ATTACHMENT_TYPE_NOT_ALLOWED: not PDF, JPEG or PNG, or the bytes are not of the declared type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AttachmentsController_download: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        attachmentId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file; `ETag` is its SHA-256 */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/pdf': string;
          'image/jpeg': string;
          'image/png': string;
        };
      };
      /** @description VALIDATION_FAILED: a body field (named in the message) or the id is malformed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED: no or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: outside your branch or not your application */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_NOT_FOUND, ATTACHMENT_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description ATTACHMENT_INTEGRITY_FAILED: the stored bytes were changed */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ApplicationsController_candidates: {
    parameters: {
      query: {
        /** @description 转交 transfer, 加签 add_approver, 抄送 copy */
        verb: 'transfer' | 'add_approver' | 'copy';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CandidateResponse'][];
        };
      };
      /** @description VALIDATION_FAILED: id is not a uuid, or verb is not transfer, add_approver or copy */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED: no or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: outside what you may see */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ApplicationsController_comment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CommentDto'];
      };
    };
    responses: {
      /** @description The case with the comment in its actions */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApplicationResponse'];
        };
      };
      /** @description VALIDATION_FAILED: comment missing, empty or longer than 2000 characters */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED: no or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: auditors change nothing; outside what you may see */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_CLOSED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description ACTION_INVALID: comment is only white space */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ApplicationsController_copy: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CopyDto'];
      };
    };
    responses: {
      /** @description The case; the copied users may now read it */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApplicationResponse'];
        };
      };
      /** @description VALIDATION_FAILED: usernames empty or not strings */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED: no or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: not an approver or applicant, or outside what you may see */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_CLOSED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description ACTION_INVALID: unknown user, or an applicant */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ApplicationsController_decide: {
    parameters: {
      query?: never;
      header: {
        'idempotency-key': string;
        /** @description Optional, 1 to 200 characters: a retry with the same key (after a 503 or a lost answer) is the same decision, answered as the first time */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DecisionDto'];
      };
    };
    responses: {
      /** @description The case after the decision */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApplicationResponse'];
        };
      };
      /** @description VALIDATION_FAILED: a body field (named in the message) or the id is malformed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED: no or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN (not an approver or administrator, or outside your branch), NOT_APPROVER_OF_CURRENT_LEVEL (administrators: only levels routing gave them) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description LEVEL_ALREADY_DECIDED (also: a stale `level`), LEVEL_NOT_ACTIVE, APPLICATION_CLOSED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  PublicNoticesController_review: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ObjectionReviewDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ObjectionReviewResponse'];
        };
      };
      /** @description VALIDATION_FAILED: outcome or comment (named in the message) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN (not an approver or admin), NOT_OBJECTION_REVIEWER (not a reviewer of this case) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description NO_OPEN_OBJECTION: nothing is under review; ACTION_IN_PROGRESS; APPLICATION_CLOSED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description ACTION_INVALID: you lodged an objection to this case (another reviewer decides it) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ApplicationsController_resubmit: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ResubmitDto'];
      };
    };
    responses: {
      /** @description The case with the new facts and eligibility; level 1 opens again */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApplicationResponse'];
        };
      };
      /** @description VALIDATION_FAILED: category, requestedAmount or a household field (named) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED: no or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN (not who filed the case), NOT_APPLICANT */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description NOT_RETURNED: the case is not with the applicant; APPLICATION_CLOSED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ApplicationsController_returnCase: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReturnDto'];
      };
    };
    responses: {
      /** @description The case after the return (status returned, or the earlier level open again) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApplicationResponse'];
        };
      };
      /** @description VALIDATION_FAILED: comment missing or empty, toLevel not an integer >= 0 */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED: no or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN (not an approver or administrator, or outside your branch), NOT_APPROVER_OF_CURRENT_LEVEL (administrators: only levels routing gave them) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description LEVEL_NOT_ACTIVE, LEVEL_ALREADY_DECIDED, APPLICATION_CLOSED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description ACTION_INVALID: toLevel is not 0 or an earlier level of the route */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ApplicationsController_transfer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TransferDto'];
      };
    };
    responses: {
      /** @description The case; the task's assigneeIds and assignment show the move */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApplicationResponse'];
        };
      };
      /** @description VALIDATION_FAILED: a body field (named in the message) or the id is malformed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED: no or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN (not an approver or administrator, or outside your branch), NOT_APPROVER_OF_CURRENT_LEVEL (administrators: only levels routing gave them) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description LEVEL_NOT_ACTIVE, LEVEL_ALREADY_DECIDED, APPLICATION_CLOSED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description ACTION_INVALID: unknown user, not an approver of the case's branch, the applicant, or already holds the task */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ApplicationsController_urge: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CommentOnlyDto'];
      };
    };
    responses: {
      /** @description The case; the current approvers are reminded */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApplicationResponse'];
        };
      };
      /** @description VALIDATION_FAILED: a body field (named in the message) or the id is malformed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED: no or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: not the applicant of the case or an administrator */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description LEVEL_NOT_ACTIVE: nobody to urge; APPLICATION_CLOSED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description ACTION_INVALID: the task is yours */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description URGED_TOO_RECENTLY: the message says when it is allowed again */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  UsageReportsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UsageReportResponse'];
        };
      };
      /** @description VALIDATION_FAILED: the id is not a uuid */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: outside your branch */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_NOT_FOUND, or NOT_FOUND: no report yet */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  UsageReportsController_report: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateUsageReportDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UsageReportResponse'];
        };
      };
      /** @description VALIDATION_FAILED: a field (named) is malformed, or the id is not a uuid */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: not the officer who applied, nor admin */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description USAGE_REPORT_EXISTS: the application has its report already */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description USAGE_REPORT_INVALID: not an approved union-subsidy case (status named), or the items exceed the grant */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ApplicationsController_withdraw: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CommentOnlyDto'];
      };
    };
    responses: {
      /** @description The case, withdrawn; its open tasks are closed */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApplicationResponse'];
        };
      };
      /** @description VALIDATION_FAILED: a body field (named in the message) or the id is malformed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED: no or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN (not who filed the case), NOT_APPLICANT */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_CLOSED: already final or past approval; LEVEL_ALREADY_DECIDED: another action is being recorded */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AuditController_annualFigures: {
    parameters: {
      query: {
        /** @description csv: one table, a download */
        format?: 'json' | 'csv';
        year: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AnnualFiguresResponse'];
          'text/csv': components['schemas']['AnnualFiguresResponse'];
        };
      };
      /** @description VALIDATION_FAILED: year (a whole year from 2000 to 2100) or format (named) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: auditors and admins only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AuditController_history: {
    parameters: {
      query?: {
        /** @description Show personal data unmasked (auditors only; every unmasked view is recorded in the export log) */
        unmasked?: boolean;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description { applicationId, workflowId, source, unmasked, runs: [{ runId, events }] } */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED: id is not a uuid, or unmasked is not true or false */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: not an auditor or admin; unmasked=true is for auditors only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_NOT_FOUND; NOT_FOUND: no history on the server and none archived */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description WORKFLOW_UNAVAILABLE: the Temporal server did not answer */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AuditController_ledger: {
    parameters: {
      query?: {
        /** @description Show personal data unmasked (auditors only; every unmasked view is recorded in the export log) */
        unmasked?: boolean;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description { applicationId, unmasked, entries: [{ seq, caseSeq, kind, payload, caseHash, ... }] } */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED: id is not a uuid, or unmasked is not true or false */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: not an auditor or admin; unmasked=true is for auditors only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AuditController_rederive: {
    parameters: {
      query?: {
        /** @description ledger (default): the decision ledger and projection; history: the archived Temporal history */
        source?: 'ledger' | 'history';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description { applicationId, policyVersion, standardId, matches, checks, problems } */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED: id is not a uuid, or source is not ledger or history */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: auditors and admins only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_NOT_FOUND; NOT_FOUND: no archived history (source=history) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AuditController_replayCase: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description { outcome: identical | nondeterministic | failed, firstDivergingEventId, ... } */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED: id is not a uuid */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: auditors and admins only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description NOT_FOUND: no archived history (the case is still running or not archived yet) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AuditController_export: {
    parameters: {
      query?: {
        format?: 'csv' | 'json';
        /** @description Submitted at or after (ISO 8601) */
        from?: string;
        kind?: 'cases' | 'ledger';
        /** @description Org unit id of the applicant */
        org?: string;
        /** @description Outcome / status */
        outcome?: string;
        program?: string;
        /** @description Submitted before (ISO 8601) */
        to?: string;
        /** @description Unmasked personal data (auditors only; the export is logged) */
        unmasked?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The rows, streamed, as CSV or a JSON array */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED: a query parameter (named) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: not an auditor or admin; unmasked=true is for auditors only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AuditController_verify: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description { checked, ok, firstBroken } */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: auditors and admins only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AuthController_login: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LoginDto'];
      };
    };
    responses: {
      /** @description { accessToken, tokenType, expiresIn, user } */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED: username or password missing */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description INVALID_CREDENTIALS */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description LOGIN_LOCKED: too many wrong passwords in a row for this username; see Retry-After */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AuthController_logout: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The token answers 401 from now on */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHENTICATED: no, expired, invalid or already revoked token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AuthController_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description { userId, username, displayName, role, orgUnitId, approvalLevel } */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHENTICATED: no, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  BudgetController_report: {
    parameters: {
      query?: {
        /** @description Program code (default: every program) */
        program?: string;
        /** @description Budget year (default: this year) */
        year?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BudgetReportResponse'];
        };
      };
      /** @description VALIDATION_FAILED: year or program malformed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: administrators, auditors and city-level approvers only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description PROGRAM_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  BudgetController_createEnvelope: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateEnvelopeDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BudgetEnvelopeResponse'];
        };
      };
      /** @description VALIDATION_FAILED: a field (named in the message) is malformed, e.g. an unknown fundingSource */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: administrators only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description PROGRAM_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description BUDGET_ENVELOPE_EXISTS: the program already has that envelope (its id is named) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  BudgetController_changeAllocation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ChangeAllocationDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BudgetEnvelopeResponse'];
        };
      };
      /** @description VALIDATION_FAILED: allocated or reason malformed, or the id is not a uuid */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: administrators only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description NOT_FOUND: no such envelope */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description ALLOCATION_BELOW_COMMITTED: the new allocation is below what is already reserved + paid (named) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  BudgetController_changes: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EnvelopeChangesResponse'];
        };
      };
      /** @description VALIDATION_FAILED: the id is not a uuid */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: auditors and admins only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description NOT_FOUND: no such envelope */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  BudgetController_reconcile: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description { id, runAt, matched, clean, flagged: [{ flag: paid_in_bank_not_recorded | recorded_not_in_bank | amount_mismatch, disbursementId (a campaign visit id for campaigns), applicationId, campaignId, status, recordedFen, bankFen, bankPaymentId }] } */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: auditors and admins only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description PAYMENTS_OFF: PAYMENT_BANK_URL is not set */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  CalendarController_status: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CalendarStatusResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: administrators and auditors */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  CalendarController_years: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CalendarYearResponse'][];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  CalendarController_history: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        year: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CalendarYearResponse'][];
        };
      };
      /** @description VALIDATION_FAILED: year */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description CALENDAR_YEAR_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  CalendarController_load: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        year: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LoadCalendarYearDto'];
      };
    };
    responses: {
      /** @description The stored schedule, and the one it replaced */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CalendarYearResponse'];
        };
      };
      /** @description VALIDATION_FAILED: a field (named) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: administrators only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description CALENDAR_INVALID: the entry named (dates outside the year, overlapping holidays, a make-up day not on a weekend) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  CalendarController_provisional: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        year: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CalendarYearResponse'];
        };
      };
      /** @description VALIDATION_FAILED: year (1970-2100) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  CampaignsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Campaigns without progress */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED: a field (named in the message) or the id */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: administrators, auditors and approvers */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  CampaignsController_define: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateCampaignDto'];
      };
    };
    responses: {
      /** @description { id, code, name, program, year, fundingSource, budget, status (draft | running | completed | closed), targetGroups, recipients, planned, startedAt, fannedOutAt, completedAt, closedAt, released, progress: { casesCreated, counts: { planned, visited, paid, payment_failed, skipped }, amounts (CNY) } } */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED: a field (named in the message) or the id */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: administrators only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description PROGRAM_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description CAMPAIGN_CONFLICT: the code is taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  CampaignsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description { id, code, name, program, year, fundingSource, budget, status (draft | running | completed | closed), targetGroups, recipients, planned, startedAt, fannedOutAt, completedAt, closedAt, released, progress: { casesCreated, counts: { planned, visited, paid, payment_failed, skipped }, amounts (CNY) } } */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED: a field (named in the message) or the id */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  CampaignsController_close: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description { recipients, visited, paidCount, failed, skipped, planned, paid, budget, released, byGroup: [...], byOrgUnit: [...] } */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED: a field (named in the message) or the id */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: administrators only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description CAMPAIGN_CONFLICT: never started, or confirmed visits still being paid */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  CampaignsController_report: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description As POST /campaigns/:id/close */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED: a field (named in the message) or the id */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description CAMPAIGN_CONFLICT: not closed yet */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  CampaignsController_start: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description { id, code, name, program, year, fundingSource, budget, status (draft | running | completed | closed), targetGroups, recipients, planned, startedAt, fannedOutAt, completedAt, closedAt, released, progress: { casesCreated, counts: { planned, visited, paid, payment_failed, skipped }, amounts (CNY) } } */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED: a field (named in the message) or the id */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: administrators only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description CAMPAIGN_CONFLICT: the target groups match nobody */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description CAMPAIGN_BUDGET_SHORTFALL: recipients x amounts exceed the budget, or the envelope cannot cover it (names the shortfall) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description WORKFLOW_UNAVAILABLE: start again */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  CampaignsController_visits: {
    parameters: {
      query?: {
        page?: number;
        pageSize?: number;
        state?: 'planned' | 'visited' | 'paid' | 'payment_failed' | 'skipped';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description { total, page, pageSize, visits: [...] } */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED: a field (named in the message) or the id */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  CampaignsController_confirmOne: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        visitId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['VisitProofDto'];
      };
    };
    responses: {
      /** @description { alreadyConfirmed, visit }: a repeated confirmation answers the visit as it stands */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED: a field (named in the message) or the id */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: the visit is outside the approver's branch */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND or NOT_FOUND (the visit) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description CAMPAIGN_CONFLICT: the campaign is not running, the case is still being created, or the visit was skipped */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description WORKFLOW_UNAVAILABLE: recorded, but the case was not told; confirm again */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  CampaignsController_confirmMany: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BulkConfirmationDto'];
      };
    };
    responses: {
      /** @description { confirmed, alreadyConfirmed, refused: [{ visitId, reason }] } */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED: a field (named in the message) or the id */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: approvers of the branch and administrators */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description CAMPAIGN_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description CAMPAIGN_CONFLICT: the campaign is not running */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description WORKFLOW_UNAVAILABLE: recorded, but some cases were not told; send the same confirmations again */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  CodecController_decode: {
    parameters: {
      query?: never;
      header?: {
        /** @description Sent by the Temporal Web UI; must be ours */
        'X-Namespace'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          payloads: {
            /** Format: byte */
            data?: string;
            metadata?: {
              [key: string]: string;
            };
          }[];
        };
      };
    };
    responses: {
      /** @description The same payloads, decoded */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            payloads: {
              /** Format: byte */
              data?: string;
              metadata?: {
                [key: string]: string;
              };
            }[];
          };
        };
      };
      /** @description VALIDATION_FAILED: malformed payloads, another namespace, or undecryptable */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED: no or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: wrong role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  CodecController_encode: {
    parameters: {
      query?: never;
      header?: {
        /** @description Sent by the Temporal Web UI; must be ours */
        'X-Namespace'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          payloads: {
            /** Format: byte */
            data?: string;
            metadata?: {
              [key: string]: string;
            };
          }[];
        };
      };
    };
    responses: {
      /** @description The same payloads, encoded */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            payloads: {
              /** Format: byte */
              data?: string;
              metadata?: {
                [key: string]: string;
              };
            }[];
          };
        };
      };
      /** @description VALIDATION_FAILED: malformed payloads, another namespace, or undecryptable */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED: no or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: wrong role */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  HealthController_health: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description { status: "ok", database: "up", calendar: { health: ok|expiring|expired, officialUntil, daysLeft, warning }, warnings } */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  HouseholdFilesController_list: {
    parameters: {
      query?: {
        /** @description Page number from 1 (50 files a page) */
        page?: number;
        status?: 'open' | 'closed';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HouseholdFilePageResponse'];
        };
      };
      /** @description VALIDATION_FAILED: status or page malformed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: applicants */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  HouseholdFilesController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateHouseholdFileDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HouseholdFileDetailsResponse'];
        };
      };
      /** @description VALIDATION_FAILED: a field (named) is malformed, or username is not a worker */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: not a level-1 approver of the household’s grassroots union (or another branch), nor admin */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description NOT_FOUND: username is not a user */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description HOUSEHOLD_FILE_EXISTS: the head already has an open file (named) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description NO_HARDSHIP_TIER: the household’s figures (named) meet no tier; STANDARD_NOT_FOUND */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  HouseholdFilesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HouseholdFileDetailsResponse'];
        };
      };
      /** @description VALIDATION_FAILED: the id is not a uuid */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: another branch, or another household’s file */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description NOT_FOUND: no such file */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  HouseholdFilesController_close: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CloseHouseholdFileDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HouseholdFileDetailsResponse'];
        };
      };
      /** @description VALIDATION_FAILED: reason missing */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: not a level-1 approver of the household’s grassroots union (or another branch), nor admin */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description NOT_FOUND: no such file */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description HOUSEHOLD_FILE_CLOSED: the file is closed already */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  HouseholdFilesController_verify: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['HouseholdFiguresDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HouseholdFileVerificationResponse'];
        };
      };
      /** @description VALIDATION_FAILED: a field (named) is malformed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: not a level-1 approver of the household’s grassroots union (or another branch), nor admin */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description NOT_FOUND: no such file */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description HOUSEHOLD_FILE_CLOSED: the file is closed already */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AbsenceController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: only approvers delegate */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AbsenceController_set: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SetAbsenceDto'];
      };
    };
    responses: {
      /** @description The absence */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED: delegate, from or until malformed; until not after from, or not in the future */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: only approvers delegate */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description ACTION_INVALID: unknown delegate, not an approver, yourself */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  AbsenceController_clear: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: only approvers delegate */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  MyNotificationsController_list: {
    parameters: {
      query?: {
        /** @description The nextCursor of the previous page */
        cursor?: string;
        limit?: number;
        /** @description Only notifications not marked read yet */
        unread?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InboxResponse'];
        };
      };
      /** @description VALIDATION_FAILED: unread, limit or cursor malformed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  MyNotificationsController_markRead: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NotificationResponse'];
        };
      };
      /** @description VALIDATION_FAILED: id is not a uuid */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description NOTIFICATION_NOT_FOUND: no such notification of yours (someone else's too) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  MedicalEnrolmentsController_list: {
    parameters: {
      query?: {
        username?: string;
        year?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EnrolmentResponse'][];
        };
      };
      /** @description VALIDATION_FAILED: username or year malformed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: a member asking for someone else */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description NOT_FOUND: username is not a user */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  MedicalEnrolmentsController_enrol: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateEnrolmentDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EnrolmentResponse'];
        };
      };
      /** @description VALIDATION_FAILED: a field (named) is malformed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: not a level-1 approver of the member’s union (or another branch), nor admin */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description NOT_FOUND: username is not a user */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description ALREADY_ENROLLED: the member is enrolled for that year */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ModelWorkersController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ModelWorkerResponse'][];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: applicants */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ModelWorkersController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateModelWorkerDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ModelWorkerResponse'];
        };
      };
      /** @description VALIDATION_FAILED: a field (named) is malformed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: administrators only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description NOT_FOUND: username is not a user */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description MODEL_WORKER_EXISTS: the user is linked to an entry already */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description ORG_UNIT_NOT_FOUND: orgUnitCode is not an org unit */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ModelWorkersController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateModelWorkerDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ModelWorkerResponse'];
        };
      };
      /** @description VALIDATION_FAILED: a field (named) is malformed, nothing to change, or the id is not a uuid */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: administrators only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description NOT_FOUND: no such entry */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  FailedNotificationsController_list: {
    parameters: {
      query?: {
        /** @description The nextCursor of the previous page */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FailedNotificationsResponse'];
        };
      };
      /** @description VALIDATION_FAILED: limit or cursor malformed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: auditors and admins only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  OrgController_units: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description City first, then districts, then grassroots, by name */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OrgUnitResponse'][];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ProgramsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The programs, by code */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProgramResponse'][];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ProgramsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The program */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProgramResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description PROGRAM_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ProgramsController_preview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PreviewDto'];
      };
    };
    responses: {
      /** @description The assessment of the standard in force today */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PreviewResponse'];
        };
      };
      /** @description VALIDATION_FAILED: category or a fact (named) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description PROGRAM_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description STANDARD_NOT_FOUND: no standard in force today */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ProgramsController_standards: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The versions */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StandardResponse'][];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description PROGRAM_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ProgramsController_addStandard: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        code: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateStandardDto'];
      };
    };
    responses: {
      /** @description The new version */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StandardResponse'];
        };
      };
      /** @description VALIDATION_FAILED: a field (named) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: administrators only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description PROGRAM_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description STANDARD_INVALID: a parameter the rules read is missing, the version exists, or validFrom is not after the latest version */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  PublicNoticesController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PublicNoticeResponse'][];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  PublicNoticesController_object: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        applicationId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ObjectionDto'];
      };
    };
    responses: {
      /** @description The objection; the case is now under review */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ObjectionResponse'];
        };
      };
      /** @description VALIDATION_FAILED: reason is missing, not text, or not 5 to 2000 characters */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: auditors change nothing */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description APPLICATION_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description NOT_IN_PUBLIC_NOTICE: the case is not (or no longer) in its notice; OBJECTION_ALREADY_LODGED; APPLICATION_CLOSED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description ACTION_INVALID: the applicant objects to their own case */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  TasksController_list: {
    parameters: {
      query?: {
        /** @description An org unit (GET /org-units): cases filed in it or any unit below it */
        branch?: string;
        /** @description Requested amount up to (CNY, inclusive) */
        maxAmount?: number;
        /** @description Requested amount from (CNY, inclusive) */
        minAmount?: number;
        /** @description true: only tasks past their deadline; false: only tasks not past it */
        overdue?: boolean;
        /** @description Program code */
        program?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Soonest deadline first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TaskListItemResponse'][];
        };
      };
      /** @description VALIDATION_FAILED: program, branch, minAmount, maxAmount or overdue (named) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: approvers and administrators only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  TasksController_branches: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BranchResponse'][];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: approvers and administrators only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  TasksController_bulk: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BulkDecisionDto'];
      };
    };
    responses: {
      /** @description Always 200 once the request is valid: each item has ok and the status, or the error code and message it would have got alone (FORBIDDEN, APPLICATION_NOT_FOUND, NOT_APPROVER_OF_CURRENT_LEVEL, LEVEL_ALREADY_DECIDED, ...) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BulkDecisionResponse'];
        };
      };
      /** @description VALIDATION_FAILED: items empty or over 200, or an item field (named, e.g. items.0.applicationId) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: approvers and administrators only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  TasksController_copied: {
    parameters: {
      query?: {
        /** @description An org unit (GET /org-units): cases filed in it or any unit below it */
        branch?: string;
        /** @description Requested amount up to (CNY, inclusive) */
        maxAmount?: number;
        /** @description Requested amount from (CNY, inclusive) */
        minAmount?: number;
        page?: number;
        pageSize?: number;
        /** @description Program code */
        program?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CopiedCaseListResponse'];
        };
      };
      /** @description VALIDATION_FAILED: program, branch, minAmount, maxAmount, page or pageSize (named) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: approvers and administrators only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  TasksController_counts: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InboxCountsResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: approvers and administrators only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  TasksController_decided: {
    parameters: {
      query?: {
        /** @description An org unit (GET /org-units): cases filed in it or any unit below it */
        branch?: string;
        /** @description Requested amount up to (CNY, inclusive) */
        maxAmount?: number;
        /** @description Requested amount from (CNY, inclusive) */
        minAmount?: number;
        page?: number;
        pageSize?: number;
        /** @description Program code */
        program?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DecidedCaseListResponse'];
        };
      };
      /** @description VALIDATION_FAILED: program, branch, minAmount, maxAmount, page or pageSize (named) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: approvers and administrators only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  OrgController_users: {
    parameters: {
      query?: {
        role?: 'applicant' | 'approver' | 'auditor' | 'admin';
        /** @description Users of this org unit */
        unit?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DirectoryUserResponse'][];
        };
      };
      /** @description VALIDATION_FAILED: role or unit (named) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: administrators only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  UsersController_disable: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description { userId, disabled: true } */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED: the id is not a UUID */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: administrators only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description NOT_FOUND: no such user */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description ACTION_INVALID: an administrator cannot disable themselves */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  UsersController_enable: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description { userId, disabled: false } */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED: the id is not a UUID */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description FORBIDDEN: administrators only */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description NOT_FOUND: no such user */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
}
