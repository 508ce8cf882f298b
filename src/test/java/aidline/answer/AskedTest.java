package aidline.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AskedTest {
  private final Lexicon lexicon = Lexicon.load(Path.of("knowledge-base/lexicon.yaml"));

  private Asked of(String text) {
    return Asked.of(lexicon, text);
  }

  @Test
  void theKindOfAnswerIsReadFromTheQuestionWords() {
    assertEquals(Asked.PHONE, of("在海南想问上学的事打哪个热线号码"));
    assertEquals(Asked.COUNT, of("鞍山开了几部资助咨询热线"));
    assertEquals(Asked.COUNT, of("建始县一共有多少个贫困村"));
    assertEquals(Asked.RATE, of("建始县学前三年毛入园率要达到多少"));
    assertEquals(Asked.FREQUENCY, of("资助对象多久评一次"));
    assertEquals(Asked.DURATION, of("资助名单公示多长时间"));
    assertEquals(Asked.TIME, of("资助申请什么时候交"));
    assertEquals(Asked.PAYMENT, of("资助的钱是怎么发到娃手上的"));
    assertEquals(Asked.PLACE, of("资助名单公示完了报给谁"));
    assertEquals(Asked.DOCUMENTS, of("娃在外省读书要带啥材料去申请"));
    assertEquals(Asked.AMOUNT, of("岳阳初中住校一年补多少"));
    assertEquals(Asked.AMOUNT, of("岳阳普通高中国家助学金标准是多少"));
    assertEquals(Asked.YES_NO, of("俺家娃在岳阳上技校，能免学费不"));
    assertEquals(Asked.GENERAL, of("介绍一下教育扶贫政策"));
  }

  @Test
  void aCountBesideAMoneyWordIsStillACount() {
    // 多少人 beside 资助 asks how many people, not how much money
    assertEquals(Asked.COUNT, of("学校审资助的工作专班要有多少人"));
    assertEquals(Asked.RATE, of("教师培训经费不能低于公用经费的百分之几"));
  }
}
