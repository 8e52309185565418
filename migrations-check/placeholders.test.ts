import { expect, test } from 'vitest';
import { replacePlaceholders } from './placeholders.ts';

const context = { defaultSchema: 'public', user: 'migrator', database: 'casino', table: 'flyway_schema_history', filename: 'V1__x.sql' };

test.each([
  ['GRANT SELECT ON ALL TABLES IN SCHEMA ${flyway:defaultSchema} TO ${flyway:user};', 'GRANT SELECT ON ALL TABLES IN SCHEMA public TO migrator;', []],
  ["COMMENT ON TABLE t IS '${flyway:filename} in ${flyway:database}';", "COMMENT ON TABLE t IS 'V1__x.sql in casino';", []],
  ['CREATE ROLE ${app_role};', 'CREATE ROLE app;', []],
  ["SELECT '${unknown}', $$ no placeholder $$;", "SELECT '${unknown}', $$ no placeholder $$;", ['unknown']],
])('%s', (sql, expected, missing) => {
  expect(replacePlaceholders(sql, context, { app_role: 'app' })).toEqual({ sql: expected, missing });
});
