// The API's auth error answers carry a stable code and parameters beside the English text, and the message
// catalog words each code in Chinese and English (what the dashboard shows on a page of either language).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { buildApp } from '../../../web/server/app.ts';
import { createUser } from '../../../web/server/auth/accounts.ts';
import { apiErrorText } from '../../../presentation/i18n/messages.ts';
import { fixtureWarehouse } from '../../helpers/fixture-warehouse.ts';

const password = 'a long enough password';

describe('API error codes', () => {
  let db: Warehouse;
  let app: FastifyInstance;
  const cookie: Record<string, string> = {};
  const login = (username: string, pw: string, remoteAddress = '127.0.0.1') => app.inject({ method: 'POST', url: '/api/login', payload: { username, password: pw }, remoteAddress });

  beforeAll(async () => {
    db = await fixtureWarehouse();
    app = await buildApp({ db, reports: { dir: '/nonexistent-never-written', companyName: 'x' } });
    await createUser(db, { username: 'hr', role: 'hr', password });
    await createUser(db, { username: 'east', role: 'manager', regions: ['华东'], password });
    for (const u of ['hr', 'east']) cookie[u] = String((await login(u, password)).headers['set-cookie']).split(';')[0];
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  /** Status, then the answer and its words in Chinese. */
  const answered = (r: Awaited<ReturnType<typeof login>>) => [r.statusCode, r.json(), apiErrorText('zh', r.json())];

  it('sign in first', async () => {
    expect(answered(await app.inject({ url: '/api/tickets?limit=1' }))).toEqual([401, { error: 'sign in first', code: 'sign_in_first', params: {} }, '请先登录']);
  });

  it('wrong user name or password', async () => {
    expect(answered(await login('hr', 'wrong one'))).toEqual([401, { error: 'wrong user name or password', code: 'wrong_password', params: {} }, '用户名或密码错误']);
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
    expect(answered(await app.inject({ url: `/api/tickets?limit=1&region=${encodeURIComponent('华北')}`, headers: { cookie: cookie.east } }))).toEqual([
      403,
      { error: 'you may see the regions 华东 only', code: 'regions_only', params: { regions: ['华东'] } },
      '您只能查看以下大区：华东',
    ]);
  });

  it('a request from a page of another origin', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/logout', headers: { cookie: cookie.hr, origin: 'http://elsewhere.example' } });
    expect(answered(r)).toEqual([403, { error: 'refused: the request came from a page of another origin', code: 'other_origin', params: {} }, '已拒绝：请求来自其他网站的页面']);
  });

  it('English words are the server text; an answer without a known code keeps its own text', () => {
    expect(apiErrorText('en', { error: 'x', code: 'regions_only', params: { regions: ['华东', '华北'] } })).toBe('you may see the regions 华东, 华北 only');
    expect(apiErrorText('zh', { error: 'regions: "火星" is not a region of the data' })).toBe('regions: "火星" is not a region of the data');
    expect(apiErrorText('zh', { error: 'x', code: 'no_such_code' })).toBe('x');
  });
});
