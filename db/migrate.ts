// `npm run db:migrate`: apply drizzle/ to DATABASE_URL, or to the embedded database.
import { openDatabase } from "./client";

const handle = await openDatabase({
  url: process.env.DATABASE_URL || undefined,
  dataDir: process.env.QIAO_DATA_DIR || "./data",
});
try {
  await handle.migrate();
  console.log(`Migrated ${handle.driver} database at ${handle.location}`);
} finally {
  await handle.close();
}
