'use strict';
// Work-order pages of the console: queues, one order with its history and allowed actions, and
// the form that registers a hotline call (warning of a likely duplicate before saving).
(function () {
  const { api, views, esc, fmtTime, route } = window.aidline;
  const $ = (sel, root) => (root || document).querySelector(sel);

  const QUEUES = {
    dispatch: { title: '待派单', params: { status: 'received' } },
    working: { title: '办理中', params: { status: 'dispatched,accepted,in_progress' } },
    overdue: { title: '已超期', params: { overdue: 'true' } },
    callback: { title: '待回访', params: { status: 'resolved' } },
    mine: { title: '我的工单', params: { status: 'dispatched,accepted,in_progress', assignee: '@me' } },
    all: { title: '全部工单', params: {} },
  };
  const ACTION_LABELS = { dispatch: '派单', accept: '签收', return: '退单', start: '开始办理', resolve: '办结', callback: '回访', chase: '催办', cancel: '撤销', merge: '合并' };

  function ticketRow(t) {
    return `<tr class="${t.overdue ? 'overdue' : ''}" data-no="${esc(t.ticketNo)}">
      <td><a href="#/ticket/${encodeURIComponent(t.ticketNo)}">${esc(t.ticketNo)}</a></td>
      <td>${esc(t.categoryName)}</td><td>${esc(t.callerName)}<br><span class="muted">${esc(t.callerPhone)}</span></td>
      <td>${esc(t.region)}</td><td>${esc(t.statusLabel)} ${t.overdue ? '<span class="badge overdue">已超期</span>' : ''}</td>
      <td>${esc(t.department || '')}${t.assignee ? '<br>' + esc(t.assignee) : ''}</td>
      <td>${esc(fmtTime(t.dueAt))}</td><td>${esc((t.description || '').slice(0, 40))}</td></tr>`;
  }

  views.queue = async (root, args) => {
    const kind = QUEUES[args[0]] ? args[0] : 'all';
    const queue = QUEUES[kind];
    const hashQuery = new URLSearchParams(location.hash.split('?')[1] || '');
    const p = new URLSearchParams(queue.params);
    if (p.get('assignee') === '@me') p.set('assignee', window.aidline.me().username);
    for (const k of ['q', 'category', 'region', 'page']) if (hashQuery.get(k)) p.set(k, hashQuery.get(k));
    p.set('size', '50');
    const page = await api('GET', '/api/tickets?' + p.toString());
    root.innerHTML = `<h2>${esc(queue.title)} <span class="muted">共 ${page.total} 单</span></h2>
      <form class="filters" id="queue-filter">
        <label>搜索 <input name="q" value="${esc(hashQuery.get('q'))}" placeholder="工单号、姓名、电话、身份证号、内容"></label>
        <label>地区 <input name="region" value="${esc(hashQuery.get('region'))}" placeholder="如 岳阳、华容"></label>
        <label>分类 <select name="category"><option value="">全部</option>
          <option value="aid_not_received">资助未到账</option><option value="policy_inquiry">政策咨询</option>
          <option value="complaint">投诉举报</option><option value="dropout">控辍保学</option><option value="other">其他</option></select></label>
        <button>筛选</button>
        ${window.aidline.can('staff') ? `<a href="/api/tickets/export.csv?${esc(p.toString())}">导出 CSV</a>` : ''}
      </form>
      <table id="ticket-table"><thead><tr><th>工单号</th><th>分类</th><th>来电人</th><th>地区</th><th>状态</th><th>承办</th><th>办理时限</th><th>内容</th></tr></thead>
      <tbody>${page.items.map(ticketRow).join('') || '<tr><td colspan="8" class="muted">没有工单</td></tr>'}</tbody></table>
      ${page.total > page.page * page.size ? `<p><a href="#/queue/${kind}?page=${page.page + 1}">下一页</a></p>` : ''}`;
    const sel = $('select[name=category]', root);
    sel.value = hashQuery.get('category') || '';
    $('#queue-filter', root).addEventListener('submit', (ev) => {
      ev.preventDefault();
      const q = new URLSearchParams();
      for (const [k, v] of new FormData(ev.target)) if (v) q.set(k, v);
      location.hash = `#/queue/${kind}?` + q.toString();
    });
  };

  function actionForm(a) {
    switch (a) {
      case 'dispatch': return `<label>派往部门（留空用分类默认部门） <input name="department"></label><label>承办人 <input name="assignee"></label>`;
      case 'accept': return `<label>承办人（留空为本人） <input name="assignee"></label>`;
      case 'return': return `<label>退单原因 <input name="note" required></label>`;
      case 'resolve': return `<label>办理结果 <textarea name="note" required rows="3"></textarea></label>`;
      case 'callback': return `<label>来电人是否满意 <select name="satisfied"><option value="true">满意</option><option value="false">不满意（重新办理）</option></select></label><label>回访记录 <input name="note"></label>`;
      case 'cancel': return `<label>撤销原因（如重复工单、来电人撤回） <input name="note" required></label>`;
      case 'merge': return `<label>合并到工单号 <input name="into" required placeholder="JY…"></label><label>说明 <input name="note"></label>`;
      default: return `<label>备注 <input name="note"></label>`;
    }
  }

  views.ticket = async (root, args) => {
    const t = await api('GET', '/api/tickets/' + encodeURIComponent(args[0]));
    const actions = (t.allowedActions || []).filter((a) => a !== 'merge' || window.aidline.can('staff'));
    root.innerHTML = `<h2>工单 ${esc(t.ticketNo)} <span class="badge">${esc(t.statusLabel)}</span>
        ${t.overdue ? '<span class="badge overdue">已超期</span>' : ''}</h2>
      <div class="grid2">
        <div class="card"><table>
          <tr><th>分类</th><td>${esc(t.categoryName)}（优先级 ${esc(t.priority)}）</td></tr>
          <tr><th>来电人</th><td>${esc(t.callerName)} · ${esc(t.callerPhone)}</td></tr>
          <tr><th>渠道</th><td>${esc(t.channel)}</td></tr>
          <tr><th>地区</th><td>${esc(t.region)}</td></tr>
          <tr><th>学生</th><td>${esc(t.studentId || '—')}</td></tr>
          <tr><th>诉求</th><td>${esc(t.description)}</td></tr>
          <tr><th>承办</th><td>${esc(t.department || '—')} ${esc(t.assignee || '')}</td></tr>
          <tr><th>办理时限</th><td>${esc(fmtTime(t.dueAt))}</td></tr>
          <tr><th>办理结果</th><td>${esc(t.resolution || '—')}</td></tr>
          <tr><th>满意度</th><td>${t.satisfaction === 'satisfied' ? '满意' : t.satisfaction === 'dissatisfied' ? '不满意' : '—'}（重办 ${t.reopenCount} 次，催办 ${t.chaseCount} 次）</td></tr>
          ${t.mergedInto ? `<tr><th>已合并至</th><td><a href="#/ticket/${esc(t.mergedInto)}">${esc(t.mergedInto)}</a></td></tr>` : ''}
        </table></div>
        <div class="card"><h3>可执行操作</h3>
          <div class="actions">${actions.map((a) => `<button data-action="${a}">${ACTION_LABELS[a] || a}</button>`).join('') || '<span class="muted">无（已结束）</span>'}</div>
          <form id="action-form" hidden class="card"><div id="action-fields"></div><button id="action-submit">确认</button>
            <button type="button" class="secondary" id="action-cancel">取消</button></form>
          <p class="error" id="action-error"></p>
        </div>
      </div>
      <div class="card"><h3>办理记录</h3><ul class="timeline">
        ${(t.events || []).map((e) => `<li><strong>${esc(ACTION_LABELS[e.action] || e.action)}</strong>
          <span class="muted">${esc(fmtTime(e.at))} · ${esc(e.actor)}</span><br>${esc(e.note || '')}</li>`).join('')}
      </ul></div>`;
    let chosen = null;
    root.querySelectorAll('[data-action]').forEach((b) => b.addEventListener('click', () => {
      chosen = b.dataset.action;
      $('#action-fields', root).innerHTML = `<h4>${ACTION_LABELS[chosen]}</h4>` + actionForm(chosen);
      $('#action-form', root).hidden = false;
    }));
    $('#action-cancel', root).addEventListener('click', () => { $('#action-form', root).hidden = true; });
    $('#action-form', root).addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const body = { action: chosen, version: t.version };
      for (const [k, v] of new FormData(ev.target)) if (v !== '') body[k] = k === 'satisfied' ? v === 'true' : v;
      try { await api('POST', `/api/tickets/${encodeURIComponent(t.ticketNo)}/actions`, body); route(); }
      catch (e) { $('#action-error', root).textContent = e.message; }
    });
  };

  views.register = async (root) => {
    root.innerHTML = `<h2>登记来电</h2>
      <form id="register-form" class="card">
        <div class="grid2">
          <label>来电人姓名 <input name="callerName" required></label>
          <label>联系电话 <input name="callerPhone" required placeholder="手机或固话"></label>
          <label>地区 <input name="region" required placeholder="如 湖南省岳阳市华容县 或 华容"></label>
          <label>学生身份证号/学籍号（可选） <input name="studentId"></label>
          <label>分类 <select name="category">
            <option value="aid_not_received">资助未到账</option><option value="policy_inquiry">政策咨询</option>
            <option value="complaint">投诉举报</option><option value="dropout">控辍保学</option><option value="other">其他</option></select></label>
        </div>
        <label>来电内容 <textarea name="description" rows="4" required></textarea></label>
        <div id="dup-warning" class="warn" hidden></div>
        <p><button id="register-submit">保存工单</button> <span class="error" id="register-error"></span></p>
      </form>`;
    const form = $('#register-form', root);
    let warnedFor = null;
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const body = Object.fromEntries(new FormData(form));
      body.channel = 'hotline';
      if (!body.studentId) delete body.studentId;
      $('#register-error').textContent = '';
      try {
        if (warnedFor !== body.callerPhone) {
          const open = (await api('GET', '/api/tickets?size=20&status=received,dispatched,accepted,in_progress,resolved&q=' + encodeURIComponent(body.callerPhone))).items;
          if (open.length) {
            warnedFor = body.callerPhone;
            const w = $('#dup-warning');
            w.hidden = false;
            w.innerHTML = `该来电号码已有 ${open.length} 张未办结工单，可能是重复来电：` +
              open.map((t) => `<a href="#/ticket/${esc(t.ticketNo)}">${esc(t.ticketNo)}</a>（${esc(t.categoryName)}，${esc(t.statusLabel)}）`).join('、') +
              '。同一来电人、学生和分类的来电会自动并入原工单。确认仍要保存，请再次点击“保存工单”。';
            return;
          }
        }
        const t = await api('POST', '/api/tickets', body);
        location.hash = '#/ticket/' + encodeURIComponent(t.ticketNo);
      } catch (e) { $('#register-error').textContent = e.message; }
    });
  };
})();
