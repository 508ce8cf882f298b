'use strict';
// aidline console: a small hash-routed page over the JSON API. Everything shown is Chinese.
(function () {
  const $ = (sel, root) => (root || document).querySelector(sel);
  const esc = (s) => String(s == null ? '' : s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const cookie = (name) => (document.cookie.split('; ').find((c) => c.startsWith(name + '=')) || '').split('=')[1];
  let me = null;

  async function api(method, path, body) {
    const headers = { 'Accept': 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') headers['X-CSRF-Token'] = cookie('aidline_csrf') || '';
    const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = text; }
    if (res.status === 401 && path !== '/api/console/session') { showLogin(); throw new Error('请先登录'); }
    if (!res.ok) throw new Error((data && data.message) || ('请求失败 ' + res.status));
    return data;
  }

  // ---- login / layout ----
  function showLogin() {
    $('#app').hidden = true;
    $('#login').hidden = false;
  }

  $('#login-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('#login-error').textContent = '';
    try {
      await api('POST', '/api/console/session', { username: $('#login-username').value, password: $('#login-password').value });
      $('#login-password').value = '';
      await boot();
    } catch (e) { $('#login-error').textContent = e.message; }
  });

  $('#logout').addEventListener('click', async () => {
    try { await api('POST', '/api/console/logout'); } catch (e) { /* already logged out */ }
    me = null;
    showLogin();
  });

  const ROLE_RANK = { operator: 1, staff: 2, admin: 3 };
  const can = (role) => me && ROLE_RANK[me.role] >= ROLE_RANK[role];

  function navItems() {
    const items = [
      ['group', '概览'], ['#/dashboard', '数据看板', 'operator'],
      ['group', '工单'], ['#/queue/dispatch', '待派单', 'operator'], ['#/queue/working', '办理中', 'operator'],
      ['#/queue/overdue', '已超期', 'operator'], ['#/queue/callback', '待回访', 'operator'], ['#/queue/mine', '我的工单', 'operator'],
      ['#/queue/all', '全部工单', 'operator'], ['#/register', '登记来电', 'operator'],
      ['group', '学生资助'], ['#/student', '学生查询', 'staff'], ['#/gaps', '资助缺口', 'staff'],
      ['group', '系统'], ['#/users', '账号管理', 'admin'], ['#/audit', '审计日志', 'admin'],
    ];
    return items.filter((i) => i[0] === 'group' || can(i[2]));
  }

  function renderNav() {
    const cur = location.hash || '#/dashboard';
    $('#nav').innerHTML = navItems().map((i) => i[0] === 'group'
      ? `<div class="group">${esc(i[1])}</div>`
      : `<a href="${i[0]}" class="${cur.startsWith(i[0]) ? 'active' : ''}">${esc(i[1])}</a>`).join('');
  }

  async function boot() {
    try { me = await api('GET', '/api/me'); } catch (e) { showLogin(); return; }
    $('#login').hidden = true;
    $('#app').hidden = false;
    $('#whoami').textContent = `${me.displayName || me.username}（${me.roleName}）`;
    route();
  }

  const views = {};
  async function route() {
    if (!me) return;
    renderNav();
    const parts = (location.hash || '#/dashboard').slice(2).split('/');
    const view = views[parts[0]] || views.dashboard;
    const root = $('#view');
    root.innerHTML = '<p class="muted">加载中…</p>';
    try { await view(root, parts.slice(1).map(decodeURIComponent)); } catch (e) { root.innerHTML = `<p class="error">${esc(e.message)}</p>`; }
  }
  window.addEventListener('hashchange', route);
  window.aidline = { api, views, esc, route, can, me: () => me };

  // ---- admin: users and audit ----
  views.users = async (root) => {
    const users = await api('GET', '/api/admin/users');
    root.innerHTML = `<h2>账号管理</h2>
      <form id="user-add" class="card inline">
        <label>用户名 <input name="username" required></label>
        <label>显示名称 <input name="displayName"></label>
        <label>角色 <select name="role"><option value="operator">接线员</option><option value="staff">工作人员</option><option value="admin">管理员</option></select></label>
        <label>初始密码（至少10位） <input name="password" type="password" required minlength="10"></label>
        <button>添加账号</button><span class="error" id="user-error"></span>
      </form>
      <table><thead><tr><th>用户名</th><th>名称</th><th>角色</th><th>状态</th><th></th></tr></thead><tbody>
      ${users.map((u) => `<tr><td>${esc(u.username)}</td><td>${esc(u.displayName)}</td><td>${esc(u.roleName)}</td>
        <td>${u.disabled ? '已停用' : '正常'}</td>
        <td><button class="secondary" data-toggle="${esc(u.username)}" data-disabled="${u.disabled}">${u.disabled ? '启用' : '停用'}</button></td></tr>`).join('')}
      </tbody></table>`;
    $('#user-add', root).addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const f = new FormData(ev.target);
      try { await api('POST', '/api/admin/users', Object.fromEntries(f)); route(); } catch (e) { $('#user-error').textContent = e.message; }
    });
    root.querySelectorAll('[data-toggle]').forEach((b) => b.addEventListener('click', async () => {
      await api('POST', `/api/admin/users/${encodeURIComponent(b.dataset.toggle)}/${b.dataset.disabled === 'true' ? 'enable' : 'disable'}`);
      route();
    }));
  };

  views.audit = async (root) => {
    const q = new URLSearchParams(location.hash.split('?')[1] || '');
    const data = await api('GET', '/api/admin/audit?' + q.toString());
    root.innerHTML = `<h2>审计日志</h2>
      <form id="audit-filter" class="filters">
        <label>操作人 <input name="actor" value="${esc(q.get('actor'))}"></label>
        <label>动作（前缀） <input name="action" value="${esc(q.get('action'))}" placeholder="login / ticket / student"></label>
        <label>对象 <input name="target" value="${esc(q.get('target'))}"></label>
        <button>筛选</button>
      </form>
      <table><thead><tr><th>时间</th><th>操作人</th><th>动作</th><th>对象</th><th>详情</th><th>IP</th></tr></thead><tbody>
      ${data.entries.map((e) => `<tr><td>${esc(fmtTime(e.at))}</td><td>${esc(e.actor)}</td><td>${esc(e.action)}</td><td>${esc(e.target)}</td><td>${esc(e.detail)}</td><td>${esc(e.ip)}</td></tr>`).join('')}
      </tbody></table>`;
    $('#audit-filter', root).addEventListener('submit', (ev) => {
      ev.preventDefault();
      const p = new URLSearchParams();
      for (const [k, v] of new FormData(ev.target)) if (v) p.set(k, v);
      location.hash = '#/audit?' + p.toString();
    });
  };

  function fmtTime(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleString('zh-CN', { hour12: false });
  }
  window.aidline.fmtTime = fmtTime;

  boot();
})();
