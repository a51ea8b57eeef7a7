import { isForeignKeyViolation, isUniqueViolation } from '../pg-errors';

describe('isUniqueViolation', () => {
  const onEmail = { code: '23505', constraint: 'users_email_key' };
  const wrapped = { driverError: { code: '23505', constraint: 'users_email_key' } };

  test('matches the named constraint, at the top or on driverError', () => {
    expect(isUniqueViolation(onEmail, 'users_email_key')).toBe(true);
    expect(isUniqueViolation(wrapped, 'users_email_key')).toBe(true);
  });

  test('a violation of another constraint is not the one named', () => {
    expect(isUniqueViolation(onEmail, 'customers_number_unique')).toBe(false);
    expect(isUniqueViolation({ code: '23505' }, 'users_email_key')).toBe(false);
  });

  test('without a name, any unique violation; never another error', () => {
    expect(isUniqueViolation(onEmail)).toBe(true);
    expect(isUniqueViolation({ code: '23503', constraint: 'users_email_key' })).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
    expect(isUniqueViolation(new Error('boom'))).toBe(false);
  });
});

test('isForeignKeyViolation', () => {
  expect(isForeignKeyViolation({ driverError: { code: '23503' } })).toBe(true);
  expect(isForeignKeyViolation({ code: '23505' })).toBe(false);
});
