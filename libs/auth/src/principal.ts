import type { Role } from '@aidflow/org';

/** Who is calling, as carried in the signed token. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: string | null;
  approvalLevel: number | null;
}
