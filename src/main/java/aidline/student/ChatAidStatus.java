package aidline.student;

import aidline.conversation.AidStatusDesk;
import aidline.values.InvalidNationalIdException;
import aidline.values.NationalId;
import java.util.Optional;

/** The chat bot's {@link AidStatusDesk} over {@link ParentStatusService}; student types stay here. */
public final class ChatAidStatus implements AidStatusDesk {
  private final ParentStatusService service;

  public ChatAidStatus(ParentStatusService service) {
    this.service = service;
  }

  @Override
  public Optional<String> idProblem(String nationalId) {
    try {
      NationalId.parse(nationalId);
      return Optional.empty();
    } catch (InvalidNationalIdException e) {
      return Optional.of(e.getMessage());
    }
  }

  @Override
  public boolean locked(String chatUser, String source) {
    return service.locked(chatUser, source);
  }

  @Override
  public StatusLine status(String chatUser, String source, String nationalId, String phone) {
    ParentStatusService.Reply r = service.status(chatUser, source, nationalId, phone);
    return new StatusLine(r.verified(), !r.verified() && ParentStatusService.LOCKED.equals(r.text()), r.text());
  }
}
