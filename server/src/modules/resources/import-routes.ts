import type { FastifyInstance } from 'fastify';
import { registerImportRoutes } from '../../platform/import.ts';
import { RESOURCE_IMPORTS } from './imports.ts';

const TAG = '应急资源';

/**
 * xlsx import of every resource ledger: for each kind (teams, experts, equipment, warehouses,
 * materials, stock) GET /api/v1/{kind}/import-template.xlsx, POST /api/v1/{kind}/import and
 * POST /api/v1/{kind}/import/report.xlsx (see platform/import.ts and docs/import.md).
 */
export async function resourceImportRoutes(app: FastifyInstance): Promise<void> {
  for (const spec of RESOURCE_IMPORTS) registerImportRoutes(app, { prefix: `/api/v1/${spec.kind}`, tag: TAG, spec, permission: 'resources:write' });
}
