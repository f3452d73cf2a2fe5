import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { CandidateVerb } from '@aidflow/applications';

const VERBS: CandidateVerb[] = ['transfer', 'add_approver', 'copy'];

export class CandidatesQueryDto {
  @ApiProperty({ enum: VERBS, description: '转交 transfer, 加签 add_approver, 抄送 copy' })
  @IsIn(VERBS, { message: `verb must be one of ${VERBS.join(', ')}` })
  verb: CandidateVerb;
}

/** Someone the case's task may go to, or the case be copied to. */
export class CandidateResponse {
  @ApiProperty({ example: 'approver-d-east' }) username: string;
  @ApiProperty({ example: '东城区总工会 审批人' }) displayName: string;
  @ApiProperty({ example: '东城区总工会' }) orgUnitName: string;
  @ApiProperty({ type: Number, nullable: true }) approvalLevel: number | null;
}
