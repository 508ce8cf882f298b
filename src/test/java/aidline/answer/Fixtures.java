package aidline.answer;

import aidline.knowledge.KnowledgeBase;
import aidline.knowledge.Regions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tiny knowledge base written into a temporary folder: two cities, one county, three documents. */
final class Fixtures {
  private Fixtures() {}

  static final String REGIONS =
      """
      - name: 湖南省
        children:
          - name: 岳阳市
            children:
              - name: 华容县
      - name: 辽宁省
        children:
          - name: 鞍山市
            children:
              - name: 台安县
      - name: 吉林省
        children:
          - name: 白城市
      """;

  static final String YUEYANG =
      """
      ---
      id: yy
      title: 岳阳市方案
      region: 湖南省岳阳市
      docNumber: 岳教〔2016〕17号
      status: published
      ---
      # 岳阳市方案
      ## 五、政策措施
      （二）资助体系。
      2.义务教育阶段。所有建档立卡的家庭经济困难寄宿生给予生活补助，标准为每生每年小学1000元、初中1250元。
      4.公示。对拟定的资助对象进行为期一周的公示。
      """;

  static final String ANSHAN =
      """
      ---
      id: as
      title: 鞍山市方案
      region: 辽宁省鞍山市
      status: published
      ---
      一、措施
      （1）寄宿生在原有初中生1250元补助基础上，再增加每人每年1000元补助，合计2250元补助。
      """;

  static final String BAICHENG =
      """
      ---
      id: bc
      title: 白城市意见
      region: 吉林省白城市
      status: published
      ---
      三、重点任务
      （二）资助对象，对进入民办学校就读或择校进入非学区内其它学校就读的学生不予补助或减免。
      4. 对就读普通高中的农村贫困学生，在确保享受原有的国家助学金（2000 元/生·年）基础上，免学费、免住宿费。
      """;

  static final String STANDARDS =
      """
      standards:
        - id: yy-junior
          region: 湖南省岳阳市
          stages: [junior]
          item: living
          name: 初中寄宿生生活补助
          amount: 1250
          unit: 元/生·年
          boarder: true
          conditions: 建档立卡的家庭经济困难寄宿生
          docId: yy
          section: 五（二）2
          quote: 所有建档立卡的家庭经济困难寄宿生给予生活补助，标准为每生每年小学1000元、初中1250元。
        - id: yy-primary
          region: 湖南省岳阳市
          stages: [primary]
          item: living
          name: 小学寄宿生生活补助
          amount: 1000
          unit: 元/生·年
          boarder: true
          docId: yy
          section: 五（二）2
          quote: 所有建档立卡的家庭经济困难寄宿生给予生活补助，标准为每生每年小学1000元、初中1250元。
        - id: as-junior
          stages: [junior]
          item: living
          name: 初中寄宿生生活补助（含增补）
          amount: 2250
          base: 1250
          supplement: 1000
          unit: 元/人·年
          boarder: true
          categories: [registeredPoor]
          docId: as
          section: 一（1）
          quote: 寄宿生在原有初中生1250元补助基础上，再增加每人每年1000元补助，合计2250元补助。
        - id: bc-senior
          stages: [senior]
          item: grant
          name: 普通高中国家助学金
          amount: 2000
          unit: 元/生·年
          docId: bc
          section: 三（二）4
          quote: 对就读普通高中的农村贫困学生，在确保享受原有的国家助学金（2000元/生·年）基础上，免学费、免住宿费。
      rules:
        - id: bc-private
          kind: exclusion
          schoolTypes: [private, schoolChoice]
          statement: 在白城市，民办学校或择校就读的学生不予补助或减免。
          docId: bc
          section: 三（二）
          quote: 对进入民办学校就读或择校进入非学区内其它学校就读的学生不予补助或减免。
      """;

  /** Writes the fixture folder, with the project's own lexicon, and returns it. */
  static Path write(Path dir) throws IOException {
    Files.writeString(dir.resolve("regions.yaml"), REGIONS);
    Files.writeString(dir.resolve("yy.md"), YUEYANG);
    Files.writeString(dir.resolve("as.md"), ANSHAN);
    Files.writeString(dir.resolve("bc.md"), BAICHENG);
    Files.writeString(dir.resolve("standards.yaml"), STANDARDS);
    Files.copy(Path.of("knowledge-base/lexicon.yaml"), dir.resolve("lexicon.yaml"));
    return dir;
  }

  static Regions regions(Path dir) {
    return Regions.load(dir.resolve("regions.yaml"));
  }

  /** Loads a standards table against the folder's documents. */
  static AidStandards standards(Path dir) {
    try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
      return AidStandards.load(dir.resolve("standards.yaml"), DocumentLookup.of(kb));
    }
  }
}
