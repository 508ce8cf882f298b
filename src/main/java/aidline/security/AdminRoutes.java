package aidline.security;

import aidline.http.Callers;
import aidline.http.JsonBody;
import aidline.http.RequiredRole;
import aidline.http.RouteModule;
import aidline.values.Masking;
import aidline.values.Role;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** Admin-only HTTP: user management and the audit log. */
public final class AdminRoutes implements RouteModule {
  private final AuthService auth;
  private final AuditLog audit;
  private final ObjectMapper json;

  public AdminRoutes(AuthService auth, AuditLog audit, ObjectMapper json) {
    this.auth = auth;
    this.audit = audit;
    this.json = json;
  }

  record NewUser(String username, String role, String displayName, String password) {}

  record PasswordBody(String password) {}

  record UserView(String username, String role, String roleName, String displayName, boolean disabled) {
    static UserView of(User u) {
      return new UserView(u.username(), RoleNames.wire(u.role()), RoleNames.chinese(u.role()), u.displayName(), u.disabled());
    }
  }

  @Override
  public void routes(RoutesConfig routes) {
    routes.get("/api/admin/users", ctx -> ctx.json(auth.users().stream().map(UserView::of).toList()), RequiredRole.ADMIN);
    routes.post("/api/admin/users", this::add, RequiredRole.ADMIN);
    routes.post("/api/admin/users/{username}/disable", ctx -> toggle(ctx, true), RequiredRole.ADMIN);
    routes.post("/api/admin/users/{username}/enable", ctx -> toggle(ctx, false), RequiredRole.ADMIN);
    routes.post("/api/admin/users/{username}/reset", this::reset, RequiredRole.ADMIN);
    routes.post("/api/admin/users/{username}/unlock", this::unlock, RequiredRole.ADMIN);
    routes.post("/api/admin/users/{username}/role", this::role, RequiredRole.ADMIN);
    routes.get("/api/admin/audit", this::auditLog, RequiredRole.ADMIN);
  }

  private void add(Context ctx) {
    NewUser n = JsonBody.read(ctx, json, NewUser.class);
    if (n == null || n.password() == null) {
      throw new SecurityException.InvalidAccount("请提供 username、role 和 password");
    }
    User u = auth.addUser(n.username(), RoleNames.parse(n.role()), n.displayName(), n.password().toCharArray(), CurrentUser.actor(ctx));
    ctx.status(201).json(UserView.of(u));
  }

  private void toggle(Context ctx, boolean disabled) {
    auth.setDisabled(ctx.pathParam("username"), disabled, CurrentUser.actor(ctx));
    ctx.json(Map.of("username", ctx.pathParam("username"), "disabled", disabled));
  }

  private void reset(Context ctx) {
    PasswordBody b = JsonBody.read(ctx, json, PasswordBody.class);
    if (b == null || b.password() == null) {
      throw new SecurityException.InvalidAccount("请提供新密码 password");
    }
    auth.resetPassword(ctx.pathParam("username"), b.password().toCharArray(), CurrentUser.actor(ctx));
    ctx.status(204);
  }

  record RoleBody(String role) {}

  private void unlock(Context ctx) {
    auth.unlock(ctx.pathParam("username"), CurrentUser.actor(ctx));
    ctx.status(204);
  }

  private void role(Context ctx) {
    RoleBody b = JsonBody.read(ctx, json, RoleBody.class);
    if (b == null || b.role() == null) {
      throw new SecurityException.InvalidAccount("请提供新角色 role（operator、staff 或 admin）");
    }
    auth.changeRole(ctx.pathParam("username"), RoleNames.parse(b.role()), CurrentUser.actor(ctx));
    ctx.json(Map.of("username", ctx.pathParam("username"), "role", RoleNames.wire(RoleNames.parse(b.role()))));
  }

  private void auditLog(Context ctx) {
    int limit = parseInt(ctx.queryParam("limit"), 100);
    int offset = parseInt(ctx.queryParam("offset"), 0);
    List<AuditLog.Entry> entries = audit.find(new AuditLog.Query(
        ctx.queryParam("actor"), ctx.queryParam("action"), ctx.queryParam("target"),
        ctx.queryParam("from"), ctx.queryParam("to"), limit, offset));
    Role role = Callers.of(ctx).role();
    // the one masking rule here too (a no-op for ADMIN today, and right if the view is ever widened)
    List<AuditLog.Entry> shown = entries.stream().map(e -> new AuditLog.Entry(e.id(), e.at(), e.actor(), e.action(),
        Masking.text(e.target(), role), Masking.text(e.detail(), role), e.ip())).toList();
    ctx.json(Map.of("entries", shown, "limit", limit, "offset", offset));
  }

  private static int parseInt(String s, int dflt) {
    if (s == null || s.isBlank()) {
      return dflt;
    }
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw new SecurityException.InvalidAccount("分页参数必须是整数: " + s);
    }
  }
}
