// The API's error answers carry a stable code and parameters beside the English text — sign-in and roles, bad
// input (validation, filters, periods), nothing found, conflicts, uploads too large or unreadable, too many
// requests — and the message catalog words each code in Chinese and English (what the dashboard shows on a page
// of either language; a Chinese page never shows the English text).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { buildApp } from '../../../web/server/app.ts';
import { createUser } from '../../../web/server/auth/accounts.ts';
import { apiErrorText, apiErrorMessages } from '../../../presentation/i18n/messages.ts';
import { multipartBody } from '../../helpers/multipart.ts';
import { fixtureWarehouse } from '../../helpers/fixture-warehouse.ts';

const password = 'a long enough password';

describe('API error codes', () => {
  let db: Warehouse;
  let app: FastifyInstance;
  const cookie: Record<string, string> = {};
  const login = (username: string, pw: string, remoteAddress = '127.0.0.1') =>
    app.inject({ method: 'POST', url: '/api/login', payload: { username, password: pw }, remoteAddress });

  beforeAll(async () => {
    db = await fixtureWarehouse();
    app = await buildApp({ db, reports: { dir: '/nonexistent-never-written', companyName: 'x' }, uploadMaxBytes: 2000 });
    await createUser(db, { username: 'hr', role: 'hr', password });
    await createUser(db, { username: 'east', role: 'manager', regions: ['华东'], password });
    await createUser(db, { username: 'boss', role: 'admin', password });
    for (const u of ['hr', 'east', 'boss']) cookie[u] = String((await login(u, password)).headers['set-cookie']).split(';')[0];
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  /** Status, then the answer and its words in Chinese. */
  const answered = (r: Awaited<ReturnType<typeof login>>) => [r.statusCode, r.json(), apiErrorText('zh', r.json())];

  it('sign in first', async () => {
    expect(answered(await app.inject({ url: '/api/tickets?limit=1' }))).toEqual([
      401,
      { error: 'sign in first', code: 'sign_in_first', params: {} },
      '请先登录',
    ]);
  });

  it('wrong user name or password', async () => {
    expect(answered(await login('hr', 'wrong one'))).toEqual([
      401,
      { error: 'wrong user name or password', code: 'wrong_password', params: {} },
      '用户名或密码错误',
    ]);
  });

  it('too many failed sign-ins: 429 with the minutes to wait', async () => {
    for (let i = 0; i < 5; i++) expect((await login('east', `guess ${i}`, '10.1.1.1')).statusCode).toBe(401);
    // After five failures the wait is 30 s: one minute, rounded up.
    expect(answered(await login('east', 'guess', '10.1.1.1'))).toEqual([
      429,
      { error: 'too many failed sign-ins from this address: try again in 1 minute', code: 'too_many_sign_ins', params: { minutes: 1 } },
      '此地址登录失败次数过多，请 1 分钟后再试',
    ]);
  });

  it('a role that may not use a route', async () => {
    expect(answered(await app.inject({ url: '/api/tickets?limit=1', headers: { cookie: cookie.hr } }))).toEqual([
      403,
      { error: 'the hr role may not use this', code: 'role_refused', params: { role: 'hr' } },
      '“人事”角色无权使用此功能',
    ]);
  });

  it('a region-limited account asking for another region', async () => {
    expect(
      answered(await app.inject({ url: `/api/tickets?limit=1&region=${encodeURIComponent('华北')}`, headers: { cookie: cookie.east } })),
    ).toEqual([
      403,
      { error: 'you may see the regions 华东 only', code: 'regions_only', params: { regions: ['华东'] } },
      '您只能查看以下大区：华东',
    ]);
  });

  it('a request from a page of another origin', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/logout', headers: { cookie: cookie.hr, origin: 'http://elsewhere.example' } });
    expect(answered(r)).toEqual([
      403,
      { error: 'refused: the request came from a page of another origin', code: 'other_origin', params: {} },
      '已拒绝：请求来自其他网站的页面',
    ]);
  });

  it('English words are the server text', () => {
    expect(apiErrorText('en', { error: 'x', code: 'regions_only', params: { regions: ['华东', '华北'] } })).toBe(
      'you may see the regions 华东, 华北 only',
    );
  });

  /** An admin's request: status, code, params and the Chinese words. */
  const asAdmin = async (o: { method?: 'GET' | 'POST' | 'DELETE'; url: string; payload?: unknown; headers?: Record<string, string> }) => {
    const r = await app.inject({
      method: o.method ?? 'GET',
      url: o.url,
      payload: o.payload as never,
      headers: { cookie: cookie.boss, ...o.headers },
    });
    const a = r.json();
    return { status: r.statusCode, code: a.code, params: a.params, error: a.error, zh: apiErrorText('zh', a, r.statusCode) };
  };

  it('a parameter that fails validation: invalid_parameter naming it', async () => {
    expect(await asAdmin({ url: '/api/tickets?limit=0' })).toMatchObject({
      status: 400,
      code: 'invalid_parameter',
      params: { name: 'limit' },
      zh: '参数“limit”的值无效',
    });
    expect(await asAdmin({ method: 'POST', url: '/api/users', payload: { username: 'x', role: 'manager' } })).toMatchObject({
      status: 400,
      code: 'invalid_parameter',
      params: { name: 'password' },
    });
  });

  it('a number that is not finite: not_finite', async () => {
    expect(await asAdmin({ url: '/api/tickets?limit=1e999' })).toMatchObject({
      status: 400,
      code: 'not_finite',
      params: { name: 'limit', value: '1e999' },
      zh: '参数“limit”的值“1e999”不是有效数字',
    });
  });

  it('a question the warehouse cannot answer: invalid_filter, the English detail kept', async () => {
    const r = await asAdmin({ url: '/api/tickets?metric=sla_compliance' });
    expect(r).toMatchObject({ status: 400, code: 'invalid_filter', zh: '无法按所给条件查询' });
    expect(r.error).toBe('sla_compliance needs sla_target (response, arrival or resolution)');
  });

  it('a month that is none: not_a_month', async () => {
    expect(await asAdmin({ url: '/api/technician-scores/export?period=2025-13' })).toMatchObject({
      status: 400,
      code: 'not_a_month',
      params: { value: '2025-13' },
      zh: '“2025-13”不是月份，请写成 2025-07 的形式',
    });
  });

  it('nothing there: not_found naming what', async () => {
    expect(await asAdmin({ method: 'DELETE', url: '/api/users/99999' })).toMatchObject({
      status: 404,
      code: 'not_found',
      params: { what: 'user', id: 99999 },
      zh: '用户 99999 不存在',
    });
    expect(await asAdmin({ url: '/api/units/NO-SUCH-UNIT' })).toMatchObject({
      status: 404,
      code: 'not_found',
      params: { what: 'unit', id: 'NO-SUCH-UNIT' },
      zh: '机身 NO-SUCH-UNIT 不存在',
    });
    expect(await asAdmin({ url: '/api/no-such-route' })).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('an account that exists, a password too short: user_exists (409), password_too_short', async () => {
    expect(await asAdmin({ method: 'POST', url: '/api/users', payload: { username: 'hr', role: 'hr', password } })).toMatchObject({
      status: 409,
      code: 'user_exists',
      params: { username: 'hr' },
      zh: '用户 hr 已存在',
    });
    expect(await asAdmin({ method: 'POST', url: '/api/users', payload: { username: 'new', role: 'hr', password: 'short' } })).toMatchObject(
      { status: 400, code: expect.stringMatching(/^(password_too_short|invalid_parameter)$/) },
    );
    expect(
      await asAdmin({ method: 'POST', url: '/api/users', payload: { username: 'new', role: 'manager', regions: ['火星'], password } }),
    ).toMatchObject({ status: 400, code: 'unknown_regions', params: { regions: ['火星'] }, zh: '数据中没有这些大区：火星' });
  });

  it('an upload over the limit: file_too_large (413); a file without a usable header: file_refused', async () => {
    const big = await asAdmin({
      method: 'POST',
      url: '/api/ingest/tickets',
      ...multipartBody([{ name: 'file', filename: 'big.csv', content: 'ticket_id\n'.padEnd(5000, 'x') }]),
    });
    expect(big).toMatchObject({ status: 413, code: 'file_too_large', params: { bytes: 2000 }, zh: '文件超过大小上限（2,000 字节）' });
    const bad = await asAdmin({
      method: 'POST',
      url: '/api/ingest/tickets',
      ...multipartBody([{ name: 'file', filename: 'bad.csv', content: 'a,b\n1,2\n' }]),
    });
    expect(bad).toMatchObject({ status: 400, code: 'file_refused', params: { file: 'bad.csv' } });
    expect(bad.zh).toMatch(/^bad\.csv：/);
    expect(bad.zh).not.toMatch(/[a-z]{4,} [a-z]{4,}/);
  });

  it('too many requests: too_many_requests (429)', async () => {
    let r = await asAdmin({ method: 'POST', url: '/api/reports', payload: { quarter: 'x', variant: 'management' } });
    for (let i = 0; i < 40 && r.status !== 429; i++)
      r = await asAdmin({ method: 'POST', url: '/api/reports', payload: { quarter: 'x', variant: 'management' } });
    expect(r).toMatchObject({ status: 429, code: 'too_many_requests', zh: '请求过于频繁，请稍后再试' });
  });

  it('every code has words in both languages; without a known code a Chinese page gets its status in Chinese', () => {
    expect(Object.keys(apiErrorMessages.zh).sort()).toEqual(Object.keys(apiErrorMessages.en).sort());
    expect(apiErrorText('zh', { error: 'regions: "火星" is not a region of the data' }, 400)).toBe('请求无效');
    expect(apiErrorText('zh', { error: 'x', code: 'no_such_code' }, 404)).toBe('所请求的内容不存在');
    expect(apiErrorText('en', { error: 'x', code: 'no_such_code' }, 404)).toBe('x');
  });
});
