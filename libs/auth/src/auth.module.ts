import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { OrgModule } from '@aidflow/org';
import { AuthService } from './auth.service';
import { LoginSecurityRepository, TypeOrmLoginSecurityRepository } from './login-security.repository';

@Module({
  imports: [JwtModule.register({ signOptions: { algorithm: 'HS256' } }), OrgModule],
  providers: [AuthService, { provide: LoginSecurityRepository, useClass: TypeOrmLoginSecurityRepository }],
  exports: [AuthService],
})
export class AuthModule {}
