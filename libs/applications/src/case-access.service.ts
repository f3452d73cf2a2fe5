import { Inject, Injectable } from '@nestjs/common';
import { ApplicationException, ErrorCode, maskIdentifier } from '@aidflow/common';
import type { Principal } from '@aidflow/auth';
import { RejectedAttemptsRepository } from '@aidflow/audit';
import { OrgRepository } from '@aidflow/org';
import type { ApplicationDetails } from './application-commands';
import type { ApplicationEntity } from './application.entity';
import { ApplicationsRepository } from './applications.repository';
import type { ApplicationListFilter, ApplicationListPage } from './applications.repository';
import { refuse } from './refuse';

/**
 * Who may see a case and do what on it, in one place: the case's visibility (its applicant, approvers of its
 * branch of the org tree or copied to it, auditors, administrators) and the roles allowed an action; every refusal
 * is recorded for auditors. Also reading a case and the lists.
 */
@Injectable()
export class CaseAccessService {
  constructor(
    @Inject(ApplicationsRepository) private readonly applications: ApplicationsRepository,
    @Inject(OrgRepository) private readonly org: OrgRepository,
    @Inject(RejectedAttemptsRepository) private readonly rejected: RejectedAttemptsRepository,
  ) {}

  /** Loads the application if `actor` may see it; a refusal is recorded for auditors. */
  async requireVisible(actor: Principal, id: string, action: string): Promise<ApplicationEntity> {
    const app = await this.applications.findById(id, { withSensitive: true });
    if (!app) throw new ApplicationException(ErrorCode.ApplicationNotFound, `Application ${id} does not exist`);
    let allowed = false;
    switch (actor.role) {
      case 'applicant':
        allowed = app.applicantUserId === actor.userId;
        break;
      case 'approver':
        allowed =
          (actor.orgUnitId !== null && (await this.org.isWithinBranch(app.orgUnitId, actor.orgUnitId))) ||
          (await this.applications.isWatcher(app.id, actor.userId));
        break;
      case 'auditor':
      case 'admin':
        allowed = true;
        break;
    }
    if (!allowed) {
      await this.refuse(actor, action, id, ErrorCode.Forbidden, `Application ${id} is outside what you may see`);
    }
    return app;
  }

  /**
   * The one access check of every use case: the case's visibility (see above) and, when given, the roles allowed to
   * do `action` (an applicant's verbs belong to whoever filed the case: an applicant, or the union officer of a union
   * subsidy). Refusals are recorded for auditors. Returns the case (with its sensitive fields).
   */
  async requireAccess(
    actor: Principal,
    id: string,
    action: string,
    roles?: ReadonlyArray<Principal['role']>,
  ): Promise<ApplicationEntity> {
    const app = await this.requireVisible(actor, id, action);
    const filer = roles?.includes('applicant') === true && app.applicantUserId === actor.userId;
    if (roles && !roles.includes(actor.role) && !filer) {
      await this.refuse(
        actor,
        action,
        id,
        ErrorCode.Forbidden,
        `${action} is for ${roles.join(' or ')}; you are ${actor.role}`,
      );
    }
    return app;
  }

  /** Records the refused attempt for auditors, then throws it (see refuse.ts). */
  refuse(actor: Principal, action: string, applicationId: string, code: ErrorCode, reason: string) {
    return refuse(this.rejected, actor, action, applicationId, code, reason);
  }

  async details(app: ApplicationEntity): Promise<ApplicationDetails> {
    const [decisions, tasks, actions] = await Promise.all([
      this.applications.listDecisions(app.id),
      this.applications.listTasks(app.id),
      this.applications.listActions(app.id),
    ]);
    return { application: app, nationalIdMasked: maskIdentifier(app.nationalId), decisions, tasks, actions };
  }

  async get(actor: Principal, id: string): Promise<ApplicationDetails> {
    const app = await this.requireVisible(actor, id, 'view');
    return this.details(app);
  }

  /**
   * A page of cases, newest first. `mine`: the cases the caller filed (anyone); otherwise every case, for auditors and
   * administrators only (approvers see theirs through GET /tasks).
   */
  listApplications(
    actor: Principal,
    query: Omit<ApplicationListFilter, 'applicantUserId' | 'offset' | 'limit'> & {
      mine: boolean;
      page: number;
      pageSize: number;
    },
  ): Promise<ApplicationListPage> {
    if (!query.mine && actor.role !== 'auditor' && actor.role !== 'admin') {
      throw new ApplicationException(
        ErrorCode.Forbidden,
        `Listing every case is for auditors and administrators; you are ${actor.role} (send mine=true)`,
      );
    }
    const { mine, page, pageSize, ...filters } = query;
    return this.applications.listApplications({
      ...filters,
      ...(mine ? { applicantUserId: actor.userId } : {}),
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
  }
}
