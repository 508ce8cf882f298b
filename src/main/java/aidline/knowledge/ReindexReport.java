package aidline.knowledge;

import java.util.List;

/** What a (re)index did: documents served, drafts held back, changes, and files that failed. */
public record ReindexReport(
    int documents, int drafts, int added, int updated, int removed, int passages, List<String> problems, int embedded) {

  public ReindexReport(int documents, int drafts, int added, int updated, int removed, int passages, List<String> problems) {
    this(documents, drafts, added, updated, removed, passages, problems, 0);
  }

  public boolean clean() {
    return problems.isEmpty();
  }

  /** One line for a person: 已索引 7 篇（段落 250），草稿 0 篇；新增 7，更新 0，删除 0。 */
  public String summary() {
    return "已索引 " + documents + " 篇（段落 " + passages + "），草稿 " + drafts + " 篇；新增 " + added + "，更新 " + updated
        + "，删除 " + removed + (embedded > 0 ? "；新计算向量 " + embedded + " 段" : "") + (problems.isEmpty() ? "。" : "；有 " + problems.size() + " 个文件未能读取。");
  }
}
