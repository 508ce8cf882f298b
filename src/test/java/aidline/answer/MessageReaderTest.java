package aidline.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.knowledge.Regions;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageReaderTest {
  private final MessageReader reader =
      new MessageReader(Lexicon.load(Path.of("knowledge-base/lexicon.yaml")), Regions.load(Path.of("knowledge-base/regions.yaml")));

  private MessageReader.Reading read(String text) {
    return reader.read(text, DialogState.empty());
  }

  @Test
  void colloquialQuestionGetsStageRegionAndEligibility() {
    var r = read("俺家娃在岳阳上技校，能免学费不");
    assertEquals(Intent.ELIGIBILITY, r.intent());
    assertEquals(Set.of(Stage.VOCATIONAL), r.slots().stages());
    assertEquals("湖南省岳阳市", r.slots().region().path());
    assertTrue(r.slots().items().contains("tuition"));
  }

  @Test
  void traditionalScriptIsReadAsSimplified() {
    var r = read("岳陽市初中寄宿生補助多少");
    assertEquals(Intent.AMOUNT, r.intent());
    assertEquals("湖南省岳阳市", r.slots().region().path());
    assertEquals(Set.of(Stage.JUNIOR), r.slots().stages());
    assertTrue(r.slots().boarder());
  }

  @Test
  void countyWinsOverItsCityAndHouseholdWordsAreCategories() {
    var r = read("台安建档立卡初中住校一年补多少");
    assertEquals("辽宁省鞍山市台安县", r.slots().region().path());
    assertTrue(r.slots().categories().contains("registeredPoor"));
    assertTrue(read("我们是贫困户").slots().categories().contains("registeredPoor"));
  }

  @Test
  void generalHighSchoolIsNotAlsoReadAsAnotherStage() {
    assertEquals(Set.of(Stage.SENIOR), read("普通高中助学金多少").slots().stages());
    assertEquals(Set.of(Stage.PRIMARY, Stage.JUNIOR), read("义务教育阶段有什么补助").slots().stages());
  }

  @Test
  void schoolTypesAreRead() {
    assertTrue(read("在民办学校读书").slots().schoolTypes().contains("private"));
    assertTrue(read("择校去了城里").slots().schoolTypes().contains("schoolChoice"));
    assertTrue(read("孩子在特教学校").slots().schoolTypes().contains("special"));
  }

  @Test
  void ticketsGreetingsAndOffTopic() {
    assertEquals(Intent.TICKET_NEW, read("补助还没发，我要反映").intent());
    assertEquals(Intent.TICKET_NEW, read("我要转人工").intent());
    assertEquals(Intent.TICKET_STATUS, read("我的工单进度怎么样了").intent());
    assertEquals(Intent.GREETING, read("你好").intent());
    assertEquals(Intent.OFFTOPIC, read("明天会下雨吗").intent());
    assertEquals(Intent.OFFTOPIC, read("给我讲个笑话").intent());
  }

  @Test
  void procedureAndPolicyQuestions() {
    assertEquals(Intent.PROCEDURE, read("贫困生资助怎么申请").intent());
    assertEquals(Intent.POLICY, read("961017热线是什么").intent());
    assertFalse(read("在岳阳读初中").slots().boarder());
  }

  @Test
  void knownRegionIsUsedWhenTheTextNamesNone() {
    var r = reader.read("初中住校补多少", DialogState.ofRegion("湖南省岳阳市华容县"));
    assertEquals("湖南省岳阳市华容县", r.slots().region().path());
    assertEquals(null, r.regionInText());
  }
}
