package aidline.testing;

/**
 * {@link TestDatabases} for a test class that starts one application for all its tests (in
 * {@code @BeforeAll} or {@code @BeforeParameterizedClassInvocation}): what it opened is closed, and
 * its PostgreSQL databases dropped, by {@link #close()} in the matching after-all method instead
 * of after each test.
 */
public final class ClassDatabases implements AutoCloseable {
  private final TestDatabases dbs = new TestDatabases();

  public TestDatabases get() {
    return dbs;
  }

  @Override
  public void close() throws Exception {
    dbs.afterEach(null);
  }
}
