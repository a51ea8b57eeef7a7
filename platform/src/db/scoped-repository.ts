import type {
  DeepPartial,
  EntityManager,
  EntityTarget,
  FindManyOptions,
  FindOneOptions,
  FindOptionsWhere,
  ObjectLiteral,
  Repository,
  SelectQueryBuilder,
} from 'typeorm';

/** Any entity owned by an administration. */
export interface AdministrationOwned extends ObjectLiteral {
  administrationId: string;
}

type Where<T> = FindOptionsWhere<T> | FindOptionsWhere<T>[];

/**
 * A repository bound to one administration: every read and write it offers carries
 * `administration_id`, so an unscoped query cannot be written through it. Services get
 * one from `scoped(manager, Entity, administrationId)` and never touch a raw Repository.
 */
export class ScopedRepository<T extends AdministrationOwned> {
  private readonly repository: Repository<T>;

  constructor(
    manager: EntityManager,
    target: EntityTarget<T>,
    readonly administrationId: string,
  ) {
    this.repository = manager.getRepository(target);
  }

  private scope(where: Where<T> | undefined): Where<T> {
    const scope = { administrationId: this.administrationId } as FindOptionsWhere<T>;
    if (!where) return scope;
    if (Array.isArray(where)) return where.map((w) => ({ ...w, ...scope }));
    return { ...where, ...scope };
  }

  find(options: FindManyOptions<T> = {}): Promise<T[]> {
    return this.repository.find({ ...options, where: this.scope(options.where as Where<T>) });
  }

  findOne(options: FindOneOptions<T>): Promise<T | null> {
    return this.repository.findOne({ ...options, where: this.scope(options.where as Where<T>) });
  }

  findBy(where: Where<T>): Promise<T[]> {
    return this.repository.findBy(this.scope(where));
  }

  findOneBy(where: Where<T>): Promise<T | null> {
    return this.repository.findOneBy(this.scope(where));
  }

  count(where?: Where<T>): Promise<number> {
    return this.repository.countBy(this.scope(where));
  }

  /** Creates the entity with this administration's id, whatever `values` says. */
  create(values: DeepPartial<T>): T {
    return this.repository.create({
      ...values,
      administrationId: this.administrationId,
    } as DeepPartial<T>);
  }

  save(entity: T): Promise<T> {
    if (entity.administrationId !== this.administrationId) {
      throw new Error('ScopedRepository: entity belongs to another administration');
    }
    return this.repository.save(entity);
  }

  async delete(where: Where<T>): Promise<number> {
    const result = await this.repository.delete(this.scope(where) as FindOptionsWhere<T>);
    return result.affected ?? 0;
  }

  /** A query builder that already filters on this administration. */
  createQueryBuilder(alias: string): SelectQueryBuilder<T> {
    return this.repository
      .createQueryBuilder(alias)
      .where(`${alias}.administrationId = :__administrationId`, {
        __administrationId: this.administrationId,
      });
  }
}

export function scoped<T extends AdministrationOwned>(
  manager: EntityManager,
  target: EntityTarget<T>,
  administrationId: string,
): ScopedRepository<T> {
  return new ScopedRepository(manager, target, administrationId);
}
