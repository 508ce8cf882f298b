package aidline.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.knowledge.Regions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The form as a pure function: each answer in, the next question or decision out. */
class TicketFormFlowTest {
  final TicketFormFlow flow = new TicketFormFlow(Regions.load(Path.of("knowledge-base/regions.yaml")));

  @Test
  void aBareHandoffRequestAsksWhatHappenedFirst() {
    TicketFormFlow.Outcome o = flow.start("我要转人工", "政策咨询", null);
    assertEquals(TicketForm.Step.DESCRIPTION, o.form().step());
    assertTrue(o.prompt().contains("什么问题"), o.prompt());
    TicketFormFlow.Outcome again = flow.next(o.form(), "钱");
    assertEquals(TicketForm.Step.DESCRIPTION, again.form().step());
    TicketFormFlow.Outcome next = flow.next(o.form(), "去年秋季学期的助学金没有收到");
    assertEquals(TicketForm.Step.STUDENT, next.form().step());
    assertEquals("去年秋季学期的助学金没有收到", next.form().description());
    // a sentence at the student step adds to the description and the question is asked again
    TicketFormFlow.Outcome more = flow.next(next.form(), "学校说名单报上去了但是一直没有发下来");
    assertEquals(TicketForm.Step.STUDENT, more.form().step());
    assertEquals("去年秋季学期的助学金没有收到；学校说名单报上去了但是一直没有发下来", more.form().description());
    assertEquals("欧阳小明", flow.next(more.form(), "欧阳小明").form().student());
  }

  @Test
  void aMessageWithTheProblemGoesStraightToTheStudentAndAKnownRegionIsOfferedForConfirmation() {
    TicketFormFlow.Outcome o = flow.start("孩子的寄宿生补助一直没到账", "资助未到账", "湖南省岳阳市");
    assertEquals(TicketForm.Step.STUDENT, o.form().step());
    TicketFormFlow.Outcome offered = flow.next(flow.next(o.form(), "跳过").form(), "138 1234 5678");
    assertEquals(TicketForm.Step.REGION, offered.form().step());
    assertTrue(offered.prompt().contains("湖南省岳阳市"), offered.prompt());
    TicketFormFlow.Outcome phone = flow.next(offered.form(), "是");
    assertEquals(TicketForm.Step.CONFIRM, phone.form().step());
    assertFalse(phone.form().carried());
    assertEquals("13812345678", phone.form().phone());
    assertTrue(phone.prompt().contains("湖南省岳阳市") && phone.prompt().contains("138****5678"), phone.prompt());
    assertEquals(TicketFormFlow.Decision.SUBMIT, flow.next(phone.form(), "是的。").decision());
    TicketFormFlow.Outcome no = flow.next(phone.form(), "否");
    assertEquals(TicketFormFlow.Decision.CANCELLED, no.decision());
    assertNull(no.form());
  }

  @Test
  void badPhonesAndUnknownRegionsAreAskedAgainAndCancelWorksAtEveryStep() {
    TicketForm f = new TicketForm(TicketForm.Step.PHONE, "投诉举报", "投诉学校", null, null, null);
    for (String bad : new String[] {"12345678901", "1381234567", "电话"}) {
      TicketFormFlow.Outcome o = flow.next(f, bad);
      assertEquals(TicketForm.Step.PHONE, o.form().step(), bad);
      assertTrue(o.prompt().contains("格式不对"));
    }
    TicketForm atRegion = flow.next(f, "0730-8888888").form();
    assertEquals(TicketForm.Step.REGION, atRegion.step());
    assertEquals(TicketForm.Step.REGION, flow.next(atRegion, "火星").form().step());
    assertTrue(flow.next(atRegion, "华容").form().region().endsWith("华容县"));
    for (TicketForm.Step s : TicketForm.Step.values()) {
      TicketFormFlow.Outcome c = flow.next(f.at(s), "取消");
      assertEquals(TicketFormFlow.Decision.CANCELLED, c.decision(), s.name());
    }
  }

  @Test
  void aPolicyQuestionIsNeverTakenAsANameOrAPhoneNumber() {
    TicketForm atStudent = flow.start("补助一直没到账", null, null).form();
    for (String q : new String[] {"今天天气怎么样", "海南的热线电话是多少", "助学金能不能申请", "寄宿生补助好多钱"}) {
      TicketFormFlow.Outcome o = flow.next(atStudent, q);
      assertEquals(TicketFormFlow.Decision.DIGRESS, o.decision(), q);
      assertEquals(atStudent, o.form(), q);
      assertTrue(o.prompt().startsWith("刚才的登记还没完成，请继续告诉我"), o.prompt());
      TicketForm atPhone = atStudent.at(TicketForm.Step.PHONE);
      assertEquals(TicketFormFlow.Decision.DIGRESS, flow.next(atPhone, q).decision(), q);
    }
    assertEquals(TicketFormFlow.Decision.CONTINUE, flow.next(atStudent, "欧阳小明").decision());
  }
}
