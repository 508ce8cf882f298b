package aidline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The question texts (and known regions) of a question file in the dev-questions format. */
record DevQuestions(List<String> texts, List<String> regions) {
  static final Path DEFAULT = Path.of("..", "shared", "eval", "dev-questions.jsonl");

  /** A few questions of each kind, used when the dev set is not beside the checkout. */
  private static final List<String> FALLBACK = List.of(
      "岳阳市初中寄宿生每年有多少生活补助？", "白城普惠性幼儿园的贫困家庭孩子能领多少", "台安建档立卡初中寄宿生一年补多少",
      "资助名单公示多长时间", "初中住校生补助多少钱", "今天天气怎么样", "我要投诉学校乱收费", "我想查一下我的工单进度",
      "海南营养膳食补助每年多少钱", "俺家娃在岳阳上技校，能免学费不");

  static DevQuestions load(Path file) {
    List<String> texts = new ArrayList<>();
    List<String> regions = new ArrayList<>();
    if (file != null && Files.exists(file)) {
      try {
        ObjectMapper m = new ObjectMapper();
        for (String line : Files.readAllLines(file)) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode n = m.readTree(line);
          texts.add(n.path("text").asText());
          regions.add(n.hasNonNull("region") ? n.get("region").asText() : null);
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    if (texts.isEmpty()) {
      texts.addAll(FALLBACK);
      FALLBACK.forEach(t -> regions.add(null));
    }
    return new DevQuestions(texts, regions);
  }
}
