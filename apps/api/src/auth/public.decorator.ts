import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'aidflow:public';
/** Marks a route that needs no token (login, health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
