// The NIST/SEMATECH e-Handbook's Weibull example (§8.4.1.3: 10 failures at 54 … 386 hours, 10 units removed at
// 500 hours; printed β = 1.7208, η = 606.5280, log-likelihood −75.135) as an installed base with days for hours:
// 20 units of P-100 installed 2024-01-01 with a warranty to 2027-01-01 (1,096 days); N01–N10 fail on days 54 … 386
// after installation (a repair ticket opened at midnight that day), N11–N20 never do; a repair on a unit outside
// the base on 2025-05-15 sets the data's last day, 500 days after the installation, and an installation on a unit
// outside the base on 2024-01-01 its first day, so the units are observed from their installation (no left
// truncation: entry 0). Batches: B1 holds failures
// 1–6 and suspended units 11–15, B2 failures 7–10 and suspended 16–20.
import { addDays } from '../../contract/period/period.ts';

export const nistFailures = [54, 187, 216, 240, 244, 335, 361, 373, 375, 386];
export const installed = '2024-01-01';
const serial = (n: number) => `N${String(n).padStart(2, '0')}`;

export const nistTickets = [
  'ticket_id,opened_at,status,service_type,region,product_line,product_model,serial_no,installed_at',
  'Z0,2024-01-01 09:00,closed,install,华东,空调,P-100,X0,',
  ...nistFailures.map((d, i) => `T${i + 1},${addDays(installed, d)} 00:00,closed,repair,华东,空调,P-100,${serial(i + 1)},${installed}`),
  'Z9,2025-05-15 09:00,closed,repair,华东,空调,P-100,X1,',
];

export const nistUnits = [
  'serial_no,product_model,product_line,region,production_batch,installed_at,warranty_end,status',
  ...Array.from({ length: 20 }, (_, i) => {
    const n = i + 1;
    const batch = n <= 6 || (n >= 11 && n <= 15) ? 'B1' : 'B2';
    return `${serial(n)},P-100,空调,华东,${batch},${installed},2027-01-01,in_service`;
  }),
];
