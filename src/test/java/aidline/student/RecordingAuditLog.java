package aidline.student;

import aidline.security.AuditLog;
import java.util.ArrayList;
import java.util.List;

final class RecordingAuditLog implements AuditLog {
  final List<Entry> entries = new ArrayList<>();

  @Override
  public synchronized void record(Entry entry) {
    entries.add(entry);
  }
}
