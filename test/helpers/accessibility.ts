// What the page tests check of every page: axe-core's findings on the page as it is now, and that the page fits its
// viewport's width (no sideways scroll on a phone).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: unknown }[];
}

/** axe-core's violations on the page as it is now (all impacts). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Through the debugging protocol: the page's content security policy refuses any script of another source.
  await page.evaluate(axeSource);
  return (await page.evaluate(() =>
    (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe.run().then((r) => r.violations),
  )) as AxeViolation[];
}

/** The ones a page must not have: critical and serious, and headers without a name (minor for axe, but a screen
 *  reader reads nothing there). */
export const isSerious = (v: AxeViolation): boolean => v.impact === 'critical' || v.impact === 'serious' || v.id === 'empty-table-header';

/** The ids of the violations; with `seriousOnly`, of the serious ones only (isSerious). */
export async function axeViolationIds(page: Page, { seriousOnly = false } = {}): Promise<string[]> {
  return (await axeViolations(page)).filter((v) => !seriousOnly || isSerious(v)).map((v) => v.id);
}

/** Whether the page is no wider than its viewport. */
export const fitsWidth = (page: Page): Promise<boolean> => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
