package aidline.student;

import java.util.ArrayList;
import java.util.List;

/** A fake work-order system: remembers what was opened and lists it back. */
final class RecordingTickets implements StudentTickets {
  final List<AidNotReceived> opened = new ArrayList<>();

  @Override
  public synchronized List<TicketSummary> forStudent(String nationalId) {
    List<TicketSummary> out = new ArrayList<>();
    for (int i = opened.size() - 1; i >= 0; i--) {
      if (opened.get(i).nationalId().equals(nationalId)) {
        out.add(new TicketSummary("GD" + (i + 1), CATEGORY, "received", "已受理", "2026-11-23T08:00:00Z", false));
      }
    }
    return out;
  }

  @Override
  public synchronized String openAidNotReceived(AidNotReceived request) {
    opened.add(request);
    return "GD" + opened.size();
  }
}
