/**
 * vitest globalSetup of the `unit-pg` project: the PostgreSQL every test there uses. DATABASE_URL
 * names one to use (each test works in a schema of its own there); without it a throwaway server
 * is started for the run and deleted afterwards.
 */
import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres, type ThrowawayPostgres } from './verifier-postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL server the `unit-pg` project's tests use (a schema each). */
    postgresUrl: string;
  }
}

let server: ThrowawayPostgres | undefined;

export async function setup(project: TestProject): Promise<void> {
  const given = process.env.DATABASE_URL;
  if (given) {
    project.provide('postgresUrl', given);
    return;
  }
  server = await startThrowawayPostgres();
  project.provide('postgresUrl', server.url);
}

export function teardown(): void {
  server?.stop();
}
