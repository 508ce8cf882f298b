'use strict';
// Dashboard: orders by status, category and region, the overdue trend, satisfaction, and the
// questions the bot could not answer (what the knowledge base is missing).
(function () {
  const { api, views, esc } = window.aidline;
  const STATUS = { received: '已受理', dispatched: '已派单', accepted: '已签收', in_progress: '办理中', resolved: '已办结待回访', closed: '已关闭', cancelled: '已撤销' };
  const CATEGORY = { aid_not_received: '资助未到账', policy_inquiry: '政策咨询', complaint: '投诉举报', dropout: '控辍保学', other: '其他' };
  let charts = [];

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
      </div>
      <div class="card"><h3>机器人未能回答的问题（知识库缺什么）</h3>
        <table><thead><tr><th>问题</th><th>次数</th><th>最近</th><th>原因</th></tr></thead><tbody>
        ${d.unanswered.map((q) => `<tr><td>${esc(q.text)}</td><td>${q.count}</td><td>${esc(window.aidline.fmtTime(q.lastAt))}</td>
          <td>${q.reason === 'handoff' ? '转人工' : '未理解'}</td></tr>`).join('') || '<tr><td colspan="4" class="muted">暂无</td></tr>'}
        </tbody></table></div>`;
    const colors = ['#1f5fbf', '#3b82f6', '#60a5fa', '#f59e0b', '#10b981', '#6b7280', '#c0392b', '#8b5cf6', '#14b8a6', '#f97316', '#84cc16', '#ec4899'];
    chart('c-status', 'doughnut', d.byStatus.map((c) => STATUS[c.key] || c.key), [{ data: d.byStatus.map((c) => c.count), backgroundColor: colors }]);
    chart('c-category', 'bar', d.byCategory.map((c) => CATEGORY[c.key] || c.key), [{ label: '工单数', data: d.byCategory.map((c) => c.count), backgroundColor: '#1f5fbf' }]);
    chart('c-region', 'bar', d.byRegion.map((c) => c.key || '未填'), [{ label: '工单数', data: d.byRegion.map((c) => c.count), backgroundColor: '#60a5fa' }], { indexAxis: 'y' });
    chart('c-trend', 'line', d.overdueTrend.map((x) => x.day.slice(5)), [
      { label: '当日到期', data: d.overdueTrend.map((x) => x.due), borderColor: '#1f5fbf' },
      { label: '其中超期', data: d.overdueTrend.map((x) => x.overdue), borderColor: '#c0392b' }]);
  };
})();
