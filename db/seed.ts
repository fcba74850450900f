// `npm run db:seed`: migrate, then seed the demo workspace (Demo Agency, its client and campaign) into
// DATABASE_URL or the embedded database in ./data, through the app's own start-up path. A database
// that already has an organization is left as it is.
import { startApp, stopApp } from "../app/boot.server";
import { EnvError, parseEnv } from "../app/env.server";

try {
  const env = parseEnv({ ...process.env, QIAO_SEED_DEMO: "always" });
  const boot = await startApp(env);
  console.log(boot.demoSeeded ? `Seeded the demo into the ${boot.driver} database at ${boot.location}.` : `The ${boot.driver} database at ${boot.location} already has data: nothing seeded.`);
  for (const login of boot.demoLogins) console.log(`  ${login.email} (${login.role})`);
  if (boot.demoPassword) console.log(`  password: ${boot.demoPassword}`);
} catch (error) {
  console.error(error instanceof EnvError ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await stopApp();
}
