import { Inject, Injectable } from '@nestjs/common';
import { CaseAccessService } from './case-access.service';
import { CaseActionsService } from './case-actions.service';
import { SubmissionService } from './submission.service';

export * from './application-commands';

/**
 * The applications use cases behind one entry point for the API and the scripts: filing (SubmissionService, with
 * the rules of CaseRulesService), acting on a case (CaseActionsService), reading and access (CaseAccessService).
 * Each method hands over to the use case as it is.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    @Inject(SubmissionService) private readonly submission: SubmissionService,
    @Inject(CaseActionsService) private readonly actions: CaseActionsService,
    @Inject(CaseAccessService) private readonly access: CaseAccessService,
  ) {}

  submit(...a: Parameters<SubmissionService['submit']>) {
    return this.submission.submit(...a);
  }
  submitHardship(...a: Parameters<SubmissionService['submitHardship']>) {
    return this.submission.submitHardship(...a);
  }
  preview(...a: Parameters<SubmissionService['preview']>) {
    return this.submission.preview(...a);
  }

  get(...a: Parameters<CaseAccessService['get']>) {
    return this.access.get(...a);
  }
  requireAccess(...a: Parameters<CaseAccessService['requireAccess']>) {
    return this.access.requireAccess(...a);
  }
  listApplications(...a: Parameters<CaseAccessService['listApplications']>) {
    return this.access.listApplications(...a);
  }

  decide(...a: Parameters<CaseActionsService['decide']>) {
    return this.actions.decide(...a);
  }
  bulkDecide(...a: Parameters<CaseActionsService['bulkDecide']>) {
    return this.actions.bulkDecide(...a);
  }
  returnCase(...a: Parameters<CaseActionsService['returnCase']>) {
    return this.actions.returnCase(...a);
  }
  resubmit(...a: Parameters<CaseActionsService['resubmit']>) {
    return this.actions.resubmit(...a);
  }
  withdraw(...a: Parameters<CaseActionsService['withdraw']>) {
    return this.actions.withdraw(...a);
  }
  transfer(...a: Parameters<CaseActionsService['transfer']>) {
    return this.actions.transfer(...a);
  }
  addApprover(...a: Parameters<CaseActionsService['addApprover']>) {
    return this.actions.addApprover(...a);
  }
  copy(...a: Parameters<CaseActionsService['copy']>) {
    return this.actions.copy(...a);
  }
  urge(...a: Parameters<CaseActionsService['urge']>) {
    return this.actions.urge(...a);
  }
  comment(...a: Parameters<CaseActionsService['comment']>) {
    return this.actions.comment(...a);
  }
  attach(...a: Parameters<CaseActionsService['attach']>) {
    return this.actions.attach(...a);
  }
}
