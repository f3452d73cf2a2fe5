import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class HolidayPeriodDto {
  @ApiProperty({ example: '春节 Spring Festival', description: 'Chinese and English name' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ example: '2027-02-05', description: 'First day off, YYYY-MM-DD (China local date)' })
  @Matches(ISO_DATE, { message: 'from must be a date YYYY-MM-DD' })
  from: string;

  @ApiProperty({ example: '2027-02-11', description: 'Last day off, YYYY-MM-DD (same as from for one day)' })
  @Matches(ISO_DATE, { message: 'to must be a date YYYY-MM-DD' })
  to: string;
}

/** One year's State Council notice (国务院办公厅关于<year>年部分节假日安排的通知), as an administrator loads it. */
export class LoadCalendarYearDto {
  @ApiProperty({
    example: 'State Council General Office notice on the 2027 holiday schedule, 国办发明电〔2026〕…号',
    description: 'The notice the schedule is transcribed from: cited on every deadline computed from it',
  })
  @IsString()
  @Length(3, 500)
  source: string;

  @ApiProperty({ type: [HolidayPeriodDto], description: 'The holiday periods of the notice, both ends included' })
  @IsArray()
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => HolidayPeriodDto)
  holidays: HolidayPeriodDto[];

  @ApiProperty({
    type: [String],
    example: ['2027-02-20'],
    description: 'Weekend days that are working days (调休上班), YYYY-MM-DD',
  })
  @IsArray()
  @ArrayMaxSize(40)
  @Matches(ISO_DATE, { each: true, message: 'each of makeUpWorkdays must be a date YYYY-MM-DD' })
  makeUpWorkdays: string[];

  @ApiPropertyOptional({ example: 'corrected 端午 after the amended notice', description: 'Why it was loaded' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class CalendarYearResponse {
  @ApiProperty({ example: 2027 }) year: number;
  @ApiProperty({ enum: ['official', 'provisional'] }) kind: string;
  @ApiProperty() source: string;
  @ApiProperty({ type: [HolidayPeriodDto] }) holidays: HolidayPeriodDto[];
  @ApiProperty({ type: [String] }) makeUpWorkdays: string[];
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null: shipped, or computed' })
  loadedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was loaded or computed' })
  loadedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null: the current schedule' })
  supersededAt: string | null;
}

export class CalendarStatusResponse {
  @ApiProperty({ enum: ['ok', 'expiring', 'expired'] }) health: string;
  @ApiProperty({ type: Number, nullable: true, example: 2026 }) lastOfficialYear: number | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-31' }) officialUntil: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 24 }) daysLeft: number | null;
  @ApiProperty({ type: [Number], example: [2027] }) provisionalYears: number[];
  @ApiProperty({ type: String, nullable: true }) warning: string | null;
}
