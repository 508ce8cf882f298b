package aidline.bench;

/**
 * One measured figure against its target. {@code met} is null where there is no target or the
 * figure could not be taken.
 */
public record Result(String scenario, String metric, String value, String target, Boolean met, String note) {
  public static Result of(String scenario, String metric, double value, String unit, String target, Boolean met) {
    return new Result(scenario, metric, format(value) + " " + unit, target, met, "");
  }

  public Result withNote(String n) {
    return new Result(scenario, metric, value, target, met, n);
  }

  static String format(double v) {
    if (v >= 100) {
      return String.format("%,.0f", v);
    }
    if (v >= 1) {
      return String.format("%.2f", v);
    }
    return String.format("%.3f", v);
  }
}
