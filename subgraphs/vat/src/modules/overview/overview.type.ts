import { DateScalar, PageInfo } from '@kantoor/platform';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { VatReturnStatus } from '../vat-return/vat-return.sql.js';
import { VatReturn, VatReturnStatusEnum } from '../vat-return/vat-return.type.js';
import { VatAdministration } from '../administration/administration.type.js';

@ObjectType('VatOverviewRow')
export class VatOverviewRow {
  @Field(() => ID, { description: "Stable id: the administration's id and the period." })
  id!: string;
  @Field(() => VatAdministration) administration!: VatAdministration;
  @Field(() => VatReturn) return!: VatReturn;
}

@ObjectType('VatOverviewEdge')
export class VatOverviewEdge {
  @Field(() => String) cursor!: string;
  @Field(() => VatOverviewRow) node!: VatOverviewRow;
}

@ObjectType('VatStatusCount')
export class VatStatusCount {
  @Field(() => VatReturnStatusEnum) status!: VatReturnStatus;
  @Field(() => Int) count!: number;
}

@ObjectType('VatOverviewConnection')
export class VatOverviewConnection {
  @Field(() => [VatOverviewEdge]) edges!: VatOverviewEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
  @Field(() => [VatStatusCount], {
    description: 'Over all rows of the filter, not just this page.',
  })
  countsByStatus!: VatStatusCount[];
}

@InputType('VatOverviewFilter')
export class VatOverviewFilter {
  @Field(() => [VatReturnStatusEnum], { nullable: true }) statuses?: VatReturnStatus[] | null;
  @Field(() => DateScalar, { nullable: true, description: 'Returns due on or before this date.' })
  dueBefore?: string | null;
  @Field(() => Boolean, { nullable: true }) overdue?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Administration name.' }) search?:
    string | null;
}
