'use strict';
// aidline console: a small hash-routed page over the JSON API. Everything shown is Chinese.
// A route is "#/<view>/<arg>?<query>": the query (queue filters, search, page) lives in the hash,
// so the back button and a reload return to the same list.
(function () {
  const $ = (sel, root) => (root || document).querySelector(sel);
  const esc = (s) => String(s == null ? '' : s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const cookie = (name) => (document.cookie.split('; ').find((c) => c.startsWith(name + '=')) || '').split('=')[1];
  let me = null;
  let settings = { dueSoonHours: 24, refreshSeconds: 30 };

  // ---- words: every code a person reads is shown in Chinese ----
  const ROLE = { operator: '接线员', staff: '工作人员', admin: '管理员', OPERATOR: '接线员', STAFF: '工作人员', ADMIN: '管理员' };
  const CHANNEL = { hotline: '热线来电', web: '网页', wechat: '微信', telegram: 'Telegram' };
  const PRIORITY = { low: '低', normal: '普通', high: '高', urgent: '紧急' };
  const EVENT = {
    create: '受理', call: '重复来电', dispatch: '派单', accept: '签收', return: '退单', start: '开始办理', resolve: '办结',
    callback: '回访', chase: '催办', cancel: '撤销', merge: '合并', merged_in: '并入', edit: '修改信息', note: '内部备注',
  };
  const AUDIT = {
    'login': '登录', 'login.failed': '登录失败', 'login.locked': '账号锁定', 'logout': '退出登录',
    'user.add': '添加账号', 'user.disable': '停用账号', 'user.enable': '启用账号', 'user.reset': '重置密码',
    'user.unlock': '解除锁定', 'user.role': '更改角色', 'student.lookup': '查询学生', 'student.lookup.miss': '查询学生（未找到）',
    'student.parent_status': '家长查询资助进度', 'student.reveal': '查看完整号码', 'ticket.reveal': '查看完整号码',
    'ticket.create': '登记工单', 'ticket.action': '工单操作', 'ticket.edit': '修改工单', 'ticket.export': '导出工单',
    'student.export': '导出学生', 'gaps.export': '导出资助缺口', 'gaps.tickets': '批量登记工单', 'import': '导入数据',
  };
  const auditWord = (a) => AUDIT[a] || (a && AUDIT[a.split('.')[0]]) || a;
  const roleDetail = (d) => String(d || '').replace(/role=([\w→-]+)/g, (m, r) => '角色：' + r.split('→').map((x) => ROLE[x] || x).join(' → '));
  // chat actors are stored as 家长(web:<chat id>); nobody needs the id, only who and by which channel
  const actorWord = (a) => {
    const m = /^(.+)\((\w+):[^)]*\)$/.exec(a || '');
    return m ? `${m[1]}（${CHANNEL[m[2]] || m[2]}）` : (a || '');
  };

  // ---- API; a 401 means the session ended: hide everything and say why ----
  async function api(method, path, body) {
    const headers = { 'Accept': 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') headers['X-CSRF-Token'] = cookie('aidline_csrf') || '';
    const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = text; }
    if (res.status === 401 && path !== '/api/console/session') {
      if (me) showLogin('登录已过期或已在别处退出，请重新登录。正在填写的来电已保存在本浏览器中，登录后会自动恢复。');
      else showLogin();
      throw new Error('请先登录');
    }
    if (!res.ok) {
      const err = new Error((data && data.message) || ('请求失败 ' + res.status));
      err.status = res.status;
      throw err;
    }
    return data;
  }

  function showLogin(message) {
    me = null;
    stopRefresh();
    $('#app').hidden = true;
    $('#view').innerHTML = '';      // nothing personal stays in the page under the login form
    $('#whoami').textContent = '';
    $('#login').hidden = false;
    $('#login-message').textContent = message || '';
    $('#login-message').hidden = !message;
    $('#login-username').focus();
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
    sessionStorage.clear();
    showLogin('已退出登录。');
  });

  $('#nav-toggle').addEventListener('click', () => document.body.classList.toggle('nav-open'));

  const ROLE_RANK = { operator: 1, staff: 2, admin: 3 };
  const can = (role) => me && ROLE_RANK[me.role] >= ROLE_RANK[role];

  // ---- routing ----
  function current() {
    const h = (location.hash || '#/dashboard').replace(/^#\/?/, '');
    const qi = h.indexOf('?');
    const path = qi < 0 ? h : h.slice(0, qi);
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    return { view: parts[0] || 'dashboard', args: parts.slice(1), query: new URLSearchParams(qi < 0 ? '' : h.slice(qi + 1)) };
  }
  function go(path, params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== '') q.set(k, v);
    const s = q.toString();
    location.hash = '#/' + path + (s ? '?' + s : '');
  }

  const QUEUES = {
    dispatch: { title: '待派单', params: { status: 'received' } },
    working: { title: '办理中', params: { status: 'dispatched,accepted,in_progress' } },
    overdue: { title: '已超期', params: { overdue: 'true' } },
    callback: { title: '待回访', params: { status: 'resolved' } },
    mine: { title: '我的工单', params: { status: 'dispatched,accepted,in_progress', assignee: '@me' } },
    all: { title: '全部工单', params: {} },
  };
  function queueParams(kind) {
    const p = new URLSearchParams(QUEUES[kind].params);
    if (p.get('assignee') === '@me') p.set('assignee', me.username);
    return p;
  }

  function navItems() {
    const items = [
      ['group', '概览'], ['dashboard', '数据看板', 'operator'],
      ['group', '工单'], ...Object.keys(QUEUES).map((k) => ['queue/' + k, QUEUES[k].title, 'operator', k]),
      ['register', '登记来电', 'operator'],
      ['group', '学生资助'], ['student', '学生查询', 'staff'], ['gaps', '资助缺口', 'staff'],
      ['group', '系统'], ['users', '账号管理', 'admin'], ['audit', '审计日志', 'admin'],
    ];
    const visible = items.filter((i) => i[0] === 'group' || can(i[2]));
    return visible.filter((i, n) => i[0] !== 'group' || (visible[n + 1] && visible[n + 1][0] !== 'group'));
  }

  let counts = {};
  function renderNav() {
    const c = current();
    const path = [c.view].concat(c.args.slice(0, 1)).join('/');
    $('#nav').innerHTML = navItems().map((i) => i[0] === 'group'
      ? `<div class="group">${esc(i[1])}</div>`
      : `<a href="#/${i[0]}" data-path="${i[0]}" class="${path === i[0] || c.view === i[0] ? 'active' : ''}">${esc(i[1])}${
        i[3] ? ` <span class="count" data-count="${i[3]}">${counts[i[3]] == null ? '' : counts[i[3]]}</span>` : ''}</a>`).join('');
  }

  // Queue counts, refreshed on a timer; a new order in 我的 or 待派单 rings and shows a notice.
  let timer = null;
  async function refreshCounts(first) {
    if (!me) return;
    const fresh = {};
    await Promise.all(Object.keys(QUEUES).map(async (k) => {
      const p = queueParams(k);
      p.set('size', '1');
      try { fresh[k] = (await api('GET', '/api/tickets?' + p.toString())).total; } catch (e) { /* shown on next try */ }
    }));
    if (!me) return;
    const grew = ['mine', 'dispatch'].filter((k) => !first && counts[k] != null && fresh[k] > counts[k]);
    counts = Object.assign(counts, fresh);
    document.querySelectorAll('[data-count]').forEach((el) => { el.textContent = counts[el.dataset.count] == null ? '' : counts[el.dataset.count]; });
    if (grew.length) notify(grew.map((k) => `「${QUEUES[k].title}」有新工单`).join('，'));
  }
  function notify(text) {
    const n = $('#notice');
    n.textContent = text + '（' + new Date().toLocaleTimeString('zh-CN', { hour12: false }) + '）';
    n.hidden = false;
    try {
      const ctx = new (window.AudioContext || window.webkitAudioContext)();
      const o = ctx.createOscillator();
      o.frequency.value = 880;
      o.connect(ctx.destination);
      o.start();
      o.stop(ctx.currentTime + 0.25);
    } catch (e) { /* no audio device: the visible notice is enough */ }
  }
  $('#notice').addEventListener('click', () => { $('#notice').hidden = true; if (current().view === 'queue') route(); });
  // The open queue refreshes itself too, but never under an operator's hands (rows ticked, a dialog
  // open, a field focused).
  function quietRefresh() {
    if (current().view !== 'queue' || !$('#dialog').hidden || document.querySelector('#view .pick:checked')
      || document.querySelector('#view :focus')) return;
    route();
  }
  function startRefresh() {
    stopRefresh();
    refreshCounts(true);
    timer = setInterval(() => { refreshCounts(false); quietRefresh(); }, Math.max(5, settings.refreshSeconds) * 1000);
  }
  function stopRefresh() { if (timer) clearInterval(timer); timer = null; }

  async function boot() {
    try { me = await api('GET', '/api/me'); } catch (e) { showLogin(); return; }
    try { settings = Object.assign(settings, await api('GET', '/api/console/settings')); } catch (e) { /* defaults */ }
    $('#login').hidden = true;
    $('#login-message').hidden = true;
    $('#app').hidden = false;
    $('#whoami').textContent = `${me.displayName || me.username}（${me.roleName || ROLE[me.role] || ''}）`;
    counts = {};
    startRefresh();
    route();
  }

  const views = {};
  async function route() {
    if (!me) return;
    renderNav();
    document.body.classList.remove('nav-open');
    const c = current();
    const view = views[c.view] || views.dashboard;
    const root = $('#view');
    root.innerHTML = '<p class="muted">加载中…</p>';
    try { await view(root, c.args, c.query); } catch (e) { if (me) root.innerHTML = `<p class="error">${esc(e.message)}</p>`; }
  }
  window.addEventListener('hashchange', route);

  // ---- keyboard: N new call, / search, J/K rows, Ctrl+Enter save, ? the list ----
  const SHORTCUTS = [['N', '登记新来电'], ['/', '跳到搜索框'], ['J / K', '在列表中下移 / 上移一行，Enter 打开'], ['Ctrl+Enter', '保存当前表单'], ['?', '显示本快捷键列表'], ['Esc', '关闭对话框']];
  document.addEventListener('keydown', (ev) => {
    if (!me) return;
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test((ev.target && ev.target.tagName) || '');
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
      const form = ev.target.closest && ev.target.closest('form');
      if (form) { ev.preventDefault(); form.requestSubmit(); }
      return;
    }
    if (ev.key === 'Escape') { $('#dialog').hidden = true; return; }
    if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === 'n' || ev.key === 'N') { ev.preventDefault(); if (current().view === 'register') route(); else go('register'); }
    else if (ev.key === '/') { const s = $('#view input[name=q]'); if (s) { ev.preventDefault(); s.focus(); s.select(); } }
    else if (ev.key === '?') { ev.preventDefault(); showShortcuts(); }
    else if (ev.key === 'j' || ev.key === 'k') moveRow(ev.key === 'j' ? 1 : -1);
    else if (ev.key === 'Enter') { const r = $('#view tr.cursor a'); if (r) r.click(); }
  });
  function moveRow(d) {
    const rows = Array.from(document.querySelectorAll('#view tbody tr[data-no]'));
    if (!rows.length) return;
    const i = rows.findIndex((r) => r.classList.contains('cursor'));
    rows.forEach((r) => r.classList.remove('cursor'));
    const next = rows[Math.min(rows.length - 1, Math.max(0, i < 0 ? 0 : i + d))];
    next.classList.add('cursor');
    next.scrollIntoView({ block: 'nearest' });
  }
  function showShortcuts() {
    dialog('键盘快捷键', `<table id="shortcuts">${SHORTCUTS.map((s) => `<tr><th><kbd>${esc(s[0])}</kbd></th><td>${esc(s[1])}</td></tr>`).join('')}</table>`, null);
  }

  // A modal confirmation; resolves true only when the person clicks the confirm button.
  function dialog(title, html, confirmLabel) {
    const d = $('#dialog');
    d.innerHTML = `<div class="card dialog-box" role="dialog" aria-modal="true"><h3>${esc(title)}</h3><div class="dialog-body">${html}</div>
      <p class="actions">${confirmLabel ? `<button id="dialog-ok">${esc(confirmLabel)}</button>` : ''}
      <button type="button" class="secondary" id="dialog-cancel">${confirmLabel ? '取消' : '关闭'}</button></p></div>`;
    d.hidden = false;
    return new Promise((resolve) => {
      const close = (v) => { d.hidden = true; resolve(v); };
      $('#dialog-cancel').addEventListener('click', () => close(false));
      if (confirmLabel) { $('#dialog-ok').addEventListener('click', () => close(true)); $('#dialog-ok').focus(); }
      else $('#dialog-cancel').focus();
    });
  }

  function fmtTime(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleString('zh-CN', { hour12: false });
  }

  window.aidline = {
    api, views, esc, route, can, go, current, dialog, fmtTime, QUEUES, queueParams, refreshCounts,
    me: () => me, settings: () => settings, words: { ROLE, CHANNEL, PRIORITY, EVENT, AUDIT, auditWord, roleDetail, actorWord }, SHORTCUTS,
  };

  // ---- admin: users and audit ----
  views.users = async (root) => {
    const users = await api('GET', '/api/admin/users');
    root.innerHTML = `<h2>账号管理</h2>
      <form id="user-add" class="card inline">
        <label>用户名 <input name="username" required></label>
        <label>显示名称 <input name="displayName"></label>
        <label>角色 <select name="role"><option value="operator">接线员</option><option value="staff">工作人员</option><option value="admin">管理员</option></select></label>
        <label>初始密码（至少10位） <input name="password" type="password" required minlength="10" autocomplete="new-password"></label>
        <button>添加账号</button>
      </form>
      <p class="error" id="user-error" role="alert"></p>
      <table id="user-table"><thead><tr><th>用户名</th><th>名称</th><th>角色</th><th>状态</th><th>操作</th></tr></thead><tbody>
      ${users.map((u) => `<tr data-user="${esc(u.username)}"><td>${esc(u.username)}${u.username === me.username ? ' <span class="badge">本人</span>' : ''}</td>
        <td>${esc(u.displayName)}</td><td><select data-role="${esc(u.username)}" aria-label="角色">${['operator', 'staff', 'admin'].map((r) =>
          `<option value="${r}"${r === u.role ? ' selected' : ''}>${ROLE[r]}</option>`).join('')}</select></td>
        <td>${u.disabled ? '已停用' : u.locked ? '已锁定' : '正常'}</td>
        <td class="actions"><button class="secondary" data-toggle="${esc(u.username)}" data-disabled="${u.disabled}">${u.disabled ? '启用' : '停用'}</button>
          <button class="secondary" data-reset="${esc(u.username)}">重置密码</button>
          <button class="secondary" data-unlock="${esc(u.username)}">解除锁定</button></td></tr>`).join('')}
      </tbody></table>`;
    const fail = (e) => { $('#user-error').textContent = e.message; };
    $('#user-add', root).addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try { await api('POST', '/api/admin/users', Object.fromEntries(new FormData(ev.target))); route(); } catch (e) { fail(e); }
    });
    root.querySelectorAll('[data-toggle]').forEach((b) => b.addEventListener('click', async () => {
      const name = b.dataset.toggle;
      const disabling = b.dataset.disabled !== 'true';
      if (disabling && name === me.username) { fail(new Error('不能停用自己正在使用的账号，请由另一位管理员操作')); return; }
      if (disabling && !(await dialog('停用账号', `确认停用账号 <strong>${esc(name)}</strong>？停用后该账号立即不能登录。`, '确认停用'))) return;
      try { await api('POST', `/api/admin/users/${encodeURIComponent(name)}/${disabling ? 'disable' : 'enable'}`); route(); } catch (e) { fail(e); }
    }));
    root.querySelectorAll('[data-reset]').forEach((b) => b.addEventListener('click', async () => {
      const name = b.dataset.reset;
      if (!(await dialog('重置密码', `为 <strong>${esc(name)}</strong> 设置新密码（至少10位）：<br><input id="reset-password" type="password" autocomplete="new-password" minlength="10">`, '确认重置'))) return;
      try { await api('POST', `/api/admin/users/${encodeURIComponent(name)}/reset`, { password: $('#reset-password').value }); $('#user-error').textContent = `已重置 ${name} 的密码`; } catch (e) { fail(e); }
    }));
    root.querySelectorAll('[data-unlock]').forEach((b) => b.addEventListener('click', async () => {
      try { await api('POST', `/api/admin/users/${encodeURIComponent(b.dataset.unlock)}/unlock`); $('#user-error').textContent = `已解除 ${b.dataset.unlock} 的登录锁定`; } catch (e) { fail(e); }
    }));
    root.querySelectorAll('[data-role]').forEach((s) => s.addEventListener('change', async () => {
      const name = s.dataset.role;
      const was = users.find((u) => u.username === name).role;
      if (!(await dialog('更改角色', `把 <strong>${esc(name)}</strong> 的角色由「${esc(ROLE[was])}」改为「${esc(ROLE[s.value])}」？该账号需重新登录。`, '确认更改'))) { s.value = was; return; }
      try { await api('POST', `/api/admin/users/${encodeURIComponent(name)}/role`, { role: s.value }); route(); } catch (e) { s.value = was; fail(e); }
    }));
  };

  const AUDIT_PAGE = 50;
  views.audit = async (root, args, q) => {
    const page = Math.max(1, parseInt(q.get('page') || '1', 10) || 1);
    const p = new URLSearchParams();
    for (const k of ['actor', 'action', 'target']) if (q.get(k)) p.set(k, q.get(k));
    // audit times are stored as UTC instants; the dates typed are Beijing days
    const day = (d, plus) => new Date(new Date(d + 'T00:00:00+08:00').getTime() + plus * 86400000).toISOString();
    if (q.get('from')) p.set('from', day(q.get('from'), 0));
    if (q.get('to')) p.set('to', day(q.get('to'), 1));
    p.set('limit', String(AUDIT_PAGE + 1));
    p.set('offset', String((page - 1) * AUDIT_PAGE));
    const data = await api('GET', '/api/admin/audit?' + p.toString());
    const more = data.entries.length > AUDIT_PAGE;
    const rows = data.entries.slice(0, AUDIT_PAGE);
    const actionOptions = ['', 'login', 'user', 'ticket', 'student', 'gaps'].map((a) => `<option value="${a}">${a ? esc(AUDIT[a] || { user: '账号管理', ticket: '工单', student: '学生', gaps: '资助缺口' }[a]) : '全部'}</option>`).join('');
    root.innerHTML = `<h2>审计日志 <span class="muted">第 ${page} 页</span></h2>
      <form id="audit-filter" class="filters">
        <label>操作人 <input name="actor" value="${esc(q.get('actor'))}"></label>
        <label>动作 <select name="action">${actionOptions}</select></label>
        <label>对象 <input name="target" value="${esc(q.get('target'))}"></label>
        <label>从 <input type="date" name="from" value="${esc(q.get('from'))}"></label>
        <label>到 <input type="date" name="to" value="${esc(q.get('to'))}"></label>
        <button>筛选</button>
      </form>
      <table id="audit-table"><thead><tr><th>时间</th><th>操作人</th><th>动作</th><th>对象</th><th>详情</th><th>IP</th></tr></thead><tbody>
      ${rows.map((e) => `<tr><td>${esc(fmtTime(e.at))}</td><td>${esc(actorWord(e.actor))}</td><td>${esc(auditWord(e.action))}</td><td>${esc(e.target)}</td><td>${esc(roleDetail(e.detail))}</td><td>${esc(e.ip)}</td></tr>`).join('')
        || '<tr><td colspan="6" class="muted">没有记录</td></tr>'}
      </tbody></table>
      <p class="pager">${page > 1 ? '<button type="button" class="secondary" id="audit-prev">上一页</button>' : ''}
        ${more ? '<button type="button" class="secondary" id="audit-next">下一页</button>' : ''}</p>`;
    $('select[name=action]', root).value = q.get('action') || '';
    const params = (pg) => Object.assign(Object.fromEntries(q), { page: pg > 1 ? pg : '' });
    if ($('#audit-prev', root)) $('#audit-prev', root).addEventListener('click', () => go('audit', params(page - 1)));
    if ($('#audit-next', root)) $('#audit-next', root).addEventListener('click', () => go('audit', params(page + 1)));
    $('#audit-filter', root).addEventListener('submit', (ev) => {
      ev.preventDefault();
      go('audit', Object.fromEntries(new FormData(ev.target)));
    });
  };

  boot();
})();
