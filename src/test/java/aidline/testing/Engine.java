package aidline.testing;

/** The storage engines a repository test runs on (see {@link TestDatabases}). */
public enum Engine {
  SQLITE,
  POSTGRESQL
}
