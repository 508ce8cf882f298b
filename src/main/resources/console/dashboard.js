'use strict';
// Dashboard: orders by status, category and region, the overdue trend, satisfaction, and the
// questions the bot could not answer (what the knowledge base is missing).
(function () {
  const { api, views, esc } = window.aidline;
  const STATUS = { received: '已受理', dispatched: '已派单', accepted: '已签收', in_progress: '办理中', resolved: '已办结待回访', closed: '已关闭', cancelled: '已撤销' };
  const CATEGORY = { aid_not_received: '资助未到账', policy_inquiry: '政策咨询', complaint: '投诉举报', dropout: '控辍保学', other: '其他' };
  const REASON = { handoff: '转人工', unknown: '未理解', low_confidence: '回答把握不大', uncited: '回答无依据' };
  let charts = [];
  // every label shown (chart.js skips every other one when they crowd)
  const allLabels = { ticks: { autoSkip: false } };
  // the county is what tells bars apart: 湖南省岳阳市华容县 → 华容县 (a city alone stays 岳阳市)
  const shortRegion = (r) => String(r || '未填').replace(/^.+?省/, '').replace(/^.+?(市|州|盟|地区)(?=.)/, '');

  function chart(id, type, labels, datasets, options) {
    const el = document.getElementById(id);
    if (!el || typeof Chart === 'undefined') return;
    charts.push(new Chart(el, { type, data: { labels, datasets }, options: Object.assign({ animation: false, responsive: true, plugins: { legend: { display: type !== 'bar' } } }, options || {}) }));
  }

  views.dashboard = async (root) => {
    charts.forEach((c) => c.destroy());
    charts = [];
    const d = await api('GET', '/api/reports/dashboard');
    const rate = d.satisfactionRate == null ? '—' : (d.satisfactionRate * 100).toFixed(1) + '%';
    root.innerHTML = `<h2>数据看板</h2>
      <div class="grid2" id="kpis">
        <div class="card"><div class="muted">工单总数</div><div class="kpi" id="kpi-total">${d.total}</div></div>
        <div class="card"><div class="muted">未办结</div><div class="kpi">${d.open}</div></div>
        <div class="card"><div class="muted">已超期（未办结）</div><div class="kpi" style="color:#c0392b">${d.overdueNow}</div></div>
        <div class="card"><div class="muted">回访满意率</div><div class="kpi">${rate}</div><div class="muted">满意 ${d.satisfied} · 不满意 ${d.dissatisfied}</div></div>
      </div>
      <div class="grid2">
        <div class="card"><h3>按状态</h3><canvas id="c-status"></canvas></div>
        <div class="card"><h3>按分类</h3><canvas id="c-category"></canvas></div>
        <div class="card"><h3>按地区</h3><canvas id="c-region"></canvas></div>
        <div class="card"><h3>近 14 天超期趋势（按办理时限日）</h3><canvas id="c-trend"></canvas></div>
        ${window.aidline.can('staff') ? '<div class="card"><h3>资助缺口学生（按地区）</h3><canvas id="c-gaps"></canvas><p class="muted" id="gaps-note"></p></div>' : ''}
      </div>
      <div class="card"><h3>机器人未能回答的问题（知识库缺什么）</h3>
        <table><thead><tr><th>问题</th><th>次数</th><th>最近</th><th>原因</th></tr></thead><tbody>
        ${d.unanswered.map((q) => `<tr><td>${esc(q.text)}</td><td>${q.count}</td><td>${esc(window.aidline.fmtTime(q.lastAt))}</td>
          <td>${esc(REASON[q.reason] || q.reason)}</td></tr>`).join('') || '<tr><td colspan="4" class="muted">暂无</td></tr>'}
        </tbody></table></div>`;
    const colors = ['#1f5fbf', '#3b82f6', '#60a5fa', '#f59e0b', '#10b981', '#6b7280', '#c0392b', '#8b5cf6', '#14b8a6', '#f97316', '#84cc16', '#ec4899'];
    chart('c-status', 'doughnut', d.byStatus.map((c) => STATUS[c.key] || c.key), [{ data: d.byStatus.map((c) => c.count), backgroundColor: colors }]);
    chart('c-category', 'bar', d.byCategory.map((c) => CATEGORY[c.key] || c.key), [{ label: '工单数', data: d.byCategory.map((c) => c.count), backgroundColor: '#1f5fbf' }]);
    chart('c-region', 'bar', d.byRegion.map((c) => shortRegion(c.key)), [{ label: '工单数', data: d.byRegion.map((c) => c.count), backgroundColor: '#60a5fa' }],
      { indexAxis: 'y', scales: { y: allLabels } });
    chart('c-trend', 'line', d.overdueTrend.map((x) => x.day.slice(5)), [
      { label: '当日到期', data: d.overdueTrend.map((x) => x.due), borderColor: '#1f5fbf' },
      { label: '其中超期', data: d.overdueTrend.map((x) => x.overdue), borderColor: '#c0392b' }], { scales: { x: allLabels } });
    if (window.aidline.can('staff')) {
      try {
        const g = await api('GET', '/api/students/gaps');
        const by = {};
        for (const row of g.students) {
          const k = shortRegion(row.student.region);
          by[k] = (by[k] || 0) + 1;
        }
        const keys = Object.keys(by).sort((a, b) => by[b] - by[a]).slice(0, 12);
        chart('c-gaps', 'bar', keys, [{ label: '学生数', data: keys.map((k) => by[k]), backgroundColor: '#f59e0b' }], { indexAxis: 'y', scales: { y: allLabels } });
        const note = document.getElementById('gaps-note');
        if (note) note.textContent = `${g.schoolYear} 学年共 ${g.count} 名学生有未到账的资助${g.truncated ? '（图中为前一部分）' : ''}`;
      } catch (e) { /* the other charts still stand */ }
    }
  };
})();
