import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import type { Objection, ObjectionReviewResult, PublicNotice } from '@aidflow/applications';
import { fenToYuan } from '@aidflow/common';

export class ObjectionDto {
  @ApiProperty({
    description: 'Why the case should not be paid: facts the reviewers can check (5 to 2000 characters)',
    example: '申请人家庭名下有商铺出租收入，未如实申报',
    minLength: 5,
    maxLength: 2000,
  })
  @IsString({ message: 'reason must be text saying why the case should not be paid' })
  @Length(5, 2000, { message: 'reason must be 5 to 2000 characters: facts the reviewers can check' })
  reason: string;
}

export class ObjectionReviewDto {
  @ApiProperty({
    description: 'uphold: the objection stands, the case is rejected and its money released; dismiss: it is paid',
    enum: ['uphold', 'dismiss'],
    example: 'dismiss',
  })
  @IsIn(['uphold', 'dismiss'], { message: 'outcome must be uphold or dismiss' })
  outcome: 'uphold' | 'dismiss';

  @ApiProperty({ description: 'The reviewers’ reasons (1 to 2000 characters)', example: '经核查，商铺已于去年转让' })
  @IsString({ message: 'comment must be text giving the reasons of the review' })
  @Length(1, 2000, { message: 'comment must give the reasons of the review (1 to 2000 characters)' })
  comment: string;
}

export class PublicNoticeResponse {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ description: 'Masked: the first character only', example: '张**' }) applicantName: string;
  @ApiPropertyOptional({
    description: 'Masked: first 3 and last 4 characters',
    example: '110***********1234',
    nullable: true,
  })
  nationalId: string | null;
  @ApiProperty({ example: 'hardship-aid' }) programCode: string;
  @ApiProperty({ example: '困难职工帮扶' }) programName: string;
  @ApiProperty({ description: 'Granted amount, CNY', example: 5000 }) amount: number;
  @ApiProperty({ description: "The applicant's union", example: '东区某厂工会' }) orgUnitName: string;
  @ApiProperty({ enum: ['open', 'under_review', 'closed_clean', 'cleared', 'upheld', 'withdrawn'] }) status: string;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ format: 'date-time', description: 'When the window closes (working days on the business calendar)' })
  closesAt: string;
  @ApiProperty({ description: 'Objections lodged so far', example: 0 }) objectionCount: number;
}

export class ObjectionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) objectorUserId: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) lodgedAt: string;
  @ApiProperty({ enum: ['open', 'upheld', 'dismissed'] }) status: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) reviewedBy: string | null;
  @ApiPropertyOptional({ nullable: true }) reviewComment: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) reviewedAt: string | null;
}

export class ObjectionReviewResponse {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({
    description: 'rejected when upheld; under_review until the payment completes (then approved) when dismissed',
    example: 'rejected',
  })
  status: string;
  @ApiPropertyOptional({ nullable: true, example: 'Objection upheld: 经核查属实' }) outcomeReason: string | null;
  @ApiProperty({ type: PublicNoticeResponse }) notice: PublicNoticeResponse;
  @ApiProperty({ type: [ObjectionResponse] }) objections: ObjectionResponse[];
}

export function toPublicNoticeResponse(n: PublicNotice): PublicNoticeResponse {
  return {
    applicationId: n.applicationId,
    applicantName: n.applicantNameMasked,
    nationalId: n.nationalIdMasked,
    programCode: n.programCode,
    programName: n.programName,
    amount: fenToYuan(n.amountFen),
    orgUnitName: n.orgUnitName,
    status: n.status,
    openedAt: n.openedAt.toISOString(),
    closesAt: n.closesAt.toISOString(),
    objectionCount: n.objectionCount,
  };
}

export function toObjectionResponse(o: Objection): ObjectionResponse {
  return {
    id: o.id,
    applicationId: o.applicationId,
    objectorUserId: o.objectorUserId,
    reason: o.reason,
    lodgedAt: o.lodgedAt.toISOString(),
    status: o.status,
    reviewedBy: o.reviewedBy,
    reviewComment: o.reviewComment,
    reviewedAt: o.reviewedAt ? o.reviewedAt.toISOString() : null,
  };
}

export function toObjectionReviewResponse(r: ObjectionReviewResult): ObjectionReviewResponse {
  return {
    applicationId: r.applicationId,
    status: r.status,
    outcomeReason: r.outcomeReason,
    notice: toPublicNoticeResponse(r.notice),
    objections: r.objections.map(toObjectionResponse),
  };
}
