import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness, with a database round trip; no token needed' })
  @ApiOkResponse({ description: '{ status: "ok", database: "up" }' })
  async health(): Promise<{ status: 'ok'; database: 'up' }> {
    await this.db.query('SELECT 1');
    return { status: 'ok', database: 'up' };
  }
}
