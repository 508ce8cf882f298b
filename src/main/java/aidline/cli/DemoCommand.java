package aidline.cli;

import aidline.app.Application;
import aidline.demo.StudentDemo;
import aidline.demo.TicketDemo;
import aidline.student.StudentImportException;
import aidline.student.StudentImporter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Fill the database with synthetic demo data (never real people; see README, Students).",
      "生成演示数据：虚构学生（身份证号地址码 99 开头）、资助记录（含未到账）、少量工单。"
    })
final class DemoCommand implements Callable<Integer> {
  @ParentCommand AidlineCommand parent;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--students", defaultValue = "500", description = "how many synthetic students (default ${DEFAULT-VALUE})")
  int students;

  @Override
  public Integer call() {
    try (Application app = parent.application()) {
      PrintWriter err = spec.commandLine().getErr();
      ProgressBar bar = new ProgressBar(err, "生成演示学生");
      StudentDemo.Summary s;
      try {
        s = seed(app, students, bar);
      } finally {
        bar.finish();
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(summary(s));
      out.flush();
      return 0;
    }
  }

  static StudentDemo.Summary seed(Application app, int n, StudentImporter.Progress progress) {
    try {
      StudentDemo.Summary s = StudentDemo.of(app.students(), app.knowledge().regions(), app.clock()).seed(n, progress);
      // a month of work orders over every category, region and status, so the dashboard says something
      TicketDemo.MovableClock at = new TicketDemo.MovableClock(app.clock().instant(), app.clock().getZone());
      List<String> orders = new TicketDemo(app.ticketsAt(at), at, app.knowledge().regions(), app.clock()).seed(StudentDemo.SEED);
      List<String> all = new ArrayList<>(s.ticketNos());
      all.addAll(orders);
      return new StudentDemo.Summary(s.students(), s.aid(), s.studentsWithGaps(), all, s.ticketNote());
    } catch (StudentImportException e) {
      throw new UserFacingException(e.getMessage());
    }
  }

  static String summary(StudentDemo.Summary s) {
    return "演示数据：学生 " + s.students().imported() + " 名，资助记录 " + s.aid().imported() + " 条，本学年有未到账资助的学生 "
        + s.studentsWithGaps() + " 名，工单 " + s.ticketNos().size() + " 张"
        + (s.ticketNote() == null ? "" : "（" + s.ticketNote() + "）");
  }
}
