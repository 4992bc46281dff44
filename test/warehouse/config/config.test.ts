import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig, loadConfig } from '../../../warehouse/config/config.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-config-'));
const withFile = (content: string) => {
  const f = path.join(dir, `c${Math.random()}.json`);
  fs.writeFileSync(f, content);
  return { AFTERSIGHT_CONFIG: f };
};

describe('configuration', () => {
  it('defaults when there is no file', () => {
    expect(loadConfig({}, dir)).toEqual(defaultConfig);
  });

  it('file, then environment, override the defaults', () => {
    const c = loadConfig({ ...withFile('{"port": 8080, "timeZone": "Europe/Berlin"}'), PORT: '9090', AFTERSIGHT_DB: '/x/y.duckdb' }, dir);
    expect(c).toMatchObject({ port: 9090, timeZone: 'Europe/Berlin', db: '/x/y.duckdb' });
    expect(loadConfig({ AFTERSIGHT_MEMORY_LIMIT: '1.5GB' }, dir).memoryLimit).toBe('1.5GB');
    const ew = { shiftRatio: 1.5, weekArl0: 520, monthArl0: 120, baselineWeeks: 26, baselineMonths: 6 };
    expect(loadConfig(withFile(JSON.stringify({ earlyWarning: ew, proofOfFix: { minAfterDays: 60, beforeDays: 365 } })), dir)).toMatchObject({ earlyWarning: ew, proofOfFix: { minAfterDays: 60, beforeDays: 365 } });
  });

  it.each([
    ['{"prot": 1}', /unknown setting "prot"/],
    ['{"port": "eighty"}', /"port" must be a whole number/],
    ['{"timeZone": "Mars/Olympus"}', /"timeZone" must be an IANA time zone/],
    ['{"refreshCron": "every minute"}', /"refreshCron" must be a cron expression/],
    ['{"reportCron": "quarterly"}', /"reportCron" must be a cron expression/],
    ['{"reportLangs": ["fr"]}', /"reportLangs" must be a list of "zh" and\/or "en"/],
    ['{"reportTimeZone": "Mars/Olympus"}', /"reportTimeZone" must be an IANA time zone/],
    ['{"memoryLimit": "lots"}', /"memoryLimit" must be an amount such as "2GB"/],
    ['{not json', /not valid JSON/],
    ['{"earlyWarning": {"shiftRatio": 1, "weekArl0": 1040, "monthArl0": 240, "baselineWeeks": 52, "baselineMonths": 12}}', /"earlyWarning" shiftRatio must be a number above 1/],
    ['{"earlyWarning": {"shiftRatio": 2, "weekArl0": 5, "monthArl0": 240, "baselineWeeks": 52, "baselineMonths": 12}}', /"earlyWarning" weekArl0 must be a whole number from 10 to 100000/],
    ['{"earlyWarning": {"shiftRatio": 2, "weekArl0": 1040, "monthArl0": 240, "baselineWeeks": 52}}', /"earlyWarning" baselineMonths must be a whole number/],
    ['{"proofOfFix": {"minAfterDays": 0, "beforeDays": 180}}', /"proofOfFix" minAfterDays must be a whole number of days from 7 to 3650/],
  ])('%s is refused with a clear message', (content, message) => {
    expect(() => loadConfig(withFile(content), dir)).toThrow(message);
  });

  it('a named file that does not exist is an error', () => {
    expect(() => loadConfig({ AFTERSIGHT_CONFIG: path.join(dir, 'nope.json') }, dir)).toThrow(/not found/);
  });
});
