package aidline.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory work-order desk for bot tests (the real desk belongs to the ticket package). */
public final class FakeTicketDesk implements TicketDesk {
  public final List<ChatTicketRequest> opened = new ArrayList<>();
  public final Map<String, ChatTicket> tickets = new ConcurrentHashMap<>();
  public final List<String> feedback = new ArrayList<>();
  private final Map<String, String> owner = new ConcurrentHashMap<>();

  @Override
  public synchronized ChatTicket open(ChatTicketRequest r) {
    opened.add(r);
    String no = "GD" + (20260000 + opened.size());
    ChatTicket t = new ChatTicket(no, "received", "已受理", r.category(), "热线受理", "2026-11-30", false, false, false);
    tickets.put(no, t);
    owner.put(no, r.channel() + ":" + r.userId());
    return t;
  }

  @Override
  public Optional<ChatTicket> findMine(String ticketNo, String channel, String userId) {
    return Optional.ofNullable(tickets.get(ticketNo)).filter(t -> (channel + ":" + userId).equals(owner.get(ticketNo)));
  }

  @Override
  public List<ChatTicket> recentForUser(String channel, String userId) {
    List<ChatTicket> out = new ArrayList<>();
    tickets.forEach((no, t) -> {
      if ((channel + ":" + userId).equals(owner.get(no))) {
        out.add(t);
      }
    });
    return out;
  }

  /** Moves an order to resolved, waiting for the parent's 满意/不满意. */
  public void resolve(String no) {
    ChatTicket t = tickets.get(no);
    tickets.put(no, new ChatTicket(no, "resolved", "已办结", t.category(), "已发放补助", t.dueAt(), false, false, true));
  }

  @Override
  public synchronized ChatTicket feedback(String no, String channel, String userId, boolean satisfied, String comment) {
    feedback.add(no + ":" + satisfied);
    ChatTicket t = tickets.get(no);
    ChatTicket after = new ChatTicket(no, satisfied ? "closed" : "in_progress", satisfied ? "已关闭" : "办理中", t.category(),
        satisfied ? "家长满意，已关闭" : "家长不满意，重新办理", t.dueAt(), false, false, false);
    tickets.put(no, after);
    return after;
  }
}
