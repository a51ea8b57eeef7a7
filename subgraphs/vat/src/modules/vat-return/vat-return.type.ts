import {
  DateScalar,
  DateTimeScalar,
  DecimalScalar,
  UserError,
  type Decimal,
} from '@kantoor/platform';
import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { VatReturnView } from './vat-return.service.js';
import type { VatReturnStatus } from './vat-return.sql.js';

/** How a client names a filing period (inputs and arguments). */
const PERIOD =
  "The filing period by the administration's vatFilingPeriod: 2026-Q1 (QUARTER), 2026-03 (MONTH) or 2026 (YEAR).";

export const VAT_RETURN_STATUSES = [
  'OPEN',
  'PREPARED',
  'AWAITING_APPROVAL',
  'APPROVED',
  'SUBMITTED',
  'ACCEPTED',
  'REJECTED',
] as const satisfies readonly VatReturnStatus[];
export const VatReturnStatusEnum = Object.fromEntries(VAT_RETURN_STATUSES.map((s) => [s, s])) as {
  [K in VatReturnStatus]: K;
};
registerEnumType(VatReturnStatusEnum, {
  name: 'VatReturnStatus',
  description:
    "OPEN: the period runs or has ended and nothing is prepared; PREPARED: boxes frozen; AWAITING_APPROVAL: sent to the client; APPROVED: client agreed; SUBMITTED: handed to the filing adapter, ledger period locked; ACCEPTED / REJECTED: the tax authority's answer.",
  valuesConfig: {
    OPEN: {
      description:
        'Nothing prepared yet (the period may still run): the boxes are computed live from the ledger.',
    },
    PREPARED: {
      description:
        'The boxes are frozen (prepareVatReturn); prepare again when the ledger changed (outdated).',
    },
    AWAITING_APPROVAL: { description: 'Sent to the client for approval (requestVatApproval).' },
    APPROVED: { description: 'The client agreed (approveVatReturn); ready to submit.' },
    SUBMITTED: {
      description:
        "Handed to the filing adapter for the tax authority (Belastingdienst); the ledger's period is locked.",
    },
    ACCEPTED: { description: 'The tax authority accepted the return: filed.' },
    REJECTED: {
      description:
        'The tax authority rejected the return; it counts as not filed (still to file, and overdue after its due date).',
    },
  },
});

@ObjectType('VatBox', { description: 'One box (rubriek) of the return.' })
export class VatBox {
  @Field(() => String, {
    description: '1a, 1b, 1c, 1d, 1e, 2a, 3a, 3b, 3c, 4a, 4b, 5a, 5b, 5c, 5g',
  })
  box!: string;
  @Field(() => String, {
    description:
      'The box\'s name on the Dutch form (rubriek), e.g. "Leveringen/diensten belast met hoog tarief" for 1a.',
  })
  description!: string;
  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'Whole euros, rounded as the tax authority allows; null where the box has no turnover column.',
  })
  turnover!: Decimal | null;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Whole euros; null where the box has no VAT column.',
  })
  vat!: Decimal | null;
}

/** A user named by the VAT module (who took a workflow step); tenancy resolves the rest. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('User')
export class VatUser {
  @Field(() => ID, { description: 'Stable id of the user.' }) id!: string;
}

@ObjectType('VatReturnEvent', { description: "One step of the return's workflow." })
export class VatReturnEvent {
  @Field(() => VatReturnStatusEnum, { description: 'The status this step led to.' })
  status!: VatReturnStatus;
  @Field(() => DateTimeScalar, { description: 'When the step happened.' }) at!: Date;
  @Field(() => VatUser, {
    nullable: true,
    description: "Who did it; null for the system (e.g. the filing adapter's answer).",
  })
  by!: VatUser | null;
  @Field(() => String, {
    nullable: true,
    description:
      "The note given with the step (e.g. to the client, or the tax authority's message); null when none.",
  })
  note!: string | null;
}

@ObjectType('VatCorrectionLine', {
  description:
    'A difference found on an earlier filed return (net VAT up to EUR 1,000), carried into this return\'s boxes (vat.md "Corrections").',
})
export class VatCorrectionLine {
  @Field(() => String, { description: 'The filed period the difference belongs to.' })
  period!: string;
  @Field(() => DecimalScalar, {
    description: 'Net VAT of the difference (exact, before rounding).',
  })
  netVat!: Decimal;
}

@ObjectType('VatDifference', {
  description:
    "On a filed return: the ledger's figures of the period now differ from what was filed (a booking reached the period after filing).",
})
export class VatDifference {
  @Field(() => DecimalScalar, {
    description: 'Net VAT of the difference (exact): positive = more to pay.',
  })
  netVat!: Decimal;
  @Field(() => [VatBox], {
    description: "The difference per box (whole euros, not rounded in anyone's favour yet).",
  })
  boxes!: VatBox[];
  @Field(() => String, {
    description:
      'NEXT_RETURN: up to EUR 1,000 net VAT, carried into the next return that is not filed (see its corrections); SUPPLETIE: above, a correction return (suppletie) is required.',
  })
  handling!: 'NEXT_RETURN' | 'SUPPLETIE';
  @Field(() => String, {
    nullable: true,
    description: 'NEXT_RETURN: the period it is carried into.',
  })
  carriedInto!: string | null;
}

@ObjectType('IcpLine', {
  description:
    'Opgaaf intracommunautaire prestaties: intra-EU supplies (VEU) per customer VAT number.',
})
export class IcpLine {
  @Field(() => String, {
    nullable: true,
    description:
      "The customer's EU country (ISO 3166-1 alpha-2, e.g. DE), else the prefix of their VAT number.",
  })
  countryCode!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The customer's VAT identification number (btw-id), as on the invoices.",
  })
  vatNumber!: string | null;
  @Field(() => String, { nullable: true, description: "The customer's (debiteur's) name." })
  customerName!: string | null;
  @Field(() => DecimalScalar, {
    description: 'Net amount of the period, whole euros (rounded down).',
  })
  amount!: Decimal;
}

@ObjectType('VatReturn', {
  description: 'A VAT return (btw-aangifte) for one filing period of one administration.',
})
export class VatReturn {
  @Field(() => ID, { description: "Stable id: the administration's id and the period." })
  id!: string;
  @Field(() => String, {
    description: "2026-Q1, 2026-03 or 2026, by the administration's vatFilingPeriod.",
  })
  period!: string;
  @Field(() => DateScalar, { description: 'First day of the period, YYYY-MM-DD.' })
  periodStart!: string;
  @Field(() => DateScalar, { description: 'Last day of the period, YYYY-MM-DD.' })
  periodEnd!: string;
  @Field(() => DateScalar, { description: 'Last day to file and pay (vat.md).' }) dueDate!: string;
  @Field(() => VatReturnStatusEnum, {
    description: 'Where the return is in its workflow; OPEN while nothing is prepared.',
  })
  status!: VatReturnStatus;
  @Field(() => Boolean, { description: 'OPEN or in the workflow, and dueDate has passed.' })
  overdue!: boolean;

  /** Not a field: what the field resolvers read. */
  view!: VatReturnView;

  static from(view: VatReturnView, overdue: boolean): VatReturn {
    return Object.assign(new VatReturn(), {
      id: `${view.administration.administrationId}:${view.period.label}`,
      period: view.period.label,
      periodStart: view.period.start,
      periodEnd: view.period.end,
      dueDate: view.period.due,
      status: view.row?.status ?? 'OPEN',
      overdue,
      view,
    });
  }
}

@ObjectType('VatStatus', {
  simpleResolvers: true,
  description: 'What needs doing about VAT in one administration, for the dashboard.',
})
export class VatStatus {
  @Field(() => ID, { description: "The administration's id: one status per administration." })
  id!: string;
  @Field(() => VatReturn, {
    nullable: true,
    description:
      "The oldest return that is not yet SUBMITTED or ACCEPTED, once its period has ended; else the current period's.",
  })
  nextReturn!: VatReturn | null;
  @Field(() => Int, {
    description: 'Returns whose period has ended and that are not SUBMITTED or ACCEPTED.',
  })
  openReturns!: number;
  @Field(() => Int, {
    description: 'Returns not SUBMITTED or ACCEPTED whose dueDate has passed.',
  })
  overdueReturns!: number;
}

@InputType('VatReturnInput', {
  description: 'Names one VAT return: an administration and a period.',
})
export class VatReturnInput {
  @Field(() => ID, { description: 'The administration the return belongs to.' })
  administrationId!: string;
  @Field(() => String, { description: PERIOD })
  period!: string;
}

@InputType('VatReturnNoteInput', {
  description: 'Names one VAT return and carries an optional note for its history.',
})
export class VatReturnNoteInput {
  @Field(() => ID, { description: 'The administration the return belongs to.' })
  administrationId!: string;
  @Field(() => String, { description: PERIOD })
  period!: string;
  @Field(() => String, {
    nullable: true,
    description:
      "Kept with this step in the return's history (at most 2000 characters); blank means none.",
  })
  note?: string | null;
}

@ObjectType('VatReturnPayload', { description: 'The result of a VAT return workflow step.' })
export class VatReturnPayload {
  @Field(() => VatReturn, {
    nullable: true,
    description: 'The return after the step; null when userErrors is not empty.',
  })
  vatReturn?: VatReturn | null;
  @Field(() => [UserError], {
    description: 'Why the step was refused (nothing changed); empty on success.',
  })
  userErrors!: UserError[];
}

@ObjectType('VatSuppletie', {
  description:
    'A correction return (suppletie) of a filed period: the difference per box, filed on its own (vat.md "Corrections").',
})
export class VatSuppletie {
  @Field(() => ID, {
    description: "Stable id: the administration's id, the period and the suppletie's number.",
  })
  id!: string;
  @Field(() => Int, { description: '1, 2, ... per period.' }) number!: number;
  @Field(() => String, { description: 'PREPARED, SUBMITTED, ACCEPTED or REJECTED.' })
  status!: string;
  @Field(() => DecimalScalar, { description: 'Net VAT of the correction (exact).' })
  netVat!: Decimal;
  @Field(() => [VatBox], { description: 'The difference per box, whole euros.' }) boxes!: VatBox[];
  @Field(() => DateTimeScalar, { description: 'When it was (last) prepared.' }) preparedAt!: Date;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When it was submitted; null while PREPARED.',
  })
  submittedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'The XBRL instance filed.' })
  xbrl!: string | null;
  @Field(() => [VatReturnEvent], { description: 'Its workflow steps, oldest first.' })
  history!: VatReturnEvent[];
}

@ObjectType('VatSuppletiePayload', { description: 'The result of a suppletie step.' })
export class VatSuppletiePayload {
  @Field(() => VatSuppletie, {
    nullable: true,
    description: 'The suppletie after the step; null when userErrors is not empty.',
  })
  suppletie?: VatSuppletie | null;
  @Field(() => [UserError], {
    description: 'Why the step was refused (nothing changed); empty on success.',
  })
  userErrors!: UserError[];
}
