import { GraphQLError } from 'graphql';
import { allow, deny, rule, shield } from 'graphql-shield';
import type { IRule, IRules } from 'graphql-shield';

export type ShieldRule = IRule;
import {
  defaultFieldResolver,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { applyMiddleware, type IMiddleware } from 'graphql-middleware';
import type { Permission } from '../auth/permissions.js';
import type { BaseContext } from '../context.js';
import { commonRules } from './common-rules.js';
import { settled } from '../graphql/settled-loader.js';

export { allow, and, deny, or, rule } from 'graphql-shield';
export type RuleMap = IRules;

export function forbidden(message = 'You may not do this.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}
export function unauthenticated(message = 'Log in first.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
}

/*
 * Viewer rules are `no_cache`: graphql-shield's 'contextual' cache keys an answer by rule
 * name alone for the whole request, so one field's answer authorized later fields (issue 9).
 * They are cheap (no I/O), so there is nothing to gain from caching them. ESLint refuses
 * the contextual or strict cache setting anywhere (eslint.config.mjs).
 */

/** Any logged-in user (staff, client or ops). */
export const isAuthenticated: ShieldRule = rule({ cache: 'no_cache' })(
  (_parent, _args, ctx: BaseContext) => ctx.viewer.kind === 'user' || unauthenticated(),
);

/** Internal operators: offices and billing, never any administration's books. */
export const isOps: ShieldRule = rule({ cache: 'no_cache' })((_parent, _args, ctx: BaseContext) => {
  if (ctx.viewer.kind !== 'user') return unauthenticated();
  // API tokens carry administration permissions only, never office or ops powers.
  return (
    (ctx.viewer.userKind === 'OPS' && ctx.viewer.scope === null) || forbidden('Operators only.')
  );
});

/** Staff with the ADMIN role in their office. */
export const isOfficeAdmin: ShieldRule = rule({ cache: 'no_cache' })((
  _parent,
  _args,
  ctx: BaseContext,
) => {
  if (ctx.viewer.kind !== 'user') return unauthenticated();
  const v = ctx.viewer;
  return (
    (v.userKind === 'STAFF' &&
      v.officeRole === 'ADMIN' &&
      v.officeId !== null &&
      v.scope === null) ||
    forbidden('Office administrators only.')
  );
});

/** Where a rule finds the administration id. */
export type AdministrationIdSource =
  | 'parent.id'
  | 'parent.administrationId'
  | 'args.id'
  | 'args.administrationId'
  | 'args.input.administrationId'
  | ((parent: unknown, args: Record<string, unknown>) => unknown);

function pick(source: AdministrationIdSource, parent: unknown, args: Record<string, unknown>) {
  if (typeof source === 'function') return source(parent, args);
  const [root, ...path] = source.split('.');
  let value: unknown = root === 'parent' ? parent : args;
  for (const key of path) {
    value =
      value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/**
 * The viewer holds `permission` in the administration named by `source`. Never cached
 * across fields (`no_cache`): the rule reads the parent, and a contextual cache would
 * reuse one administration's answer for another.
 */
const ruleCache = new Map<string, ShieldRule>();
let anonymousSources = 0;

/** graphql-shield refuses two different rules with one name: one rule per name, reused. */
function namedRule(name: string, make: (name: string) => ShieldRule): ShieldRule {
  let existing = ruleCache.get(name);
  if (!existing) ruleCache.set(name, (existing = make(name)));
  return existing;
}

function sourceName(source: AdministrationIdSource): string {
  return typeof source === 'string' ? source : `fn${++anonymousSources}`;
}

/**
 * A rule's answer when it is certainly `true` already, read without waiting: the viewer is a
 * user and this request's permission loader holds the administration's permissions
 * (settled). Anything else (no answer yet, or a refusal) is `false`, and the field
 * goes through graphql-shield as usual (lightenShieldWrappers).
 */
type SettledCheck = (parent: unknown, args: Record<string, unknown>, ctx: BaseContext) => boolean;
const settledChecks = new WeakMap<ShieldRule, SettledCheck>();

function settledOf(
  source: AdministrationIdSource,
  parent: unknown,
  args: Record<string, unknown>,
  ctx: BaseContext,
): ReadonlySet<Permission> | undefined {
  if (ctx.viewer.kind !== 'user') return undefined;
  const id = pick(source, parent, args);
  return typeof id === 'string' ? settled(ctx.permissions, id) : undefined;
}

function withSettledCheck(made: ShieldRule, check: SettledCheck): ShieldRule {
  settledChecks.set(made, check);
  return made;
}

export function can(
  permission: Permission,
  source: AdministrationIdSource = 'parent.id',
): ShieldRule {
  return namedRule(`can-${permission}-${sourceName(source)}`, (name) =>
    withSettledCheck(
      rule(name, { cache: 'no_cache' })(async (parent, args, ctx: BaseContext) => {
        if (ctx.viewer.kind !== 'user') return unauthenticated();
        const id = pick(source, parent, args as Record<string, unknown>);
        if (typeof id !== 'string') return forbidden();
        const permissions = await ctx.permissions.load(id);
        return permissions.has(permission) || forbidden();
      }),
      (parent, args, ctx) => settledOf(source, parent, args, ctx)?.has(permission) === true,
    ),
  );
}

async function mayOpen(
  source: AdministrationIdSource,
  parent: unknown,
  args: Record<string, unknown>,
  ctx: BaseContext,
): Promise<true | GraphQLError> {
  if (ctx.viewer.kind !== 'user') return unauthenticated();
  const id = pick(source, parent, args);
  if (typeof id !== 'string') return forbidden();
  return (await ctx.permissions.load(id)).size > 0 || forbidden();
}

/** The viewer holds any permission in the administration: it may open it. */
export function canOpen(source: AdministrationIdSource = 'parent.id'): ShieldRule {
  return namedRule(`can-open-${sourceName(source)}`, (name) =>
    withSettledCheck(
      rule(name, { cache: 'no_cache' })((parent, args, ctx: BaseContext) =>
        mayOpen(source, parent, args as Record<string, unknown>, ctx),
      ),
      (parent, args, ctx) => (settledOf(source, parent, args, ctx)?.size ?? 0) > 0,
    ),
  );
}

/**
 * `or(canOpen(source), rule(alternative))` as one rule: `alternative(parent)` (synchronous,
 * answered first), else canOpen with its own error. graphql-shield's `or` evaluates every
 * branch, for every field of every object on a page; this evaluates one. `name` names the
 * alternative (one rule per name).
 */
export function canOpenOr(
  name: string,
  alternative: (parent: unknown) => boolean,
  source: AdministrationIdSource = 'parent.id',
): ShieldRule {
  return namedRule(`can-open-or-${name}-${sourceName(source)}`, (ruleName) =>
    withSettledCheck(
      rule(ruleName, { cache: 'no_cache' })((parent, args, ctx: BaseContext) =>
        alternative(parent) ? true : mayOpen(source, parent, args as Record<string, unknown>, ctx),
      ),
      (parent, args, ctx) =>
        alternative(parent) || (settledOf(source, parent, args, ctx)?.size ?? 0) > 0,
    ),
  );
}

/**
 * The federation plumbing the gateway needs (`_service`, `_Service.sdl`, `_entities` where
 * the subgraph has entities): allowed, because the entity fields carry the rules.
 */
export function federationRules(schema: GraphQLSchema): RuleMap {
  const queryFields = schema.getQueryType()?.getFields() ?? {};
  return {
    Query: {
      ...('_service' in queryFields ? { _service: allow } : {}),
      ...('_entities' in queryFields ? { _entities: allow } : {}),
    },
    ...(schema.getType('_Service') ? { _Service: { sdl: allow } } : {}),
  };
}

function mergeRuleMaps(maps: RuleMap[]): RuleMap {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      if (typeof fields !== 'object' || fields === null || 'resolve' in fields) {
        throw new Error(`rule map for ${type} must be a field map`);
      }
      const target = (merged[type] ??= {});
      for (const [field, r] of Object.entries(fields)) {
        if (field in target) throw new Error(`two rules for ${type}.${field}`);
        target[field] = r;
      }
    }
  }
  return merged as RuleMap;
}

/**
 * A mutation can change the grants the request's permission loader has cached (setAccess,
 * archive, link, deactivate). Mutations run one after the other: each ends with an empty
 * cache, and each after the first starts with one, so neither a rule nor a later field reads
 * a permission an earlier mutation of the document changed. The first mutation keeps what the
 * request read at its start (the permissions prefetched beside the viewer): nothing of this
 * request can have changed them yet, and it saves the posting hot path a round trip.
 */
const mutationsStarted = new WeakSet<object>();

const freshPermissionsAroundMutations: IMiddleware<unknown, BaseContext> = {
  Mutation: async (resolve, parent, args, ctx, info) => {
    if (mutationsStarted.has(ctx)) ctx.permissions.clearAll();
    else mutationsStarted.add(ctx);
    try {
      return await resolve(parent, args, ctx, info);
    } finally {
      ctx.permissions.clearAll();
    }
  },
};

/**
 * Applies graphql-shield with deny by default. `rules` are the module rule maps; the
 * federation plumbing and the value types (commonRules) are added here.
 */
export function applyShield(schema: GraphQLSchema, rules: RuleMap[]): GraphQLSchema {
  const merged = mergeRuleMaps([federationRules(schema), commonRules(schema), ...rules]);
  const permissions = shield(merged, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: () => forbidden(),
  });
  const shielded = schema.getMutationType()
    ? applyMiddleware(schema, freshPermissionsAroundMutations, permissions)
    : applyMiddleware(schema, permissions);
  return lightenShieldWrappers(schema, shielded, merged);
}

/**
 * graphql-shield wraps every field, and its wrapper is async whatever the rule answers: three
 * promises per field, and graphql-js then awaits every object on a page (promiseForObject).
 * Two kinds of field do not need it every time:
 * - rule `allow` (the value types behind a guarded field: `LedgerStatus: { '*': allow }` and
 *   145 more maps): true whatever the request, so the field gets back the resolver it had
 *   before shield;
 * - a rule with a settled check (can, canOpen, canOpenOr): when the check says the answer is
 *   certainly `true` already (the permissions this request loaded or primed for that
 *   administration), the field runs its own resolver at once; otherwise it goes through shield
 *   exactly as before (a refusal always does, so its errors are shield's).
 * Every other field keeps its rule; the rule map, and what each rule answers, is unchanged.
 * Mutation fields keep their wrapper whatever their rule (the permission cache is emptied
 * around them).
 */
function lightenShieldWrappers(
  before: GraphQLSchema,
  shielded: GraphQLSchema,
  rules: RuleMap,
): GraphQLSchema {
  const map = rules as Record<string, Record<string, unknown>>;
  const mutation = shielded.getMutationType()?.name;
  for (const type of Object.values(shielded.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type.name === mutation) continue;
    const original = before.getType(type.name);
    if (!isObjectType(original)) continue;
    const typeRules = map[type.name] ?? {};
    const originalFields = original.getFields();
    for (const [name, field] of Object.entries(type.getFields())) {
      const own = originalFields[name];
      if (!own) continue;
      const effective = name in typeRules ? typeRules[name] : typeRules['*'];
      if (effective === allow) {
        field.resolve = own.resolve;
        continue;
      }
      const check = effective ? settledChecks.get(effective as ShieldRule) : undefined;
      const guarded = field.resolve;
      if (!check || !guarded) continue;
      const resolve: GraphQLFieldResolver<unknown, BaseContext> =
        own.resolve ?? defaultFieldResolver;
      field.resolve = (parent, args, ctx: BaseContext, info) =>
        check(parent, args, ctx)
          ? resolve(parent, args, ctx, info)
          : guarded(parent, args, ctx, info);
    }
  }
  return shielded;
}

/** The rule map a subgraph is shielded with: federation plumbing, commonRules and `rules`. */
export function effectiveRules(schema: GraphQLSchema, rules: RuleMap[]): RuleMap {
  return mergeRuleMaps([federationRules(schema), commonRules(schema), ...rules]);
}

/**
 * Every field of every object type in `schema` that has no explicit rule in `rules`
 * ('*' covers a whole type). Used by the meta-test that keeps "deny by default" honest.
 */
export function fieldsWithoutRule(schema: GraphQLSchema, rules: RuleMap[]): string[] {
  const merged = mergeRuleMaps([federationRules(schema), commonRules(schema), ...rules]) as Record<
    string,
    Record<string, unknown>
  >;
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !isObjectType(type)) continue;
    const typeRules = merged[type.name];
    for (const field of Object.keys(type.getFields())) {
      if (!typeRules || !(field in typeRules || '*' in typeRules))
        missing.push(`${type.name}.${field}`);
    }
  }
  return missing.sort();
}
