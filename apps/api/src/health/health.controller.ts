import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CalendarService } from '@aidflow/calendar';
import type { CalendarHealth } from '@aidflow/calendar';
import { Public } from '../auth/public.decorator';

export interface HealthResponse {
  status: 'ok';
  database: 'up';
  /** How far the official business calendar reaches; `warning` says what to do from 60 days before it ends. */
  calendar: { health: CalendarHealth; officialUntil: string | null; daysLeft: number | null; warning: string | null };
  /** Things an operator should act on (today: the calendar's warning). */
  warnings: string[];
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CalendarService) private readonly calendar: CalendarService,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness, with a database round trip, and the business calendar’s reach; no token needed' })
  @ApiOkResponse({
    description:
      '{ status: "ok", database: "up", calendar: { health: ok|expiring|expired, officialUntil, daysLeft, warning }, warnings }',
  })
  async health(): Promise<HealthResponse> {
    await this.db.query('SELECT 1');
    const { health, officialUntil, daysLeft, warning } = await this.calendar.status();
    return {
      status: 'ok',
      database: 'up',
      calendar: { health, officialUntil, daysLeft, warning },
      warnings: warning ? [warning] : [],
    };
  }
}
