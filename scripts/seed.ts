/**
 * Demo data for `npm start` on an empty database. The demo office, its logins and
 * administrations arrive with the tenancy issue (signUp, createUser, createAdministration);
 * until then there is nothing to seed and this says so.
 */
export async function seedDemo(_databaseUrl: string): Promise<string | null> {
  return 'No demo data yet: logins arrive with the tenancy module.';
}
