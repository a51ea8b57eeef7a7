/**
 * What the ledger reads from an account's RGS code. Codes are the level-4 codes of RGS 3.5
 * (account/rgs-codes.data.ts); books opened before issue 13 item 7 may still carry the older
 * level-5 codes (e.g. BSchBepBtwOla), which these prefixes cover as well.
 */

/**
 * The VAT accounts (omzetbelasting), presented as one net position on the balance sheet: VAT
 * payable (BSchBepBtw), paid over (BSchBepBaf), payable to other EU states (BSchBepEob) and
 * reclaimable (BVorVbkTvo, BVorVbkEob: voorbelasting).
 */
const VAT_RGS_PREFIXES = ['BSchBepBtw', 'BSchBepBaf', 'BSchBepEob', 'BVorVbkTvo', 'BVorVbkEob'];

export function isVatRgsCode(rgsCode: string | null): boolean {
  return VAT_RGS_PREFIXES.some((p) => (rgsCode ?? '').startsWith(p));
}

/**
 * The unappropriated result (onverdeeld resultaat / niet verdeelde winst, RGS BEivOreOvw; the
 * older Kantoor code BEivOnv): where the result of a fiscal year goes when it is closed, and
 * where reports carry the result of earlier years that were not closed.
 */
export function isUnappropriatedResultRgsCode(rgsCode: string | null): boolean {
  return (rgsCode ?? '').startsWith('BEivOreOvw') || (rgsCode ?? '').startsWith('BEivOnv');
}
