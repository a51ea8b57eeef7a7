import { PageInfo, UserError, type Permission } from '@kantoor/platform';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PermissionEnum } from '../administration/administration.enums.js';
import { User } from '../user/user.type.js';

@InputType({ description: "A user's permissions (rechten) in one administration." })
export class SetAccessInput {
  @Field(() => ID, { description: 'A STAFF member or a CLIENT login of your office.' })
  userId!: string;
  @Field(() => ID, { description: 'An administration of your office.' })
  administrationId!: string;
  @Field(() => [PermissionEnum], {
    description: "Replaces the user's permissions there; [] revokes all access.",
  })
  permissions!: Permission[];
}

@ObjectType({ description: 'The result of setAccess.' })
export class SetAccessPayload {
  @Field(() => [PermissionEnum], {
    nullable: true,
    description:
      "The user's resulting effective permissions in the administration (a client's grant cut to the client modules).",
  })
  permissions?: Permission[] | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Who has what in an administration: one user and their permissions.' })
export class AccessEntry {
  @Field(() => ID, { description: "Stable id: the administration's id and the user's id." })
  id!: string;
  @Field(() => User, { description: 'The user.' }) user!: User;
  @Field(() => [PermissionEnum], { description: 'Effective permissions, sorted.' })
  permissions!: Permission[];
  @Field(() => Boolean, {
    description:
      "True for the office's ADMINs: their access comes from their office role, not from a grant.",
  })
  viaOfficeRole!: boolean;
}

@ObjectType({ description: "One change of a user's access (audit log, wijzigingslog)." })
export class AccessAuditEntry {
  @Field(() => ID, { description: 'Stable id of this log entry.' }) id!: string;
  @Field(() => ID, { description: 'The administration whose access changed.' })
  administrationId!: string;
  @Field(() => User, { nullable: true, description: 'Whose access changed.' })
  user!: User | null;
  @Field(() => User, { nullable: true, description: 'The office ADMIN who changed it.' })
  changedBy!: User | null;
  @Field(() => String, { description: 'SET (permissions replaced) or REVOKE (all removed).' })
  action!: string;
  @Field(() => [PermissionEnum], { description: 'The granted permissions before the change.' })
  permissionsBefore!: Permission[];
  @Field(() => [PermissionEnum], { description: 'The granted permissions after the change.' })
  permissionsAfter!: Permission[];
  @Field(() => Date, { description: 'When the change was made.' }) changedAt!: Date;
}

@ObjectType({ description: 'An access audit entry and its cursor.' })
export class AccessAuditEdge {
  @Field(() => String, { description: 'Opaque cursor of this edge, for `after`.' })
  cursor!: string;
  @Field(() => AccessAuditEntry, { description: 'The log entry.' }) node!: AccessAuditEntry;
}

@ObjectType({ description: 'A page of the access audit log (wijzigingslog), newest first.' })
export class AccessAuditConnection {
  @Field(() => [AccessAuditEdge], { description: 'The entries of this page.' })
  edges!: AccessAuditEdge[];
  @Field(() => PageInfo, { description: 'Cursors and whether more pages follow.' })
  pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Entries that match, not just this page.' }) totalCount!: number;
}
