package aidline.storage.copy;

import java.util.List;

/** What {@code db copy} found after copying: per table, rows and checksums on both sides. */
public record CopyReport(String schemaVersion, List<TableCheck> tables, long insertedRows, long skippedTables) {

  /** @param maxId the largest identity value in the target, or null for a table without one */
  public record TableCheck(String table, long sourceRows, long targetRows, String sourceSum, String targetSum, Long maxId) {
    public boolean equal() {
      return sourceRows == targetRows && sourceSum.equals(targetSum);
    }
  }

  public boolean verified() {
    return tables.stream().allMatch(TableCheck::equal);
  }

  /** The verification as a Chinese table, one line per table, and a closing verdict. */
  public String format() {
    int w = Math.max(6, tables.stream().mapToInt(t -> t.table().length()).max().orElse(6));
    StringBuilder b = new StringBuilder();
    b.append(String.format("%-" + w + "s  %10s  %10s  %-16s  %-16s  %8s  %s%n", "表", "源库行数", "目标库行数", "源库校验和", "目标库校验和", "最大id", "结果"));
    long rows = 0;
    for (TableCheck t : tables) {
      rows += t.sourceRows();
      b.append(String.format("%-" + w + "s  %10d  %10d  %-16s  %-16s  %8s  %s%n", t.table(), t.sourceRows(), t.targetRows(), t.sourceSum(),
          t.targetSum(), t.maxId() == null ? "-" : t.maxId().toString(), t.equal() ? "一致" : "不一致"));
    }
    long bad = tables.stream().filter(t -> !t.equal()).count();
    b.append(bad == 0
        ? String.format("校验通过：%d 张表、%d 行全部一致（结构版本 %s；本次写入 %d 行，%d 张表已完整而跳过）%n", tables.size(), rows, schemaVersion, insertedRows, skippedTables)
        : String.format("校验失败：%d 张表不一致，请查看上表后重新运行 db copy%n", bad));
    return b.toString();
  }
}
