package aidline.bench;

import java.util.List;

/** One benchmark scenario; it measures and reports, it never fails the build on a figure. */
public interface Scenario {
  String name();

  List<Result> run(BenchContext ctx) throws Exception;
}
