package aidline.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.knowledge.Regions;
import aidline.values.Stage;
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
    assertEquals(Intent.TICKET_STATUS, read("我上次反映的问题处理得怎么样了").intent());
    assertEquals(Intent.TICKET_NEW, read("补助被学校克扣了").intent());
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
  void teacherWordsAskAboutTeachersUnlessAPupilsStageIsNamed() {
    assertEquals(Set.of(Stage.TEACHER), read("白城村小老师每个月补助多少").slots().stages());
    assertEquals(Set.of(Stage.JUNIOR), read("班主任老师说初中住校有补助").slots().stages());
  }

  @Test
  void deniedHouseholdWordsAreNotTheAskers() {
    var r = read("我们不是建档立卡户，孩子读初中");
    assertFalse(r.slots().categories().contains("registeredPoor"));
    assertTrue(r.slots().notCategories().contains("registeredPoor"));
    assertTrue(read("非建档立卡的低保户").slots().categories().contains("lowIncome"));
  }

  @Test
  void knownRegionIsUsedWhenTheTextNamesNone() {
    var r = reader.read("初中住校补多少", DialogState.ofRegion("湖南省岳阳市华容县"));
    assertEquals("湖南省岳阳市华容县", r.slots().region().path());
    assertEquals(null, r.regionInText());
  }

  @Test
  void questionWordClassesDecideTheIntentInEitherScript() {
    assertEquals(Intent.PROCEDURE, read("资助名单公示几天").intent());
    assertEquals(Intent.PROCEDURE, read("資助名單公示幾天").intent());
    assertEquals(Intent.PROCEDURE, read("资助申请几号之前交").intent());
    assertEquals(Intent.PROCEDURE, read("公示期限是多久").intent());
    assertEquals(Intent.AMOUNT, read("岳阳初中住校一年补多少").intent());
    // 多少 about a rate or a count is a fact, not an amount of money
    assertEquals(Intent.POLICY, read("建始县巩固率目标是多少").intent());
    assertEquals(Intent.ELIGIBILITY, read("岳阳技校可不可以免学费").intent());
    assertEquals(Intent.ELIGIBILITY, read("贫困户孩子上学有没有补助").intent());
    assertEquals(Intent.POLICY, read("961017热线是什么").intent());
    assertTrue(read("建始县有哪些资助").listing());
    assertFalse(read("建始县资助怎么申请").listing());
  }

  @Test
  void placesWeDoNotCoverAreRecognised() {
    assertEquals("广州", read("广州的高中助学金多少").unknownPlace());
    assertEquals("长沙县", read("长沙县的幼儿园资助标准").unknownPlace());
    assertEquals("长沙", read("湖南长沙的初中补助").unknownPlace());
    assertEquals(null, read("岳阳市华容县初中补助").unknownPlace());
    assertEquals(null, read("我们县的初中住校补助多少").unknownPlace());
    assertEquals(null, read("建始县在州外读书的学生怎么办").unknownPlace());
    assertEquals(null, read("国家级贫困县有什么政策").unknownPlace());
  }

  @Test
  void aPlaceIsNeverReadFromASuffixAlone() {
    // 几所省一级高中, 小区, 城区 end in 省/区 but name no place
    assertEquals(null, read("海南每个贫困市县会有几所省一级高中").unknownPlace());
    assertEquals("湖南省岳阳市", read("岳阳山区的娃上小学住校补多少").slots().region().path());
    assertEquals(null, read("我们小区好几个娃上初中住校补多少").unknownPlace());
    assertEquals(null, read("住在城区的娃读初中有补助吗").unknownPlace());
  }

  @Test
  void aListedPlaceThatADocumentNamesInFullIsThatDocumentsRegion() {
    Regions regions = Regions.load(Path.of("knowledge-base/regions.yaml"));
    regions.addPath("中国香港");
    MessageReader withHongKong = new MessageReader(Lexicon.load(Path.of("knowledge-base/lexicon.yaml")), regions);
    var r = withHongKong.read("香港的大学生资助怎么申请", DialogState.empty());
    assertEquals(null, r.unknownPlace());
    assertEquals("中国香港", r.slots().region().path());
  }

  @Test
  void aWorkOrderNumberAsksForItsProgress() {
    assertEquals(Intent.TICKET_STATUS, read("工单JY20261120-0003到哪一步了").intent());
    assertEquals(Intent.TICKET_STATUS, read("我上周登记的工单办得怎么样了").intent());
    assertEquals(Intent.TICKET_NEW, read("俺家娃的助学金被学校扣了一半").intent());
  }

  @Test
  void stepsAreAProcedureNotAListOfAid() {
    var r = read("岳阳的学校资助申请要交哪些材料");
    assertEquals(Intent.PROCEDURE, r.intent());
    assertFalse(r.listing());
  }

  @Test
  void aQuoteMustMentionTheBoardingOrItemAsked() {
    Lexicon lexicon = Lexicon.load(Path.of("knowledge-base/lexicon.yaml"));
    Slots boarder = read("建始有没有寄宿生生活补助").slots();
    assertFalse(lexicon.mentions(boarder, "落实乡村教师生活补助、关爱基金、奖励基金等政策"));
    assertTrue(lexicon.mentions(boarder, "所有建档立卡的家庭经济困难寄宿生给予生活补助"));
    Slots lunch = read("岳阳小学午餐有补助吗").slots();
    assertFalse(lexicon.mentions(lunch, "所有建档立卡的家庭经济困难寄宿生给予生活补助"));
  }

  @Test
  void weatherInAPlaceWeHaveDocumentsForIsOffTopicAndDialectHaoduoAsksAnAmount() {
    assertEquals(Intent.OFFTOPIC, read("明天鞍山会下雪吗").intent());
    assertEquals(Intent.OFFTOPIC, read("岳阳今天气温几度").intent());
    // an aid word keeps it about aid, weather word or not
    assertEquals(Intent.PROCEDURE, read("下雪天岳阳的学校补助怎么申请").intent());
    assertEquals(Intent.AMOUNT, read("初中寄宿生好多补助").intent());
    assertEquals(Intent.AMOUNT, read("读高中一年补好多").intent());
    assertFalse(read("好多学校都在公示名单").intent() == Intent.AMOUNT);
  }
}
