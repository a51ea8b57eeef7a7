import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '@kantoor/platform';
import {
  AdministrationKindEnum,
  ModuleEnum,
  VatFilingPeriodEnum,
  type AdministrationKind,
  type Module,
  type VatFilingPeriod,
} from './administration.enums.js';
import type { AdministrationEntity } from './administration.entity.js';

@Directive('@key(fields: "id")')
@ObjectType('Administration', {
  description: 'A client administration (administratie): one set of books.',
})
export class Administration {
  @Field(() => ID, { description: 'Stable id of the administration.' }) id!: string;
  @Field(() => String, {
    description: "Name of the administration, usually the client's business name.",
  })
  name!: string;
  @Field(() => AdministrationKindEnum, {
    description: 'How it relates to the office; fixed at creation (EXTERNAL by linking).',
  })
  kind!: AdministrationKind;
  @Field(() => [ModuleEnum], {
    description:
      'Modules the administration has. Staff always have LEDGER on internal administrations.',
  })
  modules!: Module[];
  @Field(() => [ModuleEnum], {
    description: 'Modules the client may use (INTERNAL_WITH_CLIENT_LOGIN only; empty otherwise).',
  })
  clientModules!: Module[];
  @Field(() => VatFilingPeriodEnum, { description: 'How often VAT is filed (aangifteperiode).' })
  vatFilingPeriod!: VatFilingPeriod;
  @Field(() => String, {
    nullable: true,
    description: 'BTW-identificatienummer, e.g. NL123456782B01.',
  })
  vatNumber!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'KvK-nummer (Chamber of Commerce), 8 digits.',
  })
  kvkNumber!: string | null;
  @Field(() => Boolean, {
    description:
      'True once archived (gearchiveerd): read-only, and left out of `administrations` unless filter.includeArchived.',
  })
  archived!: boolean;

  static from(entity: AdministrationEntity): Administration {
    return Object.assign(new Administration(), {
      id: entity.id,
      name: entity.name,
      kind: entity.kind,
      modules: entity.modules,
      clientModules: entity.clientModules,
      vatFilingPeriod: entity.vatFilingPeriod,
      vatNumber: entity.vatNumber,
      kvkNumber: entity.kvkNumber,
      archived: entity.archivedAt !== null,
    });
  }
}

@ObjectType({ description: 'An administration and its cursor.' })
export class AdministrationEdge {
  @Field(() => String, { description: 'Opaque cursor of this edge, for `after`.' })
  cursor!: string;
  @Field(() => Administration, { description: 'The administration.' }) node!: Administration;
}

@ObjectType({ description: 'A page of the administrations the viewer may open.' })
export class AdministrationConnection {
  @Field(() => [AdministrationEdge], { description: 'The administrations of this page.' })
  edges!: AdministrationEdge[];
  @Field(() => PageInfo, { description: 'Cursors and whether more pages follow.' })
  pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Administrations that match the filter, not just this page.' })
  totalCount!: number;
}

@InputType({ description: 'Narrows the administrations list; the conditions given must all hold.' })
export class AdministrationFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive match on name, VAT number or KvK number.',
  })
  search?: string | null;
  @Field(() => [AdministrationKindEnum], {
    nullable: true,
    description: 'Only these kinds; every kind when absent or empty.',
  })
  kinds?: AdministrationKind[] | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'true: archived administrations too (left out by default).',
  })
  includeArchived?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only administrations whose openActions.total > 0 for the viewer.',
  })
  needsAttention?: boolean | null;
}
