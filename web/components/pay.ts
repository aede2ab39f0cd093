/** Pay in pounds as the catalogue and pathway pages show it. */
import type { PayPoint } from '../../worker/services/catalogue/catalogue';

/** Whole pounds, "£24,465". */
export const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });

/** "£24,465 (2025/26)" style pay text with year and whether it was computed. */
export function payText(p: PayPoint): string {
  return `${gbp.format(p.amountGbp)} (${p.year}${p.computed ? ', computed' : ''})`;
}
