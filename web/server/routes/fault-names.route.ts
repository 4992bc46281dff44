// GET /api/fault-names — each fault code's name (marts.fault_names): from the fault code list the company loaded
// (record kind `faults`), else from its tickets' fault descriptions, so every screen shows "AC08 压缩机异响" beside a
// code (presentation/i18n/dimension-labels.ts, faultLabel); `names_en` the English names where the list gives them.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { readFaultNames } from '../../../warehouse/queries/fault-names.ts';
import { NoQuery } from '../schemas/json-types.schema.ts';

const FaultNamesReply = Type.Object(
  {
    names: Type.Record(Type.String(), Type.String(), { description: 'fault code -> name (codes without a name are left out)' }),
    names_en: Type.Record(Type.String(), Type.String(), {
      description: 'fault code -> English name (the loaded list’s English name, else the same as names)',
    }),
  },
  { description: 'The name shown beside each fault code' },
);

export const faultNamesRoute: FastifyPluginAsync = async (app) => {
  app.get(
    '/api/fault-names',
    { schema: { querystring: NoQuery, response: { 200: FaultNamesReply } }, config: { access: 'signed-in' } },
    async () => {
      const names = await readFaultNames(app.db);
      return { names: names.zh, names_en: names.en };
    },
  );
};
