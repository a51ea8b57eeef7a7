import { DateScalar, PageInfo } from '@kantoor/platform';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { VatReturnStatus } from '../vat-return/vat-return.sql.js';
import { VatReturn, VatReturnStatusEnum } from '../vat-return/vat-return.type.js';
import { VatAdministration } from '../administration/administration.type.js';

@ObjectType('VatOverviewRow', {
  description: 'One line of the VAT overview: an administration and one of its filing periods.',
})
export class VatOverviewRow {
  @Field(() => ID, { description: "Stable id: the administration's id and the period." })
  id!: string;
  @Field(() => VatAdministration, { description: 'The administration the return belongs to.' })
  administration!: VatAdministration;
  @Field(() => VatReturn, {
    description: "The period's VAT return (status OPEN when nothing is prepared yet).",
  })
  return!: VatReturn;
}

@ObjectType('VatOverviewEdge', { description: 'An overview row and its cursor.' })
export class VatOverviewEdge {
  @Field(() => String, { description: 'Opaque cursor of this edge, for `after`.' })
  cursor!: string;
  @Field(() => VatOverviewRow, { description: 'The row.' }) node!: VatOverviewRow;
}

@ObjectType('VatStatusCount', { description: 'How many rows of the overview have one status.' })
export class VatStatusCount {
  @Field(() => VatReturnStatusEnum, { description: 'The status counted.' })
  status!: VatReturnStatus;
  @Field(() => Int, { description: 'Rows with this status.' }) count!: number;
}

@ObjectType('VatOverviewConnection', {
  description:
    'A page of the VAT overview (overzicht BTW-aangiften): returns of every administration the viewer may read.',
})
export class VatOverviewConnection {
  @Field(() => [VatOverviewEdge], { description: 'The rows of this page.' })
  edges!: VatOverviewEdge[];
  @Field(() => PageInfo, { description: 'Cursors and whether more pages follow.' })
  pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Rows that match the filter, not just this page.' })
  totalCount!: number;
  @Field(() => [VatStatusCount], {
    description: 'Over all rows of the filter, not just this page.',
  })
  countsByStatus!: VatStatusCount[];
}

@InputType('VatOverviewFilter', {
  description: 'Narrows the VAT overview; the conditions given must all hold.',
})
export class VatOverviewFilter {
  @Field(() => [VatReturnStatusEnum], {
    nullable: true,
    description: 'Only returns in one of these statuses; every status when absent.',
  })
  statuses?: VatReturnStatus[] | null;
  @Field(() => DateScalar, { nullable: true, description: 'Returns due on or before this date.' })
  dueBefore?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only returns past their dueDate and not SUBMITTED or ACCEPTED; false: only the others.',
  })
  overdue?: boolean | null;
  @Field(() => String, {
    nullable: true,
    description: 'Administration name: any part of it, case-insensitive.',
  })
  search?: string | null;
}
