import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'applicant1' })
  @IsString()
  @Length(1, 100)
  username: string;

  @ApiProperty({ example: 'aidflow-demo' })
  @IsString()
  @Length(1, 200)
  password: string;
}
