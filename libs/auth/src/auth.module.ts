import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { OrgModule } from '@aidflow/org';
import { AuthService } from './auth.service';

@Module({
  imports: [JwtModule.register({ signOptions: { algorithm: 'HS256' } }), OrgModule],
  providers: [AuthService],
  exports: [AuthService],
})
export class AuthModule {}
