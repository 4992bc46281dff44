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
    ['{"flagMinHistoryQuarters": 5}', /"flagMinHistoryQuarters" must be a whole number from 1 to 4/],
    ['{"flagComplaintsBy": "received"}', /"flagComplaintsBy" must be "ticket" or "complaint"/],
    ['{"onSiteServiceTypes": ["repair", "visit"]}', /"onSiteServiceTypes" must be a list of service types from: repair, install/],
    ['{not json', /not valid JSON/],
  ])('%s is refused with a clear message', (content, message) => {
    expect(() => loadConfig(withFile(content), dir)).toThrow(message);
  });

  it('a named file that does not exist is an error', () => {
    expect(() => loadConfig({ AFTERSIGHT_CONFIG: path.join(dir, 'nope.json') }, dir)).toThrow(/not found/);
  });
});
