/** The resources module's public service API (teams, experts, equipment, decision support). */
export * from './teams.ts';
export * from './experts.ts';
export * from './equipment.ts';
export * from './nearest.ts';
export * from './warehouses.ts';
export * from './stock.ts';
export * from './decision.ts';
export * from './shelters.ts';
export * from './coverage.ts';
