import { Body, Controller, Get, Inject, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@aidflow/auth';
import { CalendarService } from '@aidflow/calendar';
import type { CalendarYearRecord } from '@aidflow/calendar';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import type { HolidayYear } from '@aidflow/workflows/calendar';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiErrors } from '../common/api-errors.decorator';
import { CalendarStatusResponse, CalendarYearResponse, LoadCalendarYearDto } from './calendar.dto';

function yearView(r: CalendarYearRecord | HolidayYear): CalendarYearResponse {
  const stored = 'id' in r ? r : null;
  return {
    year: r.year,
    kind: r.kind ?? 'official',
    source: r.source,
    holidays: [...r.holidays],
    makeUpWorkdays: [...r.makeUpWorkdays],
    note: stored?.note ?? null,
    loadedBy: stored?.loadedBy ?? null,
    loadedAt: stored?.loadedAt.toISOString() ?? null,
    supersededAt: stored?.supersededAt?.toISOString() ?? null,
  };
}

const yearPipe = new ParseIntPipe({
  exceptionFactory: () =>
    new ApplicationException(ErrorCode.ValidationFailed, 'year must be a whole number, e.g. 2027', { field: 'year' }),
});

/**
 * The business calendar behind every deadline in working days: one schedule per year, the State Council notice an
 * administrator loaded or, for a year nobody loaded, a provisional one computed from the statutory rule.
 */
@ApiTags('calendar')
@ApiBearerAuth()
@ApiErrors({ 401: 'UNAUTHENTICATED' })
@Controller('calendar')
export class CalendarController {
  constructor(@Inject(CalendarService) private readonly calendar: CalendarService) {}

  @Get('status')
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'How far the official calendar reaches, and what to do before it runs out' })
  @ApiOkResponse({ type: CalendarStatusResponse })
  @ApiErrors({ 403: 'FORBIDDEN: administrators and auditors' })
  async status(): Promise<CalendarStatusResponse> {
    const { health, lastOfficialYear, officialUntil, daysLeft, provisionalYears, warning } =
      await this.calendar.status();
    return { health, lastOfficialYear, officialUntil, daysLeft, provisionalYears, warning };
  }

  @Get('years')
  @ApiOperation({ summary: 'The current schedule of every year, official or provisional' })
  @ApiOkResponse({ type: [CalendarYearResponse] })
  async years(): Promise<CalendarYearResponse[]> {
    return (await this.calendar.years()).map(yearView);
  }

  @Get('years/:year')
  @ApiOperation({ summary: 'Every schedule stored for a year, oldest first; the last is current unless superseded' })
  @ApiOkResponse({ type: [CalendarYearResponse] })
  @ApiErrors({ 400: 'VALIDATION_FAILED: year', 404: 'CALENDAR_YEAR_NOT_FOUND' })
  async history(@Param('year', yearPipe) year: number): Promise<CalendarYearResponse[]> {
    return (await this.calendar.history(year)).map(yearView);
  }

  @Get('years/:year/provisional')
  @ApiOperation({
    summary: 'What the statutory rule gives for a year (weekends, the legal holidays, 补假), without storing it',
  })
  @ApiOkResponse({ type: CalendarYearResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED: year (1970-2100)' })
  provisional(@Param('year', yearPipe) year: number): CalendarYearResponse {
    return yearView(this.calendar.provisional(year));
  }

  @Put('years/:year')
  @Roles('admin')
  @ApiOperation({
    summary: 'Load the State Council holiday notice for a year (administrators)',
    description:
      'The schedule replaces the year’s current one (a provisional one, or an earlier official one, kept as ' +
      'superseded). Deadlines computed before keep their dates; new ones use this schedule.',
  })
  @ApiOkResponse({ type: CalendarYearResponse, description: 'The stored schedule, and the one it replaced' })
  @ApiErrors({
    400: 'VALIDATION_FAILED: a field (named)',
    403: 'FORBIDDEN: administrators only',
    422: 'CALENDAR_INVALID: the entry named (dates outside the year, overlapping holidays, a make-up day not on a weekend)',
  })
  async load(
    @CurrentUser() user: Principal,
    @Param('year', yearPipe) year: number,
    @Body() body: LoadCalendarYearDto,
  ): Promise<CalendarYearResponse & { replaced: CalendarYearResponse | null }> {
    const { record, replaced } = await this.calendar.load({ year, ...body }, user.userId);
    return { ...yearView(record), replaced: replaced ? yearView(replaced) : null };
  }
}
