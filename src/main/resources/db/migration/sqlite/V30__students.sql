-- Students and their aid records (issue 7). Keyed by 身份证号 so re-importing a roll updates rows.
-- A rowid table: imports append rows at the end instead of splitting pages of wide rows in
-- 身份证号 order, and only the narrow indexes take the random inserts.
CREATE TABLE students (
  id             INTEGER PRIMARY KEY,
  national_id    TEXT NOT NULL UNIQUE,      -- 18 characters, GB 11643 check digit verified on import
  student_no     TEXT,                      -- 学籍号 when the roll gives one other than G + 身份证号 (NULL: G + 身份证号)
  name           TEXT NOT NULL,
  gender         TEXT NOT NULL,             -- 男 | 女, from the 身份证号
  ethnicity      TEXT NOT NULL DEFAULT '',
  birth_date     TEXT NOT NULL,             -- ISO date, from the 身份证号
  school         TEXT NOT NULL,
  stage          TEXT NOT NULL,             -- Stage enum name
  grade          TEXT NOT NULL DEFAULT '',
  boarder        INTEGER NOT NULL,          -- 1 = 寄宿生
  categories     TEXT NOT NULL DEFAULT '',  -- comma-separated HouseholdCategory codes
  region         TEXT NOT NULL,             -- full path in regions.yaml, e.g. 湖南省岳阳市华容县
  guardian_name  TEXT NOT NULL DEFAULT '',
  guardian_phone TEXT NOT NULL DEFAULT '',
  updated_at     TEXT NOT NULL
);
-- partial, so the usual NULL (G + 身份证号) costs the import nothing
CREATE UNIQUE INDEX students_student_no ON students (student_no) WHERE student_no IS NOT NULL;
-- the gap report filters by region (prefix range) and school; one index, since every index costs
-- the import a random insert per row
CREATE INDEX students_region_school ON students (region, school);

CREATE TABLE aid_records (
  national_id TEXT NOT NULL REFERENCES students (national_id) ON DELETE CASCADE,
  school_year TEXT NOT NULL,               -- 2025-2026
  term        TEXT NOT NULL,               -- 秋季 | 春季 | 全年
  item        TEXT NOT NULL,               -- 资助项目 as the list names it
  amount      TEXT NOT NULL,               -- decimal yuan, kept as text so no float rounding
  status      TEXT NOT NULL,               -- AidStatus enum name
  status_date TEXT,                        -- when the status was reached
  note        TEXT NOT NULL DEFAULT '',
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (national_id, school_year, term, item)
) WITHOUT ROWID;
