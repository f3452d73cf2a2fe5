export * from './principal';
export * from './auth.service';
export * from './auth.module';
export * from './login-security.repository';
