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
    expect(defaultConfig.logLevel).toBe('info');
    expect(loadConfig({ AFTERSIGHT_LOG_LEVEL: 'warn' }, dir).logLevel).toBe('warn');
    expect(loadConfig(withFile('{"logLevel": "silent"}'), dir).logLevel).toBe('silent');
    const ew = { shiftRatio: 1.5, weekArl0: 520, monthArl0: 120, baselineWeeks: 26, baselineMonths: 6 };
    expect(
      loadConfig(withFile(JSON.stringify({ earlyWarning: ew, proofOfFix: { minAfterDays: 60, beforeDays: 365 } })), dir),
    ).toMatchObject({ earlyWarning: ew, proofOfFix: { minAfterDays: 60, beforeDays: 365 } });
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
    ['{"logLevel": "verbose"}', /"logLevel" must be one of fatal, error, warn, info, debug, trace, silent/],
    ['{"flagMinHistoryQuarters": 5}', /"flagMinHistoryQuarters" must be a whole number from 1 to 4/],
    ['{"flagComplaintsBy": "received"}', /"flagComplaintsBy" must be "ticket" or "complaint"/],
    ['{"flagConfidence": 99}', /"flagConfidence" must be a number from 0\.5 up to \(not including\) 1, such as 0\.99/],
    ['{"flagMinSeverity1": 0}', /"flagMinSeverity1" must be a whole number from 1 to 100000/],
    ['{"flagRepeatRatio": 1}', /"flagRepeatRatio" must be a number above 1/],
    ['{"paretoVitalShare": 80}', /"paretoVitalShare" must be a share above 0 and at most 1, such as 0\.8/],
    ['{"onSiteServiceTypes": ["repair", "visit"]}', /"onSiteServiceTypes" must be a list of service types from: repair, install/],
    ['{not json', /not valid JSON/],
    // Inside the object settings the message names the place and what it must be.
    ['{"sla": {"1": {"response": 0.5, "arrival": 4, "resolution": 24}}}', /"sla\.2" is missing; it needs response, arrival and resolution/],
    [
      '{"sla": {"1": {"response": -1, "arrival": 4, "resolution": 24}, "2": {"response": 1, "arrival": 8, "resolution": 36}, "3": {"response": 2, "arrival": 24, "resolution": 48}, "4": {"response": 24, "arrival": 72, "resolution": 168}}}',
      /"sla\.1\.response" must be a number of hours above 0 \(got -1\)/,
    ],
    ['{"sla": {"5": {}}}', /"sla" has an unknown key "5"/],
    ['{"serviceHours": {"start": "22:00", "end": "08:30", "days": "every_day"}}', /"serviceHours" end must be after start/],
    [
      '{"serviceHours": {"start": "8:30", "end": "22:00", "days": "every_day"}}',
      /"serviceHours\.start" must be a time HH:MM \(got "8:30"\)/,
    ],
    [
      '{"serviceHours": {"start": "08:30", "end": "22:00", "days": "weekdays"}}',
      /"serviceHours\.days" must be "every_day" or "working_days"/,
    ],
    ['{"holidays": ["2027-01-01", "2027-02-30"]}', /"holidays\[1\]" is not a day of the calendar \(got "2027-02-30"\)/],
    ['{"makeUpWorkdays": "2027-02-07"}', /"makeUpWorkdays" must be a list of dates YYYY-MM-DD/],
    ['{"partsReturnWorkingDays": 0}', /"partsReturnWorkingDays" must be a whole number from 1 to 365 \(got 0\)/],
    [
      '{"technicianScore": {"weights": {"satisfaction": 30, "timeliness": 25, "first_time_fix": 25, "discipline": 10}, "complaintDeduction": 10, "grades": [{"grade": "A", "min": 90}], "fallbackGrade": "E", "minTickets": 20}}',
      /"technicianScore\.weights" must add up to 100 points, not 90/,
    ],
    [
      '{"technicianScore": {"weights": {"satisfaction": 30, "timeliness": 25, "first_time_fix": 25, "discipline": 20}, "complaintDeduction": 10, "grades": [{"grade": "A", "min": 80}, {"grade": "B", "min": 90}], "fallbackGrade": "E", "minTickets": 20}}',
      /"technicianScore\.grades" must be listed best first/,
    ],
    [
      '{"earlyWarning": {"shiftRatio": 1, "weekArl0": 1040, "monthArl0": 240, "baselineWeeks": 52, "baselineMonths": 12}}',
      /"earlyWarning\.shiftRatio" must be a number above 1/,
    ],
    [
      '{"earlyWarning": {"shiftRatio": 2, "weekArl0": 5, "monthArl0": 240, "baselineWeeks": 52, "baselineMonths": 12}}',
      /"earlyWarning\.weekArl0" must be a whole number from 10 to 100000/,
    ],
    ['{"earlyWarning": {"shiftRatio": 2, "weekArl0": 1040, "monthArl0": 240, "baselineWeeks": 52}}', /"earlyWarning\.baselineMonths"/],
    ['{"proofOfFix": {"minAfterDays": 0, "beforeDays": 180}}', /"proofOfFix\.minAfterDays" must be a whole number from 7 to 3650/],
    // Subscriptions and delivery (issue 20): a secret never appears in the message.
    [
      '{"robots": {"east": {"channel": "dingtalk", "url": "https://oapi.dingtalk.com/robot/send?access_token=TOKEN123"}}}',
      /"robots\.east" needs one of url \/ urlEnv, and \(dingtalk, feishu: they sign their requests\) one of secret \/ secretEnv \(got \{"channel":"dingtalk","url":"https:\/\/oapi\.dingtalk\.com\/robot\/send\?…"\}\)$/,
    ],
    ['{"robots": {"east": {"channel": "slack", "url": "https://x"}}}', /"robots" must be an object of robots by name/],
    ['{"robots": {"east": {"channel": "wecom", "url": "ftp://x"}}}', /"robots\.east\.url" must be the robot's webhook URL/],
    ['{"robots": {"bad name": {"channel": "wecom", "url": "https://x"}}}', /"robots" has an unknown key "bad name"/],
    [
      '{"robots": {"east": {"channel": "feishu", "url": "https://x", "secretEnv": "NOT_SET_ANYWHERE"}}}',
      /"robots\.east\.secretEnv" names the environment variable NOT_SET_ANYWHERE, which is not set/,
    ],
    ['{"smtp": {"host": "mail", "port": 0, "secure": false, "from": "a@example.com"}}', /"smtp" must be null \(no e-mail\) or/],
    [
      '{"delivery": {"maxAttempts": 0, "retrySeconds": 60, "quietHours": null, "skipEmpty": true, "linkHours": 168, "weeklyCron": "0 8 * * 1", "monthlyCron": "0 8 1 * *", "sendCron": "* * * * *"}}',
      /"delivery\.maxAttempts" must be a whole number from 1 to 20 \(got 0\)/,
    ],
    [
      '{"delivery": {"maxAttempts": 5, "retrySeconds": 60, "quietHours": {"start": "22:00", "end": "8:00"}, "skipEmpty": true, "linkHours": 168, "weeklyCron": "0 8 * * 1", "monthlyCron": "0 8 1 * *", "sendCron": "* * * * *"}}',
      /"delivery\.quietHours" must be null or/,
    ],
    ['{"publicUrl": "aftersight.example.com"}', /"publicUrl" must be the address of Aftersight/],
  ])('%s is refused with a clear message', (content, message) => {
    expect(() => loadConfig(withFile(content), dir)).toThrow(message);
  });

  it('says every problem at once, each with where it came from', () => {
    const env = { ...withFile('{"port": 99999, "prot": 1}'), AFTERSIGHT_DEMO: 'yes' };
    const message = (() => {
      try {
        loadConfig(env, dir);
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message?.split('\n')).toEqual([
      expect.stringMatching(/: unknown setting "prot"; known: db, port, host, /),
      `${env.AFTERSIGHT_CONFIG}: "port" must be a whole number from 0 to 65535 (got 99999)`,
      'environment variable AFTERSIGHT_DEMO: "demoWhenEmpty" must be true or false (got "yes")',
    ]);
  });

  it('environment variables are text: whole numbers and true/false are read from it, a fraction is not a port', () => {
    expect(loadConfig({ PORT: '8081', AFTERSIGHT_DEMO: '0', AFTERSIGHT_DEMO_TICKETS: '1000' }, dir)).toMatchObject({
      port: 8081,
      demoWhenEmpty: false,
      demoTickets: 1000,
    });
    expect(() => loadConfig({ PORT: '80.5' }, dir)).toThrow(
      'environment variable PORT: "port" must be a whole number from 0 to 65535 (got 80.5)',
    );
  });

  it('takes the SMTP server, robots with secrets from the environment, and delivery settings', () => {
    const file = withFile(
      JSON.stringify({
        publicUrl: 'https://aftersight.example.com',
        smtp: { host: 'smtp.example.com', port: 465, secure: true, user: 'reports', from: 'Aftersight <reports@example.com>' },
        robots: {
          east: { channel: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=t', secretEnv: 'DINGTALK_EAST_SECRET' },
          hq: { channel: 'wecom', urlEnv: 'WECOM_HQ_URL' },
        },
        delivery: { ...defaultConfig.delivery, quietHours: { start: '22:00', end: '08:00' } },
      }),
    );
    const c = loadConfig(
      { ...file, DINGTALK_EAST_SECRET: 'SECx', WECOM_HQ_URL: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' },
      dir,
    );
    expect(c.smtp).toMatchObject({ host: 'smtp.example.com', port: 465, secure: true });
    expect(c.robots.hq).toEqual({ channel: 'wecom', urlEnv: 'WECOM_HQ_URL' });
    expect(c.delivery.quietHours).toEqual({ start: '22:00', end: '08:00' });
    expect(loadConfig({ AFTERSIGHT_PUBLIC_URL: 'https://as.example.com' }, dir).publicUrl).toBe('https://as.example.com');
  });

  it('alert settings: a delivery written before alerts still loads; thresholds are shares', () => {
    const { alertCron: _cron, alertDefaults: _defaults, ...before } = defaultConfig.delivery;
    expect(loadConfig(withFile(JSON.stringify({ delivery: before })), dir).delivery.alertCron).toBeUndefined();
    const c = loadConfig(
      withFile(
        JSON.stringify({
          delivery: {
            ...before,
            alertCron: '0 * * * *',
            alertDefaults: { slaBelow: 0.95, satisfactionBelow: 0.8, days: 14, backlogOlderDays: 3 },
          },
        }),
      ),
      dir,
    );
    expect(c.delivery).toMatchObject({ alertCron: '0 * * * *', alertDefaults: { slaBelow: 0.95, days: 14 } });
    expect(() =>
      loadConfig(
        withFile(
          JSON.stringify({
            delivery: { ...before, alertDefaults: { slaBelow: 90, satisfactionBelow: 0.8, days: 14, backlogOlderDays: 3 } },
          }),
        ),
        dir,
      ),
    ).toThrow('must be a share from 0 to 1');
  });

  it('engine "trino": the Trino settings a file leaves out keep their defaults; each wrong one is named', () => {
    expect(defaultConfig.engine).toBe('duckdb');
    const c = loadConfig(withFile('{"engine": "trino", "trino": {"url": "http://10.0.0.9:8080"}}'), dir);
    expect(c.engine).toBe('trino');
    expect(c.trino).toEqual({ ...defaultConfig.trino, url: 'http://10.0.0.9:8080' });
    expect(loadConfig({ AFTERSIGHT_ENGINE: 'trino' }, dir).engine).toBe('trino');
    const problem = (json: string) => {
      try {
        loadConfig(withFile(json), dir);
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(problem('{"engine": "spark"}')).toMatch(/"engine" must be "duckdb" or "trino" \(got "spark"\)/);
    expect(problem('{"trino": {"url": "10.0.0.9:8080"}}')).toMatch(/"trino.url" must be the address of the Trino coordinator/);
    expect(problem('{"trino": {"prefix": "My-Schemas"}}')).toMatch(/"trino.prefix" must be a schema-name prefix/);
    expect(problem('{"trino": {"lakeDir": ""}}')).toMatch(/"trino.lakeDir" must be the folder the lake export is written to/);
    expect(problem('{"trino": {"catalog": "hive"}}')).toMatch(/"trino" has an unknown key "catalog"/);
  });

  it('a named file that does not exist is an error', () => {
    expect(() => loadConfig({ AFTERSIGHT_CONFIG: path.join(dir, 'nope.json') }, dir)).toThrow(/not found/);
  });
});
