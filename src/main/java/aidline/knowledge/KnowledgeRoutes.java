package aidline.knowledge;

import aidline.http.ErrorHandlers;
import aidline.http.RequiredRole;
import aidline.http.RouteModule;
import aidline.values.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code GET /api/search} is public: it serves only published policy documents, which are public
 * texts, and parents' web chat shows the same passages anyway; {@code POST
 * /api/admin/kb/reindex} changes what is served and is for ADMIN.
 */
public final class KnowledgeRoutes implements RouteModule {
  private final KnowledgeBase kb;
  private final SearchService search;

  public KnowledgeRoutes(KnowledgeBase kb) {
    this.kb = kb;
    this.search = new SearchService(kb);
  }

  @Override
  public void routes(RoutesConfig routes) {
    routes.get("/api/search", this::search);
    routes.post("/api/admin/kb/reindex", ctx -> ctx.json(kb.reindex()), RequiredRole.ADMIN);
  }

  private void search(Context ctx) {
    ctx.json(search.search(ctx.queryParam("q"), ctx.queryParam("region"), limit(ctx.queryParam("limit"))));
  }

  private static Integer limit(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(s.strip());
    } catch (NumberFormatException e) {
      throw new InvalidSearchException("limit 应为整数: " + s);
    }
  }

  @Override
  public void errors(ErrorHandlers errors) {
    errors.map(InvalidSearchException.class, 400, "invalid_search");
    errors.map(KnowledgeException.FolderMissing.class, 409, "kb_folder_missing");
    errors.map(KnowledgeException.class, 500, "knowledge_error");
  }
}
