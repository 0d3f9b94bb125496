/** The dual-prevention module's public service API (enterprise registry, major hazard sources, risk points, pure rules). */
export * from './enterprises.ts';
export * from './sources.ts';
export * from './points.ts';
export * from './hazards.ts';
export * from './escalation.ts';
export * from './stats.ts';
