import { DateScalar } from '@kantoor/platform';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { VatReturnEntity } from './vat-return.entity.js';

export const VAT_RETURN_STATUSES = ['OPEN', 'FILED'] as const;
export type VatReturnStatus = (typeof VAT_RETURN_STATUSES)[number];
export const VatReturnStatusEnum = Object.fromEntries(VAT_RETURN_STATUSES.map((s) => [s, s])) as {
  [K in VatReturnStatus]: K;
};
registerEnumType(VatReturnStatusEnum, { name: 'VatReturnStatus' });

@ObjectType('VatReturn', { description: 'A VAT return (btw-aangifte) for one filing period.' })
export class VatReturn {
  @Field(() => ID) id!: string;
  @Field(() => DateScalar) periodStart!: string;
  @Field(() => DateScalar) periodEnd!: string;
  @Field(() => DateScalar, {
    description: 'Last day to file and pay: the end of the month after the period.',
  })
  dueDate!: string;
  @Field(() => VatReturnStatusEnum) status!: VatReturnStatus;

  static from(e: VatReturnEntity): VatReturn {
    return Object.assign(new VatReturn(), {
      id: e.id,
      periodStart: e.periodStart,
      periodEnd: e.periodEnd,
      dueDate: e.dueDate,
      status: e.status,
    });
  }
}

/** The VAT module's part of an administration (owned by tenancy). */
@Directive('@key(fields: "id")')
@ObjectType('Administration')
export class VatAdministration {
  @Field(() => ID) id!: string;
}
