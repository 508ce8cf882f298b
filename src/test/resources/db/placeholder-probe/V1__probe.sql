-- Written once for both engines, as migrations in db/migration/common are (MigrationParityTest).
CREATE TABLE probe (
  id     ${id},
  at     ${epoch} NOT NULL,
  engine TEXT NOT NULL DEFAULT '${engine}'
);
