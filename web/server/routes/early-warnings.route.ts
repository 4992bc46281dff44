// GET /api/early-warnings — the early-warning alerts with their state (filters: state, grain, product_model,
// fault_code, hide_snoozed) and the count per state; GET /api/early-warnings/:id — one alert with its history;
// POST /api/early-warnings/:id/state {state, note, snooze_until} — a state change, kept with who and when.
// Quality roles read; quality engineers and admins write.
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from 'typebox';
import { alertStates, changeAlertState, grains, listAlerts, readAlert } from '../../../warehouse/queries/early-warnings.ts';
import { AnyObject } from '../schemas/json-types.schema.ts';
import { roleGroups } from '../auth/route-access.ts';
import { knownList as known, splitList } from '../query-lists.ts';
import { isoDate } from '../schemas/period-params.schema.ts';
import { apiError } from '../api-error.ts';

const ListQuery = Type.Object(
  {
    state: Type.Optional(Type.String({ maxLength: 200 })),
    grain: Type.Optional(Type.String({ maxLength: 50 })),
    product_model: Type.Optional(Type.String({ maxLength: 2000 })),
    fault_code: Type.Optional(Type.String({ maxLength: 2000 })),
    hide_snoozed: Type.Optional(Type.Union([Type.Literal('yes'), Type.Literal('no')])),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const StateBody = Type.Object(
  {
    state: Type.Union(alertStates.map((s) => Type.Literal(s))),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    snooze_until: Type.Optional(Type.Union([isoDate, Type.Null()])),
  },
  { additionalProperties: false },
);

// Each answer as its query module types it (an early warning).
const answers = {
  200: AnyObject('an early warning, or the list with its counts, as warehouse/queries/early-warnings.ts types them'),
  201: AnyObject('an early warning, or the list with its counts, as warehouse/queries/early-warnings.ts types them'),
};

export const earlyWarningsRoute: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: Static<typeof ListQuery> }>(
    '/api/early-warnings',
    { schema: { response: answers, querystring: ListQuery }, config: { access: roleGroups.quality } },
    async (req) => {
      const q = req.query;
      return listAlerts(app.db, {
        state: known('state', q.state, alertStates),
        grain: known('grain', q.grain, grains),
        product_model: splitList(q.product_model),
        fault_code: splitList(q.fault_code),
        hide_snoozed: q.hide_snoozed === 'yes',
      });
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/api/early-warnings/:id',
    { schema: { response: answers, params: IdParams }, config: { access: roleGroups.quality } },
    async (req, reply) => {
      const a = await readAlert(app.db, req.params.id);
      return a ?? reply.status(404).send(apiError('not_found', { what: 'early_warning', id: req.params.id }));
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof StateBody> }>(
    '/api/early-warnings/:id/state',
    {
      schema: { response: answers, params: IdParams, body: StateBody },
      config: { access: roleGroups.qualityWrite, audit: 'early_warning_state' },
    },
    async (req) => changeAlertState(app.db, req.params.id, req.body, req.user?.username ?? 'anonymous'),
  );
};
