package aidline.student;

import aidline.knowledge.ChineseText;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the Chinese headers a spreadsheet happens to use (身份证号码, 学校名称, *姓名, 金额（元）…) to
 * field names, and checks that the required ones are present.
 */
final class CsvHeader {
  private final Map<String, Integer> index;
  private final int width;

  private CsvHeader(Map<String, Integer> index, int width) {
    this.index = index;
    this.width = width;
  }

  /**
   * @param aliases field → accepted header spellings, in the order fields are listed to users
   * @param required groups of fields; each group needs at least one present (学段 or 年级)
   */
  static CsvHeader of(List<String> header, Map<String, List<String>> aliases, List<List<String>> required) {
    Map<String, String> byAlias = new HashMap<>();
    aliases.forEach((field, names) -> names.forEach(n -> byAlias.put(n, field)));
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String field = byAlias.get(clean(header.get(i)));
      if (field != null && !index.containsKey(field)) {
        index.put(field, i);
      }
    }
    if (index.isEmpty()) {
      throw new StudentImportException("无法识别表头：第1行没有一个认识的列名（请确认是 CSV 文件、编码选对了、第1行是表头）");
    }
    for (List<String> group : required) {
      if (group.stream().noneMatch(index::containsKey)) {
        String wanted = String.join("或", group.stream().map(f -> aliases.get(f).get(0)).toList());
        String all = String.join("、", required.stream().map(g -> String.join("或", g.stream().map(f -> aliases.get(f).get(0)).toList())).toList());
        throw new StudentImportException("表头缺少「" + wanted + "」列（第1行须包含：" + all + "）");
      }
    }
    return new CsvHeader(index, header.size());
  }

  /** Drops the BOM, spaces, the * of required-column templates and a trailing （单位）. */
  static String clean(String h) {
    String t = ChineseText.halfWidth(h.replace("\uFEFF", "")).strip().replace("*", "").replace(" ", "");
    t = t.replaceAll("[（(][^）)]*[）)]$", "");
    return t;
  }

  int width() {
    return width;
  }

  boolean has(String field) {
    return index.containsKey(field);
  }

  /** The trimmed value of a field in a row, or "" when the column is absent. */
  String get(List<String> row, String field) {
    Integer i = index.get(field);
    return i == null || i >= row.size() ? "" : row.get(i).strip();
  }
}
