import { UserError } from '@kantoor/platform';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { User } from '../user/user.type.js';
import {
  AdministrationKindEnum,
  ModuleEnum,
  VatFilingPeriodEnum,
  type AdministrationKind,
  type Module,
  type VatFilingPeriod,
} from './administration.enums.js';
import { Administration } from './administration.type.js';

@InputType({ description: 'A new administration (administratie) in the office of the viewer.' })
export class CreateAdministrationInput {
  @Field(() => String, { description: 'Name of the administration; not blank.' }) name!: string;
  @Field(() => AdministrationKindEnum, {
    description:
      'INTERNAL or INTERNAL_WITH_CLIENT_LOGIN; EXTERNAL only arises by linking (KIND_NOT_ALLOWED).',
  })
  kind!: AdministrationKind;
  @Field(() => [ModuleEnum], {
    nullable: true,
    description: 'Defaults to [LEDGER]. LEDGER is always included for internal administrations.',
  })
  modules?: Module[] | null;
  @Field(() => [ModuleEnum], {
    nullable: true,
    description:
      'Modules the client may use: required (non-empty) for INTERNAL_WITH_CLIENT_LOGIN, a subset of modules; not allowed otherwise.',
  })
  clientModules?: Module[] | null;
  @Field(() => VatFilingPeriodEnum, {
    nullable: true,
    description: 'Aangifteperiode; defaults to QUARTER.',
  })
  vatFilingPeriod?: VatFilingPeriod | null;
  @Field(() => String, {
    nullable: true,
    description: 'BTW-identificatienummer, e.g. NL123456782B01; spaces and dots are ignored.',
  })
  vatNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'KvK-nummer, 8 digits.' })
  kvkNumber?: string | null;
  @Field(() => ID, {
    nullable: true,
    description:
      "The office's chart template to start from; the office default when omitted. Passed on to the ledger, which checks it.",
  })
  chartTemplateId?: string | null;
}

@ObjectType({ description: 'The result of createAdministration.' })
export class CreateAdministrationPayload {
  @Field(() => Administration, {
    nullable: true,
    description: 'The new administration; null when userErrors is not empty.',
  })
  administration?: Administration | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({
  description:
    'Changes to an administration. An omitted field stays as it is; vatNumber or kvkNumber null clears it. The kind cannot change.',
})
export class UpdateAdministrationInput {
  @Field(() => ID, { description: 'The administration to change.' }) administrationId!: string;
  @Field(() => String, { nullable: true, description: 'New name; not blank.' }) name?:
    string | null;
  @Field(() => [ModuleEnum], {
    nullable: true,
    description: 'LEDGER is always included for internal administrations.',
  })
  modules?: Module[] | null;
  @Field(() => [ModuleEnum], {
    nullable: true,
    description: 'INTERNAL_WITH_CLIENT_LOGIN only: non-empty, a subset of modules.',
  })
  clientModules?: Module[] | null;
  @Field(() => VatFilingPeriodEnum, {
    nullable: true,
    description: 'New aangifteperiode (VAT filing period).',
  })
  vatFilingPeriod?: VatFilingPeriod | null;
  @Field(() => String, {
    nullable: true,
    description: 'BTW-identificatienummer; null clears it.',
  })
  vatNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'KvK-nummer, 8 digits; null clears it.' })
  kvkNumber?: string | null;
}

@ObjectType({ description: 'The result of updateAdministration.' })
export class UpdateAdministrationPayload {
  @Field(() => Administration, {
    nullable: true,
    description: 'The administration after the change; null when userErrors is not empty.',
  })
  administration?: Administration | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'An administration to archive or bring back.' })
export class ArchiveAdministrationInput {
  @Field(() => ID, { description: 'The administration.' }) administrationId!: string;
  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description: 'true archives (gearchiveerd), false brings it back.',
  })
  archived?: boolean | null;
}

@ObjectType({ description: 'The result of archiveAdministration.' })
export class ArchiveAdministrationPayload {
  @Field(() => Administration, {
    nullable: true,
    description: 'The administration after the change; null when userErrors is not empty.',
  })
  administration?: Administration | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'A business signing up for its own subscription.' })
export class SignUpBusinessInput {
  @Field(() => String, { description: 'Name of the business; its administration gets it.' })
  businessName!: string;
  @Field(() => String, { description: "The owner's own name." }) name!: string;
  @Field(() => String, {
    description: "The owner's login e-mail address; unique, case-insensitive.",
  })
  email!: string;
  @Field(() => String, { description: 'At least 12 characters.' }) password!: string;
}

@ObjectType({ description: 'The result of signUpBusiness.' })
export class SignUpBusinessPayload {
  @Field(() => Administration, {
    nullable: true,
    description:
      "The business's own administration (its owner has every permission there); null when userErrors is not empty.",
  })
  administration?: Administration | null;
  @Field(() => User, {
    nullable: true,
    description: 'The owner, a CLIENT user; null when userErrors is not empty.',
  })
  user?: User | null;
  @Field(() => String, {
    nullable: true,
    description: 'Bearer token of a new login session of the owner.',
  })
  token?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Single-use refresh token of that session.',
  })
  refreshToken?: string | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}
