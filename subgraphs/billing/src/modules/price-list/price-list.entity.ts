import { decimalTransformer, type Decimal } from '@kantoor/platform';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'price_lists' })
export class PriceListEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'effective_from', type: 'date' }) effectiveFrom!: string;
}

@Entity({ name: 'price_list_items' })
export class PriceListItemEntity {
  @PrimaryColumn({ name: 'price_list_id', type: 'uuid' }) priceListId!: string;
  @PrimaryColumn({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({
    name: 'unit_price',
    type: 'numeric',
    precision: 18,
    scale: 2,
    transformer: decimalTransformer,
  })
  unitPrice!: Decimal;
  @Column({ type: 'int' }) position!: number;
}
