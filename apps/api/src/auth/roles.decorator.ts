import { SetMetadata } from '@nestjs/common';
import type { Role } from '@aidflow/org';

export const ROLES_KEY = 'aidflow:roles';
/** Roles allowed on a route; object-level checks happen in the services. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);
