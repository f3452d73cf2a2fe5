import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@aidflow/auth';
import { RegistriesService } from '@aidflow/registries';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiErrors } from '../common/api-errors.decorator';
import { CreateModelWorkerDto, ModelWorkerResponse, UpdateModelWorkerDto } from './registries.dto';
import { toModelWorkerResponse } from './registries.response';

@ApiTags('model-workers')
@ApiBearerAuth()
@ApiErrors({ 401: 'UNAUTHENTICATED' })
@Controller('model-workers')
export class ModelWorkersController {
  constructor(@Inject(RegistriesService) private readonly registries: RegistriesService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add a model worker (劳模) to the registry (administrators)' })
  @ApiCreatedResponse({ type: ModelWorkerResponse })
  @ApiErrors({
    400: 'VALIDATION_FAILED: a field (named) is malformed',
    403: 'FORBIDDEN: administrators only',
    404: 'NOT_FOUND: username is not a user',
    409: 'MODEL_WORKER_EXISTS: the user is linked to an entry already',
    422: 'ORG_UNIT_NOT_FOUND: orgUnitCode is not an org unit',
  })
  async create(@CurrentUser() user: Principal, @Body() body: CreateModelWorkerDto): Promise<ModelWorkerResponse> {
    return toModelWorkerResponse(await this.registries.createModelWorker(user, body));
  }

  @Get()
  @Roles('approver', 'auditor', 'admin')
  @ApiOperation({
    summary: 'The model-worker registry, names masked: admins and auditors see all, approvers their branch',
  })
  @ApiOkResponse({ type: [ModelWorkerResponse] })
  @ApiErrors({ 403: 'FORBIDDEN: applicants' })
  async list(@CurrentUser() user: Principal): Promise<ModelWorkerResponse[]> {
    return (await this.registries.listModelWorkers(user)).map(toModelWorkerResponse);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change an entry’s work status or take it off the registry (active: false)' })
  @ApiOkResponse({ type: ModelWorkerResponse })
  @ApiErrors({
    400: 'VALIDATION_FAILED: a field (named) is malformed, nothing to change, or the id is not a uuid',
    403: 'FORBIDDEN: administrators only',
    404: 'NOT_FOUND: no such entry',
  })
  async update(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateModelWorkerDto,
  ): Promise<ModelWorkerResponse> {
    return toModelWorkerResponse(await this.registries.updateModelWorker(user, id, body));
  }
}
