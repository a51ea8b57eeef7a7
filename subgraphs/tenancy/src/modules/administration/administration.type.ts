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
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => AdministrationKindEnum) kind!: AdministrationKind;
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
  @Field(() => Boolean) archived!: boolean;

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

@ObjectType()
export class AdministrationEdge {
  @Field(() => String) cursor!: string;
  @Field(() => Administration) node!: Administration;
}

@ObjectType()
export class AdministrationConnection {
  @Field(() => [AdministrationEdge]) edges!: AdministrationEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType()
export class AdministrationFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive match on name, VAT number or KvK number.',
  })
  search?: string | null;
  @Field(() => [AdministrationKindEnum], { nullable: true }) kinds?: AdministrationKind[] | null;
  @Field(() => Boolean, { nullable: true }) includeArchived?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only administrations whose openActions.total > 0 for the viewer.',
  })
  needsAttention?: boolean | null;
}
