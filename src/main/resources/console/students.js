'use strict';
// Student pages of the console: lookup by 身份证号/学籍号 (entitlements with their sources, aid
// records, gaps, work orders) and the gap report with one-click work orders.
(function () {
  const { api, views, esc, go, dialog } = window.aidline;
  // The 身份证号 looked up never goes into the URL (history, logs): it is kept for this tab only.
  const LOOKUP_KEY = 'aidline.student';
  const $ = (sel, root) => (root || document).querySelector(sel);
  const money = (a, unit) => a == null ? '' : `${a} ${esc(unit || '元')}`;
  const cite = (c) => c ? `<div class="muted">依据：《${esc(c.title)}》${c.docNumber ? '（' + esc(c.docNumber) + '）' : ''}${esc(c.section || '')}：“${esc(c.quote)}”</div>` : '';

  views.student = async (root, args) => {
    if (args[0]) { sessionStorage.setItem(LOOKUP_KEY, args[0]); history.replaceState(null, '', '#/student'); }
    const id = sessionStorage.getItem(LOOKUP_KEY) || '';
    root.innerHTML = `<h2>学生查询</h2>
      <form id="student-form" class="card inline">
        <label>身份证号或学籍号 <input name="id" id="student-id" value="${esc(id)}" required size="24" autocomplete="off"></label>
        <button id="student-submit">查询</button>
      </form><div id="student-result"></div>`;
    $('#student-form', root).addEventListener('submit', (ev) => {
      ev.preventDefault();
      sessionStorage.setItem(LOOKUP_KEY, $('#student-id').value.trim());
      window.aidline.route();
    });
    if (!id) return;
    const out = $('#student-result', root);
    let v;
    try { v = await api('GET', '/api/students/' + encodeURIComponent(id)); } catch (e) { out.innerHTML = `<p class="error">${esc(e.message)}</p>`; return; }
    const s = v.student;
    out.innerHTML = `
      <div class="card" id="student-card"><h3>${esc(s.name)} <span class="muted">${esc(s.nationalId)} · ${esc(s.studentNo || '')}</span></h3>
        <p>${esc(s.school)} · ${esc(s.stage)} ${esc(s.grade || '')} · ${s.boarder ? '寄宿' : '走读'} · ${esc((s.categories || []).join('、') || '无困难类别')} · ${esc(s.region)}</p>
        <p class="muted">监护人 ${esc(s.guardianName || '')} ${esc(s.guardianPhone || '')}</p></div>
      <div class="card"><h3>${esc(v.schoolYear)} 学年应享受的资助</h3>
        ${(v.entitlements || []).map((e) => `<div><strong>${esc(e.item)}</strong>：${money(e.amount, e.unit)}${cite(e.citation)}</div>`).join('') || '<p class="muted">按现有政策文件未找到应享受的项目</p>'}</div>
      <div class="card" id="student-gaps"><h3>资助缺口</h3>
        ${(v.gaps || []).map((g) => `<div class="warn"><strong>${esc(g.item)}</strong> ${money(g.amount, g.unit)} — ${esc(g.reason)}${g.step ? '（卡在「' + esc(g.step) + '」）' : ''}</div>`).join('') || '<p class="muted">没有发现缺口</p>'}
        ${(v.gaps || []).length ? '<p><button id="open-aid-ticket">为该生登记“资助未到账”工单</button> <span class="error" id="gap-error"></span></p>' : ''}</div>
      <div class="card"><h3>资助发放记录</h3><table><thead><tr><th>学年</th><th>学期</th><th>项目</th><th>金额</th><th>状态</th><th>日期</th></tr></thead><tbody>
        ${(v.aid || []).map((a) => `<tr><td>${esc(a.schoolYear)}</td><td>${esc(a.term)}</td><td>${esc(a.item)}</td><td>${esc(a.amount)}</td><td>${esc(a.status)}</td><td>${esc(a.date || '')}</td></tr>`).join('') || '<tr><td colspan="6" class="muted">无记录</td></tr>'}
      </tbody></table></div>
      <div class="card"><h3>相关工单</h3>
        ${(v.tickets || []).map((t) => `<div><a href="#/ticket/${esc(t.ticketNo)}">${esc(t.ticketNo)}</a> ${esc(t.statusLabel)} ${t.overdue ? '<span class="badge overdue">已超期</span>' : ''}</div>`).join('') || '<p class="muted">无</p>'}</div>`;
    const btn = $('#open-aid-ticket', out);
    if (btn) {
      btn.addEventListener('click', async () => {
        try { const r = await api('POST', `/api/students/${encodeURIComponent(id)}/tickets`); location.hash = '#/ticket/' + encodeURIComponent(r.ticketNo); }
        catch (e) { $('#gap-error').textContent = e.message; }
      });
    }
  };

  views.gaps = async (root, args, q) => {
    const p = new URLSearchParams();
    for (const k of ['region', 'school', 'stage']) if (q.get(k)) p.set(k, q.get(k));
    const r = await api('GET', '/api/students/gaps?' + p.toString());
    root.innerHTML = `<h2>资助缺口 <span class="muted">${esc(r.schoolYear)} 学年 · ${r.count} 名学生${r.truncated ? '（仅显示部分）' : ''}</span></h2>
      <form id="gap-filter" class="filters">
        <label>地区 <input name="region" value="${esc(q.get('region'))}" placeholder="如 华容"></label>
        <label>学校 <input name="school" value="${esc(q.get('school'))}"></label>
        <label>学段 <input name="stage" value="${esc(q.get('stage'))}" placeholder="如 初中"></label>
        <button>筛选</button> <a href="/api/students/gaps?${esc(p.toString())}&format=csv">导出 CSV</a>
        <button type="button" id="gap-tickets" class="secondary">为列表中的学生逐一登记工单</button> <span id="gap-msg"></span>
      </form>
      <table><thead><tr><th>学生</th><th>学校</th><th>缺口</th></tr></thead><tbody>
      ${r.students.map((row) => `<tr><td>${esc(row.student.name)}<br><span class="muted">${esc(row.student.nationalId)}</span></td>
        <td>${esc(row.student.school)}<br><span class="muted">${esc(row.student.region)}</span></td>
        <td>${row.gaps.map((g) => `${esc(g.item)} ${money(g.amount, g.unit)}：${esc(g.reason)}`).join('<br>')}</td></tr>`).join('') || '<tr><td colspan="3" class="muted">没有缺口</td></tr>'}
      </tbody></table>`;
    $('#gap-filter', root).addEventListener('submit', (ev) => {
      ev.preventDefault();
      go('gaps', Object.fromEntries(new FormData(ev.target)));
    });
    $('#gap-tickets', root).addEventListener('click', async () => {
      const ok = await dialog('逐一登记工单', `<p id="bulk-count">将为列表中的 <strong>${r.count}</strong> 名学生逐一登记“资助未到账”工单（已有未办结工单的学生会关联到原工单）。</p>`,
        `确认登记 ${r.count} 名学生`);
      if (!ok) return;
      try { const res = await api('POST', '/api/students/gaps/tickets?' + p.toString()); $('#gap-msg').textContent = `已登记/关联 ${Array.isArray(res.opened) ? res.opened.length : res.opened} 张工单`; }
      catch (e) { $('#gap-msg').textContent = e.message; }
    });
  };
})();
