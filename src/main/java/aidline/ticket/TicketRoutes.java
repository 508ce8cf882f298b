package aidline.ticket;

import aidline.http.Callers;
import aidline.storage.Database;
import aidline.http.ErrorHandlers;
import aidline.http.RequiredRole;
import aidline.http.RouteModule;
import aidline.ticket.Command.Action;
import aidline.values.Masking;
import aidline.values.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * {@code /api/tickets}: thin handlers (parse, call the service, write). Roles per route are in
 * README ("Work orders"); merge additionally needs staff once accounts exist.
 */
public final class TicketRoutes implements RouteModule {
  private final TicketService service;
  private final ObjectMapper json;
  private final TicketAudit audit;

  public TicketRoutes(TicketService service, ObjectMapper json) {
    this(service, json, TicketAudit.NONE);
  }

  /** @param audit where creations, changes, exports and full-number views are recorded (issue 15, M6) */
  public TicketRoutes(TicketService service, ObjectMapper json, TicketAudit audit) {
    this.service = service;
    this.json = json;
    this.audit = audit;
  }

  private static Role role(Context ctx) {
    return Callers.of(ctx).role();
  }

  private static String actor(Context ctx) {
    return Callers.of(ctx).username();
  }

  @Override
  public void routes(RoutesConfig routes) {
    routes.post("/api/tickets", this::create, RequiredRole.OPERATOR);
    routes.get("/api/tickets", this::list, RequiredRole.OPERATOR);
    routes.get("/api/tickets/export.csv", this::export, RequiredRole.STAFF);
    routes.get("/api/tickets/{ticketNo}", this::get, RequiredRole.OPERATOR);
    routes.post("/api/tickets/{ticketNo}/actions", this::act, RequiredRole.OPERATOR);
    routes.patch("/api/tickets/{ticketNo}", this::edit, RequiredRole.OPERATOR);
  }

  @Override
  public void errors(ErrorHandlers errors) {
    errors.map(InvalidTicketException.class, 400, "invalid_ticket")
        .map(TicketNotFoundException.class, 404, "ticket_not_found")
        .map(IllegalTransitionException.class, 409, "illegal_transition")
        .map(StaleVersionException.class, 409, "stale_version");
  }

  private void create(Context ctx) {
    JsonNode b = body(ctx);
    NewTicket req = new NewTicket(
        text(b, "channel"), text(b, "callerName"), text(b, "callerPhone"), text(b, "channelUserId"), text(b, "region"),
        text(b, "studentId"), text(b, "category"), text(b, "description"));
    String actor = actor(ctx);
    String ip = ctx.ip();
    // the audit row commits with the order when the log can (one fsync wait), else right after it
    AtomicBoolean audited = new AtomicBoolean();
    TicketService.Opened opened = service.open(req, actor, o -> {
      Database.SqlWork<Integer> row = o.duplicate() ? null : audit.row(actor, "ticket.create", o.ticket().ticketNo(), createDetail(o.ticket()), ip);
      audited.set(row != null);
      return row;
    });
    if (!opened.duplicate() && !audited.get()) {
      audit.record(actor, "ticket.create", opened.ticket().ticketNo(), createDetail(opened.ticket()), ip);
    }
    ctx.status(opened.duplicate() ? 200 : 201)
        // the creator just typed the phone: shown back whole; a duplicate found belongs to someone else
        .json(TicketJson.of(opened.ticket(), service.categories(), service.now(), role(ctx), !opened.duplicate(), opened.duplicate(),
            null, null));
  }

  private static String createDetail(Ticket t) {
    return "channel=" + t.channel() + " category=" + t.category();
  }

  private void list(Context ctx) {
    TicketPage page = service.list(query(ctx));
    ctx.json(new TicketJson.PageJson(
        page.items().stream().map(t -> TicketJson.of(t, service.categories(), service.now(), role(ctx), false, null, null, null)).toList(),
        page.total(), page.page(), page.size()));
  }

  private void export(Context ctx) {
    String csv = service.exportCsv(query(ctx), role(ctx));
    audit.record(actor(ctx), "ticket.export", null, filter(ctx), ctx.ip());
    ctx.contentType("text/csv; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"tickets.csv\"")
        .result(csv);
  }

  /** The filter as asked ({@code status=received&region=…}), numbers masked: what the audit records. */
  private static String filter(Context ctx) {
    String q = ctx.queryString();
    return "filter=" + (q == null ? "" : Masking.text(URLDecoder.decode(q, StandardCharsets.UTF_8), null)) + " role=" + role(ctx).name();
  }

  private void get(Context ctx) {
    TicketDetail d = service.get(ticketNo(ctx));
    // the caller's phone is shown whole here (the call-back); every such view is recorded
    audit.record(actor(ctx), "ticket.view", d.ticket().ticketNo(), "联系电话完整显示 role=" + role(ctx).name(), ctx.ip());
    ctx.json(TicketJson.of(d.ticket(), service.categories(), service.now(), role(ctx), true, null, d.events(),
        service.parentReply(d.ticket().ticketNo()).orElse(null)));
  }

  private void act(Context ctx) {
    JsonNode b = body(ctx);
    Action action = Action.fromWire(text(b, "action"));
    if (action == Action.MERGE && !Callers.of(ctx).role().includes(Role.STAFF)) {
      throw new ForbiddenResponse("合并工单需要工作人员权限");
    }
    JsonNode v = b.get("version");
    if (v != null && !v.isNull() && !v.canConvertToLong()) {
      throw new InvalidTicketException("version 必须是整数");
    }
    JsonNode sat = b.get("satisfied");
    if (sat != null && !sat.isNull() && !sat.isBoolean()) {
      throw new InvalidTicketException("satisfied 必须是 true 或 false");
    }
    String note = text(b, "note");
    if (note == null) {
      note = firstText(b, "reason", "resolution", "comment");
    }
    Command cmd = new Command(
        action, Callers.of(ctx).username(), v == null || v.isNull() ? null : v.asLong(), text(b, "department"), text(b, "assignee"),
        sat == null || sat.isNull() ? null : sat.asBoolean(), text(b, "into"), note);
    String before = service.find(ticketNo(ctx)).map(x -> x.status().wire()).orElse("?");
    // first, so the notice of this change (e.g. resolved) carries it to the parent
    String reply = text(b, "parentReply");
    if (reply != null) {
      service.replyToParent(ticketNo(ctx), reply, actor(ctx));
    }
    Ticket t = service.act(ticketNo(ctx), cmd);
    audit.record(actor(ctx), "ticket." + action.wire(), t.ticketNo(),
        before + "→" + t.status().wire() + (reply == null ? "" : " parentReply"), ctx.ip());
    ctx.json(TicketJson.of(t, service.categories(), service.now(), role(ctx), true, null, service.get(t.ticketNo()).events(),
        service.parentReply(t.ticketNo()).orElse(null)));
  }

  private void edit(Context ctx) {
    JsonNode b = body(ctx);
    JsonNode v = b.get("version");
    if (v != null && !v.isNull() && !v.canConvertToLong()) {
      throw new InvalidTicketException("version 必须是整数");
    }
    Ticket t = service.edit(ticketNo(ctx), new TicketService.Edit(text(b, "region"), text(b, "category"), text(b, "callerPhone"),
        text(b, "studentId"), text(b, "reason"), v == null || v.isNull() ? null : v.asLong()), actor(ctx));
    audit.record(actor(ctx), "ticket.edit", t.ticketNo(), "version " + (t.version() - 1) + "→" + t.version(), ctx.ip());
    ctx.json(TicketJson.of(t, service.categories(), service.now(), role(ctx), true, null, service.get(t.ticketNo()).events(),
        service.parentReply(t.ticketNo()).orElse(null)));
  }

  /** Numbers are upper case; operators typing jy20261123-0007 mean the same order. */
  private static String ticketNo(Context ctx) {
    return ctx.pathParam("ticketNo").trim().toUpperCase(Locale.ROOT);
  }

  private TicketQuery query(Context ctx) {
    String status = blank(ctx.queryParam("status"));
    String category = blank(ctx.queryParam("category"));
    return new TicketQuery(
        status == null ? Set.of() : Arrays.stream(status.split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).map(TicketStatus::fromWire)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(TicketStatus.class))),
        "true".equals(ctx.queryParam("overdue")),
        category == null ? null : service.categories().require(category).code(),
        blank(ctx.queryParam("region")),
        blank(ctx.queryParam("department")),
        blank(ctx.queryParam("assignee")),
        blank(ctx.queryParam("q")),
        intParam(ctx, "page", 1, 1, Integer.MAX_VALUE / TicketQuery.MAX_SIZE),
        intParam(ctx, "size", 20, 1, TicketQuery.MAX_SIZE),
        "deadline".equals(ctx.queryParam("sort")));
  }

  private static int intParam(Context ctx, String name, int dflt, int min, int max) {
    String v = blank(ctx.queryParam(name));
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new InvalidTicketException(name + " 必须在 " + min + " 到 " + max + " 之间");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new InvalidTicketException(name + " 必须是整数");
    }
  }

  private JsonNode body(Context ctx) {
    try {
      JsonNode b = json.readTree(ctx.body());
      if (b == null || !b.isObject()) {
        throw new InvalidTicketException("请求体必须是 JSON 对象");
      }
      return b;
    } catch (IOException e) {
      throw new InvalidTicketException("请求体不是合法的 JSON");
    }
  }

  private static String text(JsonNode b, String field) {
    JsonNode n = b.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isValueNode()) {
      throw new InvalidTicketException(field + " 必须是文本");
    }
    return blank(n.asText());
  }

  private static String firstText(JsonNode b, String... fields) {
    for (String f : fields) {
      String v = text(b, f);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
