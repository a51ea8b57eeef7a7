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
  @Field(() => String) name!: string;
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

@ObjectType()
export class CreateAdministrationPayload {
  @Field(() => Administration, { nullable: true }) administration?: Administration | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@InputType({
  description:
    'Changes to an administration. An omitted field stays as it is; vatNumber or kvkNumber null clears it. The kind cannot change.',
})
export class UpdateAdministrationInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
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
  @Field(() => VatFilingPeriodEnum, { nullable: true }) vatFilingPeriod?: VatFilingPeriod | null;
  @Field(() => String, {
    nullable: true,
    description: 'BTW-identificatienummer; null clears it.',
  })
  vatNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'KvK-nummer, 8 digits; null clears it.' })
  kvkNumber?: string | null;
}

@ObjectType()
export class UpdateAdministrationPayload {
  @Field(() => Administration, { nullable: true }) administration?: Administration | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@InputType()
export class ArchiveAdministrationInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description: 'true archives (gearchiveerd), false brings it back.',
  })
  archived?: boolean | null;
}

@ObjectType()
export class ArchiveAdministrationPayload {
  @Field(() => Administration, { nullable: true }) administration?: Administration | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@InputType({ description: 'A business signing up for its own subscription.' })
export class SignUpBusinessInput {
  @Field(() => String, { description: 'Name of the business; its administration gets it.' })
  businessName!: string;
  @Field(() => String, { description: "The owner's own name." }) name!: string;
  @Field(() => String) email!: string;
  @Field(() => String, { description: 'At least 12 characters.' }) password!: string;
}

@ObjectType()
export class SignUpBusinessPayload {
  @Field(() => Administration, { nullable: true }) administration?: Administration | null;
  @Field(() => User, { nullable: true }) user?: User | null;
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
  @Field(() => [UserError]) userErrors!: UserError[];
}
