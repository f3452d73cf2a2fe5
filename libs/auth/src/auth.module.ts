import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '@aidflow/config';
import { OrgModule } from '@aidflow/org';
import { AuthService } from './auth.service';
import { LoginSecurityRepository, TypeOrmLoginSecurityRepository } from './login-security.repository';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        // One key object for the process. Given the secret as a string, jsonwebtoken first tries to parse it as a
        // public key on every call (and throws); that was 13.8 % of the API's CPU in the throughput benchmark.
        const key = createSecretKey(Buffer.from(config.auth.jwtSecret));
        return {
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
          secretOrKeyProvider: () => key,
        };
      },
    }),
    OrgModule,
  ],
  providers: [AuthService, { provide: LoginSecurityRepository, useClass: TypeOrmLoginSecurityRepository }],
  exports: [AuthService],
})
export class AuthModule {}
