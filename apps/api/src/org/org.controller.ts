import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import type { Principal } from '@aidflow/auth';
import { OrgDirectoryService, ROLES } from '@aidflow/org';
import type { Role } from '@aidflow/org';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiErrors } from '../common/api-errors.decorator';

export class OrgUnitResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'D-EAST' }) code: string;
  @ApiProperty({ example: '东城区总工会 East District Union' }) name: string;
  @ApiProperty({ enum: ['city', 'district', 'grassroots'] }) kind: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId: string | null;
}

export class DirectoryUserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'approver-d-east' }) username: string;
  @ApiProperty({ example: '赵敏' }) displayName: string;
  @ApiProperty({ enum: [...ROLES] }) role: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) orgUnitId: string | null;
  @ApiProperty({ type: Number, nullable: true }) approvalLevel: number | null;
  @ApiProperty() disabled: boolean;
}

export class ListUsersQueryDto {
  @ApiPropertyOptional({ enum: [...ROLES] })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Users of this org unit' })
  @IsOptional()
  @IsUUID('all', { message: 'unit must be the uuid of an org unit' })
  unit?: string;
}

@ApiTags('org')
@ApiBearerAuth()
@Controller()
export class OrgController {
  constructor(@Inject(OrgDirectoryService) private readonly directory: OrgDirectoryService) {}

  @Get('org-units')
  @ApiOperation({
    summary: 'The org tree: the city federation, its district unions and their grassroots unions (parentId links)',
  })
  @ApiOkResponse({ type: [OrgUnitResponse], description: 'City first, then districts, then grassroots, by name' })
  @ApiErrors({ 401: 'UNAUTHENTICATED' })
  async units(): Promise<OrgUnitResponse[]> {
    return (await this.directory.units()).map((u) => ({
      id: u.id,
      code: u.code,
      name: u.name,
      kind: u.kind,
      parentId: u.parentId,
    }));
  }

  @Get('users')
  @Roles('admin')
  @ApiOperation({ summary: 'The users, by username (no email, phone or password), for the administrators’ console' })
  @ApiOkResponse({ type: [DirectoryUserResponse] })
  @ApiErrors({
    400: 'VALIDATION_FAILED: role or unit (named)',
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN: administrators only',
  })
  users(@CurrentUser() user: Principal, @Query() query: ListUsersQueryDto): Promise<DirectoryUserResponse[]> {
    return this.directory.listUsers(user, {
      ...(query.role ? { role: query.role } : {}),
      ...(query.unit ? { orgUnitId: query.unit } : {}),
    });
  }
}
