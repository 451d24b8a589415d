/** Money as people read it: the configured ISO 4217 currency, en-US grouping (RETAIN_CURRENCY). */

/** The currency when RETAIN_CURRENCY is unset. */
export const DEFAULT_CURRENCY = "USD";

const formats = new Map<string, Intl.NumberFormat>();

function currencyFormat(currency: string): Intl.NumberFormat {
  let format = formats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { style: "currency", currency });
    formats.set(currency, format);
  }
  return format;
}

/** An amount in `currency` with its symbol and the currency's own decimals: 1234.5, "EUR" → "€1,234.50"; null, undefined or NaN → "–". */
export function formatMoney(amount: number | null | undefined, currency: string = DEFAULT_CURRENCY): string {
  return amount === null || amount === undefined || !Number.isFinite(amount)
    ? "–"
    : currencyFormat(currency).format(amount);
}

/** The formatter of one currency, for code that formats many amounts: `const money = moneyFormatter("EUR")`. */
export function moneyFormatter(currency: string = DEFAULT_CURRENCY): (amount: number | null | undefined) => string {
  return (amount) => formatMoney(amount, currency);
}

/** Decimals the currency uses (USD and EUR 2, JPY 0), for amounts written as plain numbers (CSV). */
export function currencyDigits(currency: string = DEFAULT_CURRENCY): number {
  return currencyFormat(currency).resolvedOptions().maximumFractionDigits ?? 2;
}
