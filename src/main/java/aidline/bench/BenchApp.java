package aidline.bench;

import aidline.config.AppConfig;
import aidline.knowledge.Regions;
import aidline.security.AuthService;
import aidline.student.StudentFeature;
import aidline.ticket.TicketService;
import java.time.Clock;

/**
 * A wired application, as the scenarios measure it. The cli hands in {@code app.Application} behind
 * this port, so bench sits beside the features and never imports the composition root.
 */
public interface BenchApp extends AutoCloseable {
  /** Starts the HTTP server with every feature's routes. */
  void startHttp();

  /** The bound port, once {@link #startHttp} has run. */
  int port();

  AuthService auth();

  TicketService tickets();

  StudentFeature students();

  Regions regions();

  Clock clock();

  @Override
  void close();

  /** Builds a wired application for a configuration. */
  interface Factory {
    BenchApp open(AppConfig config);
  }
}
