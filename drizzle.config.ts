// drizzle-kit: generates SQL migrations for every Durable Object's SQLite from schema/tables.ts.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  driver: 'durable-sqlite',
  schema: './schema/tables.ts',
  out: './schema/migrations',
});
