// GET /api/fault-names — each fault code's name from its tickets' fault descriptions (marts.fault_names), so
// every screen shows "AC08 压缩机异响" beside a code (presentation/i18n/dimension-labels.ts, faultLabel).
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { readFaultNames } from '../../../warehouse/queries/fault-names.ts';
import { NoQuery } from '../schemas/json-types.schema.ts';

const FaultNamesReply = Type.Object(
  { names: Type.Record(Type.String(), Type.String(), { description: 'fault code -> name (codes without a name are left out)' }) },
  { description: 'The name shown beside each fault code' },
);

export const faultNamesRoute: FastifyPluginAsync = async (app) => {
  app.get(
    '/api/fault-names',
    { schema: { querystring: NoQuery, response: { 200: FaultNamesReply } }, config: { access: 'signed-in' } },
    async () => ({
      names: await readFaultNames(app.db),
    }),
  );
};
