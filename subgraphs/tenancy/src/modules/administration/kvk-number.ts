/**
 * KvK-nummer: the Chamber of Commerce (Kamer van Koophandel) registration number, exactly
 * eight digits. Spaces and dots are stripped before checking. The KvK number carries no
 * check digit, so the format is all that can be validated here.
 */
export function parseKvkNumber(input: string): string | null {
  const compact = input.replace(/[\s.]/g, '');
  return /^\d{8}$/.test(compact) ? compact : null;
}
