export { currencyDigits, DEFAULT_CURRENCY, formatMoney, moneyFormatter } from "./format-money.ts";
