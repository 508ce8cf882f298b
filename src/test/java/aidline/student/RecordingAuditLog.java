package aidline.student;

import aidline.values.Role;
import java.util.ArrayList;
import java.util.List;

final class RecordingAuditLog implements LookupAudit {
  record Entry(String actor, Role role, String action, String subject) {}

  final List<Entry> entries = new ArrayList<>();

  @Override
  public synchronized void record(String actor, Role role, String action, String subject) {
    entries.add(new Entry(actor, role, action, subject));
  }
}
