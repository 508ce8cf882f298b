package aidline.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.storage.StorageException;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import aidline.ticket.Command.Action;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Service and repository together on a fresh database of each engine with the migrations applied. */
@ParameterizedClass
@EnumSource(Engine.class)
class TicketServiceTest {
  @Parameter Engine engine;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  @TempDir Path dir;
  TestDesk desk;
  TicketService service;

  @BeforeEach
  void open() {
    desk = new TestDesk(dbs.open(engine));
    service = desk.service;
  }

  @AfterEach
  void close() {
    desk.close();
  }

  @Test
  void opensWithDailyNumberDeadlineAndCreateEvent() {
    Ticket a = service.open(TestDesk.hotline("13812345678", "问寄宿生补助标准"), "op1").ticket();
    Ticket b = service.open(TestDesk.hotline("13912345678", "问学费减免"), "op1").ticket();
    assertEquals("JY20261123-0001", a.ticketNo());
    assertEquals("JY20261123-0002", b.ticketNo());
    assertEquals("湖南省岳阳市", a.region(), "岳阳 resolved to the full path");
    assertEquals("policy_inquiry", a.category(), "Chinese category name accepted");
    assertEquals(TicketStatus.RECEIVED, a.status());
    assertEquals(1, a.version());
    // 政策咨询: 3 working days from Monday 10:00
    assertEquals(TicketFixtures.NOW.plus(Duration.ofDays(3)), a.dueAt());
    TicketDetail d = service.get(a.ticketNo());
    assertEquals(a, d.ticket());
    assertEquals(1, d.events().size());
    assertEquals("create", d.events().get(0).action());
    assertEquals("op1", d.events().get(0).actor());
    desk.clock.advance(Duration.ofDays(1));
    assertEquals("JY20261124-0001", service.open(TestDesk.hotline("13712345678", "新的一天"), "op1").ticket().ticketNo());
  }

  @Test
  void badInputIsRefusedInChineseAndNothingIsStored() {
    assertInvalid(new NewTicket("fax", "王芳", "13812345678", null, "岳阳", null, "other", "x"), "渠道");
    assertInvalid(new NewTicket("hotline", "王芳", "12345", null, "岳阳", null, "other", "x"), "电话");
    assertInvalid(new NewTicket("hotline", "王芳", "13812345678", null, "火星", null, "other", "x"), "不在服务范围");
    assertInvalid(new NewTicket("hotline", "王芳", "13812345678", null, "岳阳", "430623201203151239", "other", "x"), "身份证号");
    assertInvalid(new NewTicket("hotline", "王芳", "13812345678", null, "岳阳", null, "天气", "x"), "未知的工单分类");
    assertInvalid(new NewTicket("hotline", "", "13812345678", null, "岳阳", null, "other", "x"), "姓名");
    assertInvalid(new NewTicket("hotline", "王芳", "13812345678", null, "岳阳", null, "other", " "), "问题描述");
    assertInvalid(new NewTicket("hotline", "王芳", "13812345678", null, null, null, "other", "x"), "地区");
    assertEquals(0, service.list(TicketQuery.all()).total());
  }

  private void assertInvalid(NewTicket req, String expected) {
    InvalidTicketException e = assertThrows(InvalidTicketException.class, () -> service.open(req, "op"));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void studentNumberAndIdAreNormalised() {
    Ticket t = service.open(new NewTicket("hotline", "王芳", "+86 138 1234 5678", null, "华容县", "g11010519491231002x", "other", "x"), "op").ticket();
    assertEquals("G11010519491231002X", t.studentId());
    assertEquals("13812345678", t.callerPhone());
    assertEquals("湖南省岳阳市华容县", t.region());
  }

  @Test
  void aStudentsOrdersAreFoundByTheRecordedIdInEitherFormAndNotByText() throws Exception {
    String id = TicketFixtures.STUDENT;
    String older = service.open(new NewTicket("hotline", "王芳", "13812345678", null, "岳阳", id, "aid_not_received", "补助没到账"), "op")
        .ticket().ticketNo();
    desk.clock.advance(Duration.ofMinutes(5));
    String newer = service.open(new NewTicket("hotline", "李强", "13912345678", null, "岳阳", "G" + id, "policy_inquiry", "问学籍号"), "op")
        .ticket().ticketNo();
    // another child's order that only mentions the number in its text, and an order with no student
    service.open(new NewTicket("hotline", "赵六", "13712345678", null, "岳阳", "11010519491231002X", "other", "提到了 " + id), "op");
    service.open(TestDesk.hotline("13612345678", "没有学生"), "op");
    assertEquals(List.of(newer, older), service.forStudent(id).stream().map(Ticket::ticketNo).toList());
    assertTrue(service.forStudent("430602201001011234").isEmpty());
    if (engine == Engine.SQLITE) {
      // the lookup's query reads the student index, not the whole table
      String plan = desk.db.withConnection(c -> {
        try (var ps = c.prepareStatement("EXPLAIN QUERY PLAN SELECT ticket_no FROM ticket WHERE student_id IN (?, ?)"
            + " ORDER BY created_at DESC, id DESC LIMIT 200"); var rs = ps.executeQuery()) {
          StringBuilder b = new StringBuilder();
          while (rs.next()) {
            b.append(rs.getString("detail")).append('\n');
          }
          return b.toString();
        }
      });
      assertTrue(plan.contains("USING INDEX ticket_student"), plan);
    }
  }

  @Test
  void sameCallerStudentAndCategoryWhileOpenReturnsTheOpenOrderWithTheCallAppended() {
    NewTicket first = new NewTicket("hotline", "王芳", "13812345678", null, "岳阳", TicketFixtures.STUDENT, "资助未到账", "补助没到账");
    Ticket original = service.open(first, "op1").ticket();
    TicketService.Opened again = service.open(
        new NewTicket("hotline", "王芳", "138 1234 5678", null, "岳阳", TicketFixtures.STUDENT, "aid_not_received", "第二次打来，还是没到账"), "op2");
    assertTrue(again.duplicate());
    assertEquals(original.ticketNo(), again.ticket().ticketNo());
    assertEquals(2, again.ticket().version());
    List<TicketEvent> events = service.get(original.ticketNo()).events();
    assertEquals("call", events.get(1).action());
    assertEquals("第二次打来，还是没到账", events.get(1).note());
    // a different student or category is a new order
    assertFalse(service.open(new NewTicket("hotline", "王芳", "13812345678", null, "岳阳", null, "资助未到账", "另一个孩子"), "op").duplicate());
    assertFalse(service.open(new NewTicket("hotline", "王芳", "13812345678", null, "岳阳", TicketFixtures.STUDENT, "投诉举报", "投诉"), "op").duplicate());
    // once closed, the same call opens a new one
    service.act(original.ticketNo(), Command.of(Action.CANCEL, "op").withNote("测试"));
    assertFalse(service.open(first, "op1").duplicate());
  }

  @Test
  void actionsAreRecordedAndIllegalOnesChangeNothing() {
    String no = service.open(TestDesk.hotline("13812345678", "问政策"), "op").ticket().ticketNo();
    service.act(no, Command.of(Action.DISPATCH, "op"));
    IllegalTransitionException e = assertThrows(IllegalTransitionException.class, () -> service.act(no, Command.of(Action.RESOLVE, "op").withNote("x")));
    assertTrue(e.getMessage().contains("已派单"), e.getMessage());
    TicketDetail d = service.get(no);
    assertEquals(TicketStatus.DISPATCHED, d.ticket().status());
    assertEquals(2, d.ticket().version());
    assertEquals(List.of("create", "dispatch"), d.events().stream().map(TicketEvent::action).toList());
  }

  @Test
  void anEditCorrectsTheOrderValidatedLikeCreateAndRecordsWhoAndWhy() {
    Ticket t = service.open(TestDesk.hotline("13812345678", "问政策"), "op").ticket();
    Ticket e = service.edit(t.ticketNo(), new TicketService.Edit("华容", "complaint", "13911112222", null, "来电人更正", t.version()), "op2");
    assertEquals("湖南省岳阳市华容县", e.region());
    assertEquals("complaint", e.category());
    assertEquals("high", e.priority(), "the category's priority comes along");
    assertEquals("13911112222", e.callerPhone());
    assertEquals(t.dueAt(), e.dueAt(), "the deadline stays");
    Ticket stored = service.get(t.ticketNo()).ticket();
    assertEquals(e, stored);
    TicketEvent ev = service.get(t.ticketNo()).events().get(1);
    assertEquals("edit", ev.action());
    assertEquals("op2", ev.actor());
    assertTrue(ev.note().contains("来电人更正") && ev.note().contains("139****2222") && !ev.note().contains("13911112222"), ev.note());
    // stale, invalid, reasonless and empty edits change nothing
    assertThrows(StaleVersionException.class,
        () -> service.edit(t.ticketNo(), new TicketService.Edit("岳阳", null, null, null, "x", t.version()), "op"));
    assertThrows(InvalidTicketException.class,
        () -> service.edit(t.ticketNo(), new TicketService.Edit(null, null, "12345", null, "x", null), "op"));
    assertThrows(InvalidTicketException.class,
        () -> service.edit(t.ticketNo(), new TicketService.Edit("岳阳", null, null, null, " ", null), "op"));
    assertThrows(InvalidTicketException.class,
        () -> service.edit(t.ticketNo(), new TicketService.Edit("华容", null, null, null, "同样的", null), "op"));
    assertEquals(stored, service.get(t.ticketNo()).ticket());
    // a later lifecycle step keeps the corrected fields
    service.act(t.ticketNo(), Command.of(Action.DISPATCH, "op"));
    assertEquals("complaint", service.get(t.ticketNo()).ticket().category());
  }

  @Test
  void listsByDeadlineMostUrgentFirst() {
    service.open(new NewTicket("hotline", "王芳", "13812345671", null, "岳阳", null, "complaint", "投诉乱收费"), "op");
    service.open(TestDesk.hotline("13812345672", "问政策"), "op");
    TicketQuery q = new TicketQuery(java.util.Set.of(), false, null, null, null, null, null, 1, 20, true);
    List<Ticket> items = service.list(q).items();
    assertTrue(!items.get(0).dueAt().isAfter(items.get(1).dueAt()), "earliest deadline first");
    assertEquals("policy_inquiry", items.get(0).category());
  }

  @Test
  void staleVersionIsRefused() {
    String no = service.open(TestDesk.hotline("13812345678", "问政策"), "op").ticket().ticketNo();
    service.act(no, Command.of(Action.DISPATCH, "op").withVersion(1L));
    assertThrows(StaleVersionException.class, () -> service.act(no, Command.of(Action.CHASE, "op").withVersion(1L)));
    assertEquals(0, service.get(no).ticket().chaseCount());
  }

  /**
   * Two nodes (two Database instances, each with its own pool and writer, on one database) act on
   * one order with the same version at the same moment, many times: exactly one wins each time.
   */
  @Test
  void twoNodesActingOnOneOrderAtOnceGiveExactlyOneWinner() throws Exception {
    AppConfig.Storage shared = dbs.storage(engine);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (TestDesk a = new TestDesk(dbs.open(shared)); TestDesk b = new TestDesk(dbs.open(shared))) {
      for (int round = 0; round < 12; round++) {
        String no = a.service.open(TestDesk.hotline("1381234" + String.format("%04d", round), "问政策 " + round), "op").ticket().ticketNo();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (TestDesk node : List.of(a, b)) {
          outcomes.add(pool.submit(() -> {
            go.await();
            try {
              node.service.act(no, Command.of(Action.DISPATCH, "op").withVersion(1L));
              return "won";
            } catch (StaleVersionException e) {
              return "stale";
            }
          }));
        }
        go.countDown();
        List<String> got = new ArrayList<>();
        for (Future<String> f : outcomes) {
          got.add(f.get(30, TimeUnit.SECONDS));
        }
        assertEquals(1, got.stream().filter("won"::equals).count(), got.toString());
        assertEquals(1, got.stream().filter("stale"::equals).count(), got.toString());
        TicketDetail d = b.service.get(no);
        assertEquals(2, d.ticket().version());
        assertEquals(2, d.events().size(), "one create, one dispatch");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void mergeCancelsTheDuplicateKeepsHistoryAndPointsToTheSurvivor() {
    String survivor = service.open(TestDesk.hotline("13812345678", "补助没到账"), "op").ticket().ticketNo();
    String dup = service.open(new NewTicket("hotline", "王芳之夫", "13912345678", null, "岳阳", null, "其他", "同一件事"), "op").ticket().ticketNo();
    service.act(dup, new Command(Action.MERGE, "staff1", null, null, null, null, survivor, "同一家庭"));
    TicketDetail merged = service.get(dup);
    assertEquals(TicketStatus.CANCELLED, merged.ticket().status());
    assertEquals(survivor, merged.ticket().mergedInto());
    assertEquals("merge", merged.events().get(1).action());
    TicketDetail kept = service.get(survivor);
    assertEquals("merged_in", kept.events().get(1).action());
    assertTrue(kept.events().get(1).note().contains(dup));
    assertEquals(2, kept.ticket().version());
    // survivor must exist and be open
    String third = service.open(TestDesk.hotline("13712345678", "第三单"), "op").ticket().ticketNo();
    assertThrows(TicketNotFoundException.class, () -> service.act(third, new Command(Action.MERGE, "s", null, null, null, null, "JY20990101-0001", null)));
    assertThrows(IllegalTransitionException.class, () -> service.act(third, new Command(Action.MERGE, "s", null, null, null, null, dup, null)));
    assertEquals(TicketStatus.RECEIVED, service.get(third).ticket().status());
  }

  @Test
  void eventsAreImmutableInTheDatabase() {
    String no = service.open(TestDesk.hotline("13812345678", "问政策"), "op").ticket().ticketNo();
    StorageException e = assertThrows(StorageException.class, () -> desk.db.inTransaction(c -> {
      try (Statement st = c.createStatement()) {
        return st.executeUpdate("UPDATE ticket_event SET note = 'x' WHERE ticket_no = '" + no + "'");
      }
    }));
    assertTrue(e.getMessage().contains("immutable"), e.getMessage());
    assertThrows(StorageException.class, () -> desk.db.inTransaction(c -> {
      try (Statement st = c.createStatement()) {
        return st.executeUpdate("DELETE FROM ticket_event");
      }
    }));
  }

  @Test
  void listFiltersAndOverdue() {
    String a = service.open(TestDesk.hotline("13812345678", "问政策 甲"), "op").ticket().ticketNo();
    service.open(new NewTicket("hotline", "赵六", "13912345678", null, "恩施州", null, "complaint", "投诉乱收费"), "op");
    service.act(a, Command.of(Action.DISPATCH, "op").withNote(null));
    assertEquals(2, service.list(TicketQuery.all()).total());
    assertEquals(1, service.list(query(null, false, "complaint", null, null)).total());
    assertEquals(1, service.list(query(TicketStatus.DISPATCHED, false, null, null, null)).total());
    assertEquals(1, service.list(query(null, false, null, "湖南省", null)).total(), "province matches its counties");
    assertEquals(1, service.list(query(null, false, null, "恩施", null)).total());
    assertEquals(1, service.list(query(null, false, null, null, "乱收费")).total());
    assertEquals(1, service.list(query(null, false, null, null, "赵六")).total());
    assertEquals(0, service.list(query(null, true, null, null, null)).total());
    desk.clock.advance(Duration.ofDays(4)); // 政策咨询 (3 days) is late, 投诉 (13) is not
    TicketPage late = service.list(query(null, true, null, null, null));
    assertEquals(List.of(a), late.items().stream().map(Ticket::ticketNo).toList());
    TicketQuery dept = new TicketQuery(TicketQuery.only(null), false, null, null, "县级学生资助管理中心", null, null, 1, 20);
    assertEquals(1, service.list(dept).total());
    TicketQuery paged = new TicketQuery(TicketQuery.only(null), false, null, null, null, null, null, 2, 1);
    TicketPage p2 = service.list(paged);
    assertEquals(2, p2.total());
    assertEquals(1, p2.items().size());
    assertEquals(a, p2.items().get(0).ticketNo(), "newest first, so the older one is on page 2");
  }

  private static TicketQuery query(TicketStatus s, boolean overdue, String category, String region, String q) {
    return new TicketQuery(TicketQuery.only(s), overdue, category, region, null, null, q, 1, 20);
  }

  @Test
  void concurrentCreatesGetUniqueNumbersAndAllAreStored() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<String>> futures = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        String phone = String.format("139%08d", i);
        futures.add(pool.submit(() -> service.open(TestDesk.hotline(phone, "并发测试"), "op").ticket().ticketNo()));
      }
      Set<String> numbers = new HashSet<>();
      for (Future<String> f : futures) {
        numbers.add(f.get());
      }
      assertEquals(100, numbers.size());
      assertTrue(numbers.contains("JY20261123-0001") && numbers.contains("JY20261123-0100"), numbers.toString());
      assertEquals(100, service.list(TicketQuery.all()).total());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void notificationFailureDoesNotFailTheChange() {
    try (TestDesk failing = new TestDesk(dbs.open(engine), (c, u, t) -> {
      throw new IllegalStateException("wechat down");
    })) {
      TicketService s = failing.service;
      String no = s.open(new NewTicket("wechat", "家长", "13812345678", "u9", "岳阳", null, "other", "问题"), "bot").ticket().ticketNo();
      Ticket t = s.act(no, Command.of(Action.DISPATCH, "op"));
      assertEquals(TicketStatus.DISPATCHED, t.status());
      assertEquals(TicketStatus.DISPATCHED, s.get(no).ticket().status());
    }
  }

  @Test
  void chatOrdersMayLackARegionButHotlineOnesMayNot() {
    Ticket t = service.open(new NewTicket("wechat", "家长", "13812345678", "u1", null, null, "other", "问题"), "bot").ticket();
    assertEquals("", t.region());
    assertNull(t.department());
  }
}
