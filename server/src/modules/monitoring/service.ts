/** The monitoring module's public service API (sensors, ingestion, pure alarm rules). */
export * from './sensors.ts';
export * from './ingest.ts';
export * from './alarms.ts';
export * from './jobs.ts';
