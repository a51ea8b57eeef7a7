/* eslint-disable no-restricted-syntax -- this test tries at run time exactly what the lint rule forbids */
import DataLoader from 'dataloader';
import { lockIdentity } from '../../http/subgraph-server';
import { createLogger } from '../../logger';
import { ANONYMOUS, freezeViewer, type Viewer } from '../viewer';
import { carryPrincipal, issuedPrincipal, issuedTo, viewerFor } from '../principal';
import type { BaseContext } from '../../context';

/** Issue 9: who is asking never changes within a request. */
const member = freezeViewer({
  userId: '00000000-0000-4000-8000-000000000001',
  userKind: 'STAFF',
  officeId: '00000000-0000-4000-8000-0000000000a1',
  officeRole: 'MEMBER',
  scope: new Set(['LEDGER_READ'] as const),
  sessionId: null,
  apiTokenId: '00000000-0000-4000-8000-0000000000f1',
});

test('a viewer is frozen: no field and no scope entry can change', () => {
  const v = member as { officeRole: string | null };
  expect(() => {
    v.officeRole = 'ADMIN';
  }).toThrow(TypeError);
  expect(() => (member.scope as Set<string>).add('ADMINISTRATION_MANAGE')).toThrow(TypeError);
  expect(() => (member.scope as Set<string>).clear()).toThrow(TypeError);
  expect([...member.scope!]).toEqual(['LEDGER_READ']);
  expect(Object.isFrozen(ANONYMOUS)).toBe(true);
});

test("a request context's viewer, permissions and request id cannot be replaced", () => {
  const ctx = lockIdentity({
    requestId: 'r1',
    clientAddress: '127.0.0.1',
    logger: createLogger('test', 'silent'),
    viewer: member as Viewer,
    permissions: new DataLoader(async (ids: readonly string[]) => ids.map(() => new Set())),
  } as BaseContext);
  const writable = ctx as { viewer: Viewer; permissions: unknown; requestId: string };
  expect(() => {
    writable.viewer = ANONYMOUS;
  }).toThrow(TypeError);
  expect(() => {
    writable.permissions = null;
  }).toThrow(TypeError);
  expect(() => Object.defineProperty(ctx, 'viewer', { value: ANONYMOUS })).toThrow(TypeError);
  expect(() => {
    delete (ctx as { viewer?: Viewer }).viewer;
  }).toThrow(TypeError);
  expect(ctx.viewer).toBe(member);
});

test('a payload object issued to a principal is read as that principal; nothing else is', () => {
  const ctx = { viewer: ANONYMOUS };
  const user = issuedTo({ id: member.userId }, member);
  const office = carryPrincipal(user, { id: member.officeId });
  const stranger = { id: member.userId };
  expect(viewerFor(user, ctx)).toBe(member);
  expect(viewerFor(office, ctx)).toBe(member);
  expect(viewerFor(stranger, ctx)).toBe(ANONYMOUS);
  expect(issuedPrincipal(carryPrincipal(stranger, {}))).toBeNull();
  expect(issuedPrincipal('not an object')).toBeNull();
});
