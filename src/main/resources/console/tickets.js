'use strict';
// Work-order pages of the console: queues (filters, search, paging and sort kept in the URL; time
// left per row; bulk actions), one order with its history, corrections, notes and allowed actions,
// and the form that registers a hotline call (draft kept in sessionStorage across a re-login).
(function () {
  const { api, views, esc, fmtTime, route, go, dialog, QUEUES, queueParams } = window.aidline;
  const W = window.aidline.words;
  const $ = (sel, root) => (root || document).querySelector(sel);
  const settings = () => window.aidline.settings();
  const ACTION_LABELS = { dispatch: '派单', accept: '签收', return: '退单', start: '开始办理', resolve: '办结', callback: '回访', chase: '催办', cancel: '撤销', merge: '合并' };
  const STATUS = { received: '已受理', dispatched: '已派单', accepted: '已签收', in_progress: '办理中', resolved: '已办结待回访', closed: '已关闭', cancelled: '已撤销' };
  const OPEN = ['received', 'dispatched', 'accepted', 'in_progress'];
  const PAGE_SIZE = 20;
  // A whole phone or 身份证号 typed into search is kept out of the URL (and so out of history and logs).
  const SECRET = /\d{7,}/;
  const SECRET_KEY = 'aidline.search';
  let flash = '';  // the result of the last bulk action, shown once on the re-rendered queue
  const shortTime = (iso) => { const d = new Date(iso); return isNaN(d) ? '' : `${d.getMonth() + 1}/${d.getDate()} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`; };
  const shortRegion = (r) => String(r || '').replace(/^.+?省/, '');

  function categoryOptions(selected, withAll) {
    return (withAll ? '<option value="">全部</option>' : '') + (settings().categories || []).map((c) =>
      `<option value="${esc(c.code)}"${c.code === selected ? ' selected' : ''}>${esc(c.name)}</option>`).join('');
  }

  // "剩余 2天3小时" / "超期 5小时"; within the configured window the row turns amber (即将超期).
  function timeLeft(t) {
    if (!t.dueAt || !OPEN.includes(t.status)) return { text: '—', cls: '' };
    const ms = new Date(t.dueAt).getTime() - Date.now();
    const abs = Math.abs(ms);
    const d = Math.floor(abs / 86400000);
    const h = Math.floor((abs % 86400000) / 3600000);
    const m = Math.floor((abs % 3600000) / 60000);
    const span = d ? `${d}天${h}小时` : h ? `${h}小时${m}分` : `${m}分钟`;
    if (ms < 0 || t.overdue) return { text: '超期 ' + span, cls: 'overdue' };
    if (ms <= settings().dueSoonHours * 3600000) return { text: '剩余 ' + span, cls: 'duesoon' };
    return { text: '剩余 ' + span, cls: '' };
  }

  function badges(t, left) {
    return (t.overdue ? ' <span class="badge overdue">已超期</span>' : '') + (left.cls === 'duesoon' ? ' <span class="badge duesoon">即将超期</span>' : '');
  }

  function ticketRow(t) {
    const left = timeLeft(t);
    return `<tr class="${left.cls}" data-no="${esc(t.ticketNo)}" data-version="${t.version}" data-status="${esc(t.status)}">
      <td><input type="checkbox" class="pick" aria-label="选择 ${esc(t.ticketNo)}"></td>
      <td data-label="工单号"><a href="#/ticket/${encodeURIComponent(t.ticketNo)}">${esc(t.ticketNo)}</a></td>
      <td data-label="分类">${esc(t.categoryName)}</td><td data-label="来电人">${esc(t.callerName)} <span class="muted masked">${esc(t.callerPhone)}</span></td>
      <td data-label="地区" title="${esc(t.region)}">${esc(shortRegion(t.region))}</td><td data-label="状态">${esc(t.statusLabel)}${badges(t, left)}</td>
      <td data-label="承办">${esc(t.department || '')}${t.assignee ? ' · ' + esc(t.assignee) : ''}</td>
      <td data-label="办理时限">${esc(shortTime(t.dueAt))}</td><td data-label="剩余时间" class="left">${esc(left.text)}</td>
      <td data-label="内容" class="desc">${esc((t.description || '').slice(0, 30))}</td></tr>`;
  }

  views.queue = async (root, args, hq) => {
    const kind = QUEUES[args[0]] ? args[0] : 'all';
    const queue = QUEUES[kind];
    const p = queueParams(kind);
    const allowed = p.get('status') ? p.get('status').split(',') : Object.keys(STATUS);
    const status = hq.get('status') && allowed.includes(hq.get('status')) ? hq.get('status') : '';
    if (status) p.set('status', status);
    let q = hq.get('q') || '';
    if (q === '*') q = sessionStorage.getItem(SECRET_KEY) || '';
    if (q) p.set('q', q);
    for (const k of ['category', 'region']) if (hq.get(k)) p.set(k, hq.get(k));
    const sort = hq.get('sort') || (kind === 'all' || kind === 'callback' ? 'new' : 'deadline');
    if (sort === 'deadline') p.set('sort', 'deadline');
    const pageNo = Math.max(1, parseInt(hq.get('page') || '1', 10) || 1);
    p.set('page', String(pageNo));
    p.set('size', String(PAGE_SIZE));
    const page = await api('GET', '/api/tickets?' + p.toString());
    const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
    const exportQ = new URLSearchParams(p);
    exportQ.delete('page'); exportQ.delete('size');
    root.innerHTML = `<h2 id="queue-title" data-queue="${kind}">${esc(queue.title)} <span class="muted">共 ${page.total} 单</span></h2>
      <form class="filters" id="queue-filter" autocomplete="off">
        <label>搜索 <input name="q" value="${esc(q)}" placeholder="工单号、姓名、电话、身份证号、内容" autocomplete="off"></label>
        <label>状态 <select name="status"><option value="">全部</option>${allowed.map((s) => `<option value="${s}"${s === status ? ' selected' : ''}>${esc(STATUS[s])}</option>`).join('')}</select></label>
        <label>地区 <input name="region" value="${esc(hq.get('region'))}" placeholder="如 岳阳、华容" list="region-list"></label>
        <label>分类 <select name="category">${categoryOptions(hq.get('category') || '', true)}</select></label>
        <label>排序 <select name="sort"><option value="deadline"${sort === 'deadline' ? ' selected' : ''}>办理时限（最急在前）</option><option value="new"${sort === 'new' ? ' selected' : ''}>最新登记在前</option></select></label>
        <button>筛选</button>
        ${window.aidline.can('staff') ? `<a href="/api/tickets/export.csv?${esc(exportQ.toString())}">导出 CSV</a>` : ''}
      </form>
      <datalist id="region-list">${(settings().regions || []).map((r) => `<option value="${esc(r)}">`).join('')}</datalist>
      <div class="bulkbar" id="bulkbar"><label class="inline-check"><input type="checkbox" id="pick-all"> 全选本页</label>
        <span id="picked" class="muted">未选择</span>
        <button type="button" class="secondary" data-bulk="dispatch">批量派单</button>
        <button type="button" class="secondary" data-bulk="chase">批量催办</button>
        <button type="button" class="secondary" data-bulk="cancel">批量撤销</button>
        <span id="bulk-msg" role="status">${esc(flash)}</span></div>
      <table id="ticket-table"><thead><tr><th></th><th>工单号</th><th>分类</th><th>来电人</th><th>地区</th><th>状态</th><th>承办</th><th>办理时限</th><th>剩余时间</th><th>内容</th></tr></thead>
      <tbody>${page.items.map(ticketRow).join('') || '<tr><td colspan="10" class="muted">没有工单</td></tr>'}</tbody></table>
      <p class="pager" id="pager"><button type="button" class="secondary" id="page-prev"${pageNo <= 1 ? ' disabled' : ''}>上一页</button>
        <span id="page-info">第 ${pageNo} / ${pages} 页</span>
        <button type="button" class="secondary" id="page-next"${pageNo >= pages ? ' disabled' : ''}>下一页</button></p>`;
    const here = (overrides) => {
      const cur = Object.fromEntries(hq);
      return Object.assign(cur, overrides);
    };
    $('#page-prev', root).addEventListener('click', () => go('queue/' + kind, here({ page: pageNo - 1 > 1 ? pageNo - 1 : '' })));
    $('#page-next', root).addEventListener('click', () => go('queue/' + kind, here({ page: pageNo + 1 })));
    $('#queue-filter', root).addEventListener('submit', (ev) => {
      ev.preventDefault();
      const f = Object.fromEntries(new FormData(ev.target));
      if (SECRET.test(f.q || '')) { sessionStorage.setItem(SECRET_KEY, f.q); f.q = '*'; }
      go('queue/' + kind, f);
    });
    flash = '';
    wireBulk(root);
  };

  function picked(root) {
    return Array.from(root.querySelectorAll('tr[data-no] .pick:checked')).map((c) => c.closest('tr'));
  }

  function wireBulk(root) {
    const update = () => {
      const n = picked(root).length;
      $('#picked', root).textContent = n ? `已选择 ${n} 单` : '未选择';
    };
    root.querySelectorAll('.pick').forEach((c) => c.addEventListener('change', update));
    $('#pick-all', root).addEventListener('change', (ev) => {
      root.querySelectorAll('.pick').forEach((c) => { c.checked = ev.target.checked; });
      update();
    });
    root.querySelectorAll('[data-bulk]').forEach((b) => b.addEventListener('click', async () => {
      const rows = picked(root);
      const action = b.dataset.bulk;
      const msg = $('#bulk-msg', root);
      if (!rows.length) { msg.textContent = '请先勾选工单'; return; }
      const extra = action === 'dispatch'
        ? `<label>派往部门（留空用各分类默认部门） <select id="bulk-department"><option value="">分类默认部门</option>${(settings().departments || []).map((d) => `<option>${esc(d)}</option>`).join('')}</select></label>`
        : '';
      const ok = await dialog(`批量${ACTION_LABELS[action]}`,
        `<p id="bulk-count">将对选中的 <strong>${rows.length}</strong> 张工单执行「${ACTION_LABELS[action]}」。</p>${extra}
         <label>原因${action === 'cancel' ? '（必填）' : ''} <input id="bulk-reason" placeholder="${action === 'cancel' ? '如重复工单、来电人撤回' : '可选'}"></label>
         <p class="error" id="bulk-error"></p>`, `确认${ACTION_LABELS[action]} ${rows.length} 单`);
      if (!ok) return;
      const reason = ($('#bulk-reason') || {}).value || '';
      const department = ($('#bulk-department') || {}).value || '';
      if (action === 'cancel' && !reason.trim()) { msg.textContent = '批量撤销必须填写原因，未做任何修改'; return; }
      let done = 0;
      const failed = [];
      for (const r of rows) {
        const body = { action, version: Number(r.dataset.version) };
        if (reason.trim()) body.note = reason.trim();
        if (department) body.department = department;
        try { await api('POST', `/api/tickets/${encodeURIComponent(r.dataset.no)}/actions`, body); done++; }
        catch (e) { failed.push(`${r.dataset.no}：${e.message}`); }
      }
      flash = `已${ACTION_LABELS[action]} ${done} 单` + (failed.length ? `；${failed.length} 单未成功：${failed.join('；')}` : '');
      await route();
      window.aidline.refreshCounts(false);
    }));
  }

  function personOptions(selected) {
    return '<option value="">（不指定）</option>' + (settings().people || []).map((u) =>
      `<option value="${esc(u.username)}"${u.username === selected ? ' selected' : ''}>${esc(u.displayName || u.username)}（${esc(W.ROLE[u.role] || u.role)}）</option>`).join('');
  }

  // what the parent reads on chat; internal notes never reach them (security's rule, issue 15)
  const PARENT_REPLY = '<label>给家长的答复（可选，家长在聊天中看到） <textarea name="parentReply" rows="2" maxlength="500"></textarea></label>';

  function actionForm(a, t) {
    switch (a) {
      case 'dispatch': return `<label>派往部门 <select name="department">${(settings().departments || []).map((d) =>
        `<option${d === (settings().categories || []).filter((c) => c.code === t.category).map((c) => c.department)[0] ? ' selected' : ''}>${esc(d)}</option>`).join('')}</select></label>
        <label>承办人 <select name="assignee">${personOptions(t.assignee)}</select></label>`;
      case 'accept': return `<label>承办人 <select name="assignee">${personOptions(t.assignee || window.aidline.me().username)}</select></label>`;
      case 'return': return `<label>退单原因 <input name="note" required></label>`;
      case 'resolve': return `<label>办理结果（内部记录） <textarea name="note" required rows="3"></textarea></label>${PARENT_REPLY}`;
      case 'callback': return `<label>来电人是否满意 <select name="satisfied"><option value="true">满意</option><option value="false">不满意（重新办理）</option></select></label><label>回访记录 <input name="note"></label>`;
      case 'cancel': return `<label>撤销原因（如重复工单、来电人撤回） <input name="note" required></label>`;
      case 'merge': return `<label>合并到工单号 <input name="into" required placeholder="JY…"></label><label>说明 <input name="note"></label>`;
      default: return `<label>备注 <input name="note"></label>`;
    }
  }

  const priorityWord = (p) => W.PRIORITY[p] || p;

  views.ticket = async (root, args) => {
    const t = await api('GET', '/api/tickets/' + encodeURIComponent(args[0]));
    const actions = (t.allowedActions || []).filter((a) => a !== 'merge' || window.aidline.can('staff'));
    const open = OPEN.includes(t.status) || t.status === 'resolved';
    const left = timeLeft(t);
    root.innerHTML = `<h2>工单 ${esc(t.ticketNo)} <span class="badge">${esc(t.statusLabel)}</span>${badges(t, left)}</h2>
      <div class="grid2">
        <div class="card"><table id="ticket-fields">
          <tr><th>分类</th><td>${esc(t.categoryName)}（优先级：${esc(priorityWord(t.priority))}）</td></tr>
          <tr><th>来电人</th><td>${esc(t.callerName)} · <span id="caller-phone" class="masked">${esc(t.callerPhone)}</span></td></tr>
          <tr><th>渠道</th><td id="ticket-channel">${esc(W.CHANNEL[t.channel] || t.channel)}</td></tr>
          <tr><th>地区</th><td>${esc(t.region || '—')}</td></tr>
          <tr><th>学生</th><td id="student-id" class="masked">${esc(t.studentId || '—')}</td></tr>
          <tr><th>诉求</th><td>${esc(t.description)}</td></tr>
          <tr><th>承办</th><td>${esc(t.department || '—')} ${esc(t.assignee || '')}</td></tr>
          <tr><th>办理时限</th><td>${esc(fmtTime(t.dueAt))} <span class="muted">${esc(left.text)}</span></td></tr>
          <tr><th>办理结果</th><td>${esc(t.resolution || '—')}</td></tr>
          <tr><th>给家长的答复</th><td id="parent-reply">${esc(t.parentReply || '—')}</td></tr>
          <tr><th>满意度</th><td>${t.satisfaction === 'satisfied' ? '满意' : t.satisfaction === 'dissatisfied' ? '不满意' : '—'}（重办 ${t.reopenCount} 次，催办 ${t.chaseCount} 次）</td></tr>
          ${t.mergedInto ? `<tr><th>已合并至</th><td><a href="#/ticket/${esc(t.mergedInto)}">${esc(t.mergedInto)}</a></td></tr>` : ''}
        </table>
        ${open ? '<p><button type="button" class="secondary" id="edit-open">修改地区 / 分类 / 电话 / 学生</button></p>' : ''}
        <form id="edit-form" class="card" hidden>
          <label>地区 <input name="region" value="${esc(t.region)}" list="region-list-t"></label>
          <datalist id="region-list-t">${(settings().regions || []).map((r) => `<option value="${esc(r)}">`).join('')}</datalist>
          <label>分类 <select name="category">${categoryOptions(t.category, false)}</select></label>
          <label>联系电话（留空不改） <input name="callerPhone" autocomplete="off"></label>
          <label>学生身份证号/学籍号（留空不改） <input name="studentId" autocomplete="off"></label>
          <label>修改原因（必填，记入办理记录） <input name="reason" required></label>
          <p class="actions"><button id="edit-submit">保存修改</button><button type="button" class="secondary" id="edit-cancel">取消</button></p>
        </form>
        <p class="error" id="edit-error" role="alert"></p>
        </div>
        <div class="card"><h3>可执行操作</h3>
          <div class="actions">${actions.map((a) => `<button data-action="${a}">${ACTION_LABELS[a] || a}</button>`).join('') || '<span class="muted">无（已结束）</span>'}</div>
          <form id="action-form" hidden class="card"><div id="action-fields"></div><button id="action-submit">确认</button>
            <button type="button" class="secondary" id="action-cancel">取消</button></form>
          <p class="error" id="action-error"></p>
          <h3>内部备注 <span class="muted">（仅工作人员可见，不发给家长）</span></h3>
          <form id="note-form" class="inline"><input name="note" id="note-text" required placeholder="如：已电话联系学校，等待回复"><button id="note-submit">添加备注</button></form>
        </div>
      </div>
      <div class="card"><h3>办理记录</h3><ul class="timeline" id="timeline">
        ${(t.events || []).map((e) => `<li class="ev-${esc(e.action)}"><strong>${esc(W.EVENT[e.action] || ACTION_LABELS[e.action] || e.action)}</strong>
          <span class="muted">${esc(fmtTime(e.at))} · ${esc(W.actorWord(e.actor))}</span><br>${esc(e.note || '')}</li>`).join('')}
      </ul></div>`;
    let chosen = null;
    root.querySelectorAll('[data-action]').forEach((b) => b.addEventListener('click', () => {
      chosen = b.dataset.action;
      $('#action-fields', root).innerHTML = `<h4>${ACTION_LABELS[chosen]}</h4>` + actionForm(chosen, t);
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
    $('#note-form', root).addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try { await api('POST', `/api/tickets/${encodeURIComponent(t.ticketNo)}/actions`, { action: 'note', note: $('#note-text').value }); route(); }
      catch (e) { $('#action-error', root).textContent = e.message; }
    });
    if ($('#edit-open', root)) {
      $('#edit-open', root).addEventListener('click', () => { $('#edit-form', root).hidden = false; $('#edit-form input[name=reason]').focus(); });
      $('#edit-cancel', root).addEventListener('click', () => { $('#edit-form', root).hidden = true; });
      $('#edit-form', root).addEventListener('submit', async (ev) => {
        ev.preventDefault();
        const body = { version: t.version };
        for (const [k, v] of new FormData(ev.target)) if (v.trim() !== '') body[k] = v.trim();
        if (body.region === t.region) delete body.region;
        if (body.category === t.category) delete body.category;
        try { await api('PATCH', '/api/tickets/' + encodeURIComponent(t.ticketNo), body); route(); }
        catch (e) { $('#edit-error', root).textContent = e.message; }
      });
    }
  };

  // ---- registering a call ----
  const DRAFT_KEY = 'aidline.draft.register';
  const TEMPLATES = {
    aid_not_received: ['孩子本学期的{项目}还没有到账，学校说已经上报，请帮忙查一下卡在哪个环节。', '家里是建档立卡户，孩子在{学校}读书，今年没有收到国家助学金。'],
    policy_inquiry: ['想咨询孩子读{学段}可以享受哪些资助，需要准备什么材料、找谁申请。', '家庭经济困难学生认定怎么申请，什么时候截止？'],
    complaint: ['反映学校在发放资助时要求家长交钱/代扣费用，请核查。', '反映资助名单公示不公开、不公平，请核查。'],
    dropout: ['孩子已经很久没去上学了，家里困难，希望帮助劝返并了解有什么资助。'],
    other: ['来电人反映：'],
  };

  views.register = async (root) => {
    root.innerHTML = `<h2>登记来电</h2>
      <form id="register-form" class="card" autocomplete="off">
        <div class="grid2">
          <label>来电人姓名 <input name="callerName" required autofocus></label>
          <label>联系电话 <input name="callerPhone" required placeholder="手机或固话" autocomplete="off"></label>
          <label>地区 <input name="region" required placeholder="如 湖南省岳阳市华容县 或 华容" list="region-list-r"></label>
          <label>学生身份证号/学籍号（可选） <input name="studentId" autocomplete="off"></label>
          <label>分类 <select name="category">${categoryOptions('aid_not_received', false)}</select></label>
          <label>常用诉求 <select id="template"><option value="">选择后填入来电内容</option></select></label>
        </div>
        <datalist id="region-list-r">${(settings().regions || []).map((r) => `<option value="${esc(r)}">`).join('')}</datalist>
        <div id="caller-history" class="muted" aria-live="polite"></div>
        <label>来电内容 <textarea name="description" rows="4" required></textarea></label>
        <div id="dup-warning" class="warn" hidden></div>
        <p class="actions"><button id="register-submit" data-then="">保存工单</button>
          <button type="button" id="register-dispatch" class="secondary">保存并派单</button>
          <span class="muted">Ctrl+Enter 保存</span> <span class="error" id="register-error" role="alert"></span></p>
      </form>`;
    const form = $('#register-form', root);
    const draft = JSON.parse(sessionStorage.getItem(DRAFT_KEY) || 'null');
    if (draft) {
      for (const [k, v] of Object.entries(draft)) if (form.elements[k]) form.elements[k].value = v;
      $('#register-error').textContent = '';
      const note = document.createElement('p');
      note.className = 'warn';
      note.id = 'draft-restored';
      note.textContent = '已恢复上次未保存的来电登记内容。';
      form.prepend(note);
    }
    const saveDraft = () => sessionStorage.setItem(DRAFT_KEY, JSON.stringify(Object.fromEntries(new FormData(form))));
    form.addEventListener('input', saveDraft);
    form.elements.callerName.focus();

    const fillTemplates = () => {
      $('#template').innerHTML = '<option value="">选择后填入来电内容</option>' + (TEMPLATES[form.elements.category.value] || []).map((x, i) => `<option value="${i}">${esc(x.slice(0, 24))}…</option>`).join('');
    };
    fillTemplates();
    form.elements.category.addEventListener('change', fillTemplates);
    $('#template').addEventListener('change', (ev) => {
      const x = (TEMPLATES[form.elements.category.value] || [])[ev.target.value];
      if (x) { form.elements.description.value = x; saveDraft(); form.elements.description.focus(); }
    });

    // caller history by the exact number typed; only once it is a whole phone number
    let lastLookup = '';
    const history = async () => {
      const phone = form.elements.callerPhone.value.replace(/[\s-]/g, '');
      if (!/^(1\d{10}|0\d{9,11})$/.test(phone) || phone === lastLookup) return;
      lastLookup = phone;
      try {
        const r = await api('GET', '/api/tickets?size=5&q=' + encodeURIComponent(form.elements.callerPhone.value.trim()));
        $('#caller-history').innerHTML = r.total
          ? `<strong>该号码的历史工单（${r.total}）：</strong>` + r.items.map((x) => `<a href="#/ticket/${esc(x.ticketNo)}">${esc(x.ticketNo)}</a> ${esc(x.categoryName)} · ${esc(x.statusLabel)} · ${esc(fmtTime(x.createdAt))}`).join('；')
          : '该号码没有历史工单。';
      } catch (e) { /* history is a help, not a step */ }
    };
    form.elements.callerPhone.addEventListener('input', history);
    form.elements.callerPhone.addEventListener('blur', history);

    let warnedFor = null;
    let thenDispatch = false;
    $('#register-dispatch').addEventListener('click', () => { thenDispatch = true; form.requestSubmit(); });
    $('#register-submit').addEventListener('click', () => { thenDispatch = false; });
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
              open.map((x) => `<a href="#/ticket/${esc(x.ticketNo)}">${esc(x.ticketNo)}</a>（${esc(x.categoryName)}，${esc(x.statusLabel)}）`).join('、') +
              '。同一来电人、学生和分类的来电会自动并入原工单。确认仍要保存，请再次点击保存。';
            return;
          }
        }
        const t = await api('POST', '/api/tickets', body);
        sessionStorage.removeItem(DRAFT_KEY);
        if (thenDispatch && t.status === 'received') {
          try { await api('POST', `/api/tickets/${encodeURIComponent(t.ticketNo)}/actions`, { action: 'dispatch', version: t.version }); }
          catch (e) { /* saved anyway; the order page shows it still to dispatch */ }
        }
        location.hash = '#/ticket/' + encodeURIComponent(t.ticketNo);
      } catch (e) { $('#register-error').textContent = e.message; }
    });
  };
})();
