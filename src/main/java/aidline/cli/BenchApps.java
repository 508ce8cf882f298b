package aidline.cli;

import aidline.app.Application;
import aidline.bench.BenchApp;
import aidline.knowledge.Regions;
import aidline.security.AuthService;
import aidline.student.StudentFeature;
import aidline.ticket.TicketService;
import java.time.Clock;

/** The bench's {@link BenchApp} port over the real {@link Application}: the cli is where both meet. */
final class BenchApps {
  private BenchApps() {}

  static BenchApp.Factory factory() {
    return config -> of(new Application(config, Clock.systemDefaultZone()));
  }

  static BenchApp of(Application app) {
    return new BenchApp() {
      @Override
      public void startHttp() {
        app.startHttp();
      }

      @Override
      public int port() {
        return app.port();
      }

      @Override
      public AuthService auth() {
        return app.auth();
      }

      @Override
      public TicketService tickets() {
        return app.tickets();
      }

      @Override
      public StudentFeature students() {
        return app.students();
      }

      @Override
      public Regions regions() {
        return app.knowledge().regions();
      }

      @Override
      public Clock clock() {
        return app.clock();
      }

      @Override
      public void close() {
        app.close();
      }
    };
  }
}
