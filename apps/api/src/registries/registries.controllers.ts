import { HouseholdFilesController } from './household-files.controller';
import { MedicalEnrolmentsController } from './medical-enrolments.controller';
import { ModelWorkersController } from './model-workers.controller';
import { UsageReportsController } from './usage-reports.controller';

/** The HTTP side of the registries (household files, model workers, medical enrolments, usage reports). */
export const REGISTRIES_CONTROLLERS = [
  HouseholdFilesController,
  ModelWorkersController,
  MedicalEnrolmentsController,
  UsageReportsController,
];
