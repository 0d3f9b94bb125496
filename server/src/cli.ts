import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { loadConfig, type Config } from './config.ts';
import { openDatabase, type Database } from './platform/db.ts';
import { migrate } from './platform/migrate.ts';
import { verifyAuditChain } from './platform/audit.ts';
import { assertNotRunning, backup, pidFile, restore } from './platform/backup.ts';
import { seedDemo } from './demo/seed.ts';
import { createFirstAdmin } from './platform/bootstrap.ts';
import { buildApp } from './app.ts';
import { purgeExpiredSessions } from './modules/auth/service.ts';
import { notifyExpiring } from './modules/resources/service.ts';
import { runEscalation } from './modules/hazards/service.ts';
import { ensureReadingPartitions, runAlarmEscalation, runOfflineCheck } from './modules/monitoring/service.ts';

async function open(cfg: Config): Promise<Database> {
  if (!cfg.databaseUrl) assertNotRunning(cfg.dataDir);
  const db = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
  await migrate(db);
  return db;
}

const program = new Command('yingji').description('Yingji 应急 — 县级应急管理综合应用平台');

program.command('serve')
  .description('迁移数据库并启动服务（UI + API）')
  .option('--demo', '演示模式：数据库为空时写入鄯善县演示数据')
  .action(async (opts: { demo?: boolean }) => {
    const cfg = loadConfig(process.env, opts.demo ? { demo: true } : {});
    const started = Date.now();
    fs.mkdirSync(cfg.dataDir, { recursive: true });
    const db = await open(cfg);
    if (!cfg.databaseUrl) fs.writeFileSync(pidFile(cfg.dataDir), String(process.pid));
    if (cfg.demo) {
      const s = await seedDemo(db);
      if (s.seeded) console.log(`demo data seeded: ${s.regions} regions, ${s.orgs} organisations, ${s.users} accounts (password yingji-demo)`);
    } else {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user');
      if (!rows[0]?.n) console.log('no users yet: create the first administrator with `npm run yingji -- create-admin` (see README)');
    }
    const app = await buildApp({ config: cfg, db, logger: true });
    await app.listen({ host: cfg.host, port: cfg.port });
    console.log(`Yingji ready on http://${cfg.host}:${cfg.port} (${db.kind}${cfg.databaseUrl ? '' : ` in ${cfg.dataDir}`}) after ${Date.now() - started} ms`);
    const purge = setInterval(() => void purgeExpiredSessions(db).catch(() => undefined), 3600_000);
    purge.unref();
    // Expiring and expired stock → warehouse managers (at most one notice per batch a day).
    const sweep = () => void notifyExpiring(db).catch((err: unknown) => app.log.error({ err }, 'stock expiry sweep failed'));
    const firstSweep = setTimeout(sweep, 60_000);
    firstSweep.unref();
    const sweeps = setInterval(sweep, 6 * 3600_000);
    sweeps.unref();
    // Overdue hazards → unit, township/department, bureau (durable and safe with several processes).
    const escalate = () => void runEscalation(db).catch((err: unknown) => app.log.error({ err }, 'hazard escalation failed'));
    const escalations = setInterval(escalate, 15 * 60_000);
    escalations.unref();
    const firstEscalation = setTimeout(escalate, 90_000);
    firstEscalation.unref();
    // Monitoring: reading partitions months ahead (daily); sensors gone silent and unacknowledged alarms (every minute).
    const partitions = () => void ensureReadingPartitions(db).catch((err: unknown) => app.log.error({ err }, 'reading partitions failed'));
    partitions();
    const partitionTimer = setInterval(partitions, 24 * 3600_000);
    partitionTimer.unref();
    const offline = () => {
      void runOfflineCheck(db).catch((err: unknown) => app.log.error({ err }, 'offline check failed'));
      void runAlarmEscalation(db).catch((err: unknown) => app.log.error({ err }, 'alarm escalation failed'));
    };
    const offlineTimer = setInterval(offline, 60_000);
    offlineTimer.unref();
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      console.log(`${signal}: shutting down`);
      clearInterval(purge);
      clearInterval(sweeps);
      clearInterval(escalations);
      clearInterval(partitionTimer);
      clearInterval(offlineTimer);
      clearTimeout(firstEscalation);
      clearTimeout(firstSweep);
      await app.close();
      await db.close();
      if (!cfg.databaseUrl) fs.rmSync(pidFile(cfg.dataDir), { force: true });
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
  });

program.command('migrate').description('执行数据库迁移').action(async () => {
  const cfg = loadConfig();
  const db = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
  const r = await migrate(db);
  console.log(r.applied.length ? `applied: ${r.applied.join(', ')}` : `up to date (${r.total} migrations)`);
  await db.close();
});

program.command('seed-demo').description('写入鄯善县演示数据（仅当数据库为空）').action(async () => {
  const cfg = loadConfig();
  const db = await open(cfg);
  const s = await seedDemo(db);
  console.log(s.seeded ? `seeded ${s.regions} regions, ${s.orgs} organisations, ${s.users} accounts` : 'database is not empty: nothing seeded');
  await db.close();
});

program.command('create-admin')
  .description('创建系统管理员（非演示部署的第一个账号）；密码取自 YINGJI_ADMIN_PASSWORD 或交互输入')
  .requiredOption('--username <name>', '用户名')
  .option('--display-name <name>', '姓名', '系统管理员')
  .option('--county-code <code>', '区域树为空时创建的县级根区域代码（6 或 12 位）')
  .option('--county-name <name>', '县级根区域名称')
  .action(async (opts: { username: string; displayName: string; countyCode?: string; countyName?: string }) => {
    const cfg = loadConfig();
    let password = process.env.YINGJI_ADMIN_PASSWORD ?? '';
    if (!password) {
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      password = await rl.question('密码（至少 8 位，含字母和数字）: ');
      rl.close();
    }
    const db = await open(cfg);
    try {
      const r = await createFirstAdmin(db, { ...opts, password });
      console.log(`administrator ${opts.username} created (id ${r.id}) in region ${r.regionCode}`);
    } finally {
      await db.close();
    }
  });

program.command('backup <file>').description('备份：PostgreSQL 为 pg_dump 自定义格式；内嵌库为数据目录快照（须先停止服务）').action(async (file: string) => {
  const cfg = loadConfig();
  await backup({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir, file: path.resolve(file) });
  console.log(`backup written to ${path.resolve(file)}`);
});

program.command('restore <file>').description('从备份恢复（内嵌库：原数据目录改名保留；须先停止服务）').action(async (file: string) => {
  const cfg = loadConfig();
  const moved = await restore({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir, file: path.resolve(file) });
  console.log(`restored from ${path.resolve(file)}${moved ? `; previous data kept at ${moved}` : ''}`);
});

const audit = program.command('audit').description('审计日志');
audit.command('verify').description('校验审计日志哈希链，发现被修改或删除的记录').action(async () => {
  const cfg = loadConfig();
  const db = await open(cfg);
  const r = await verifyAuditChain(db);
  await db.close();
  if (r.ok) {
    console.log(`audit chain OK: ${r.rows} rows, head seq ${r.headSeq}, head hash ${r.headHash}`);
  } else {
    for (const p of r.problems) console.error(`seq ${p.seq}: ${p.problem}`);
    console.error(`audit chain BROKEN: ${r.problems.length} problem(s) in ${r.rows} rows`);
    process.exitCode = 1;
  }
});

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
