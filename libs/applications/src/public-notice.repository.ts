import type { PublicNoticeClosing } from '@aidflow/workflows/application/contract';

/** Where a public notice (公示) stands; `open` and `under_review` are current (listed publicly). */
export type PublicNoticeStatus = 'open' | 'under_review' | 'closed_clean' | 'cleared' | 'upheld' | 'withdrawn';

/** How a notice ends: the window closed without objection, the review dismissed or upheld, or the applicant withdrew. */
export type { PublicNoticeClosing };

export type ObjectionStatus = 'open' | 'upheld' | 'dismissed';

/** The approval-task level a review of objections is filed under (route levels are small numbers, 0 is the applicant). */
export const OBJECTION_REVIEW_LEVEL = 90;

/** A notice as the public sees it: masked name and national id only. */
export interface PublicNotice {
  applicationId: string;
  openedAt: Date;
  closesAt: Date;
  closedAt: Date | null;
  status: PublicNoticeStatus;
  applicantNameMasked: string;
  nationalIdMasked: string | null;
  programCode: string;
  programName: string;
  amountFen: number;
  orgUnitName: string;
  objectionCount: number;
  /** Years without an official holiday schedule the closing date was computed on (provisional calendar). */
  provisionalCalendarYears: number[];
}

export interface Objection {
  id: string;
  applicationId: string;
  objectorUserId: string;
  reason: string;
  lodgedAt: Date;
  status: ObjectionStatus;
  reviewedBy: string | null;
  reviewComment: string | null;
  reviewedAt: Date | null;
}

export interface OpenNotice {
  applicationId: string;
  openedAt: Date;
  closesAt: Date;
  amountFen: number;
  /** Years without an official holiday schedule `closesAt` was computed on; default none. */
  provisionalCalendarYears?: number[];
}

export interface LodgeObjection {
  applicationId: string;
  objectorUserId: string;
  reason: string;
  /** Who reviews it: they get the review task. */
  reviewerIds: string[];
  /** 1 for the first time the case goes under review (a dismissal would end the notice, so it stays 1 today). */
  round: number;
}

export interface ReviewObjections {
  applicationId: string;
  reviewerId: string;
  outcome: 'uphold' | 'dismiss';
  comment: string;
  round: number;
}

/**
 * Port: public notices and objections. Every write is idempotent (keyed by the application, the objector, the review
 * round) and changes the projection and the ledger in the same transaction.
 */
export abstract class PublicNoticeRepository {
  /**
   * Opens the case's notice: the row with masked display fields, the application `in_notice`, a `notice_opened`
   * ledger entry. A second call returns the first notice (its closing time included) unchanged.
   */
  abstract open(notice: OpenNotice): Promise<PublicNotice>;
  /**
   * Records an objection: the row, the application and notice `under_review`, the reviewers' task, an
   * `objection_lodged` ledger entry (without the reason's text). A second call for the same objector returns the first.
   */
  abstract lodgeObjection(objection: LodgeObjection): Promise<Objection>;
  /** Decides every open objection of the case; completes the review task; an `objection_reviewed` ledger entry. */
  abstract reviewObjections(review: ReviewObjections): Promise<Objection[]>;
  /** Ends a current notice (`notice_closed` ledger entry); a notice already ended is left as it is. */
  abstract close(applicationId: string, closing: PublicNoticeClosing): Promise<void>;
  /** Notices open or under review, the soonest to close first. */
  abstract listCurrent(): Promise<PublicNotice[]>;
  abstract find(applicationId: string): Promise<PublicNotice | null>;
  abstract listObjections(applicationId: string): Promise<Objection[]>;
}
